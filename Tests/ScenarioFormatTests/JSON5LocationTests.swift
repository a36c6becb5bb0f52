import Testing
@testable import ScenarioFormat

/// Locations are what make a message useful, so they get their own suite.
@Suite("JSON5Parser locations")
struct JSON5LocationTests {
    private func location(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }

    @Test("keys and values each carry their own line and column, after comments")
    func keysAndValues() throws {
        let text = """
        // a scenario
        {
          /* block
             comment */ name: 'demo',   // trailing comment
          "horizon": "30 d",
        \tseed: 42,
        }
        """
        let root = try #require(parseJSON5(text).node)
        let members = try #require(root.members)
        #expect(root.location == location(2, 1))
        #expect(members[0].keyLocation == location(4, 17))  // 5 spaces, "comment" (6–12), " */ " (13–16)
        #expect(members[0].value.location == location(4, 23))
        #expect(members[1].keyLocation == location(5, 3))
        #expect(members[1].value.location == location(5, 14))
        // A tab is one column.
        #expect(members[2].keyLocation == location(6, 2))
        #expect(members[2].value.location == location(6, 8))
    }

    @Test("a string continued over lines moves the following locations to the right line")
    func multiLineString() throws {
        let text = "{ a: 'one \\\ntwo \\\nthree', b: 1 }"
        let root = try #require(parseJSON5(text).node)
        #expect(root["a"]?.string == "one two three")
        #expect(root["a"]?.location == location(1, 6))
        #expect(root.members?[1].keyLocation == location(3, 9))
        #expect(root["b"]?.location == location(3, 12))
    }

    @Test("CR LF, lone CR, U+2028 and U+2029 each end exactly one line")
    func lineTerminators() throws {
        let text = "[1,\r\n2,\r3,\u{2028}4,\u{2029} 5]"
        let elements = try #require(parseJSON5(text).node?.elements)
        #expect(elements.map(\.location) == [location(1, 2), location(2, 1), location(3, 1), location(4, 1), location(5, 2)])
    }

    @Test("columns count Unicode scalars, not bytes")
    func columnsCountScalars() throws {
        let root = try #require(parseJSON5("{ nom: 'café', x: 1 }").node)
        #expect(root.members?[1].keyLocation == location(1, 16))
    }

    @Test("array elements and nested values are located")
    func nested() throws {
        let text = """
        {
          pools: [
            { chips: 8 },
            { chips: -3 },
          ],
        }
        """
        let root = try #require(parseJSON5(text).node)
        let pools = try #require(root["pools"]?.elements)
        #expect(pools[1].location == location(4, 5))
        #expect(pools[1]["chips"]?.location == location(4, 14))
    }

    @Test("a syntax error after a multi-line comment is reported on the right line and column")
    func errorAfterComment() {
        let text = "{\n  /* one\n     two */ a: 1\n  b: 2\n}"
        #expect(rendered(parseJSON5(text).diagnostics) == [
            "test.json5:4:3: error: expected ',' or '}' after object member, found 'b'",
        ])
    }
}
