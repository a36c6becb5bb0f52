import Testing
import SimKernel
@testable import ScenarioFormat

/// A small section shaped like the ones later issues will define.
private struct Pool: Equatable {
    var name: String
    var chips: Int
    var power: Double?
    var isPreemptible: Bool
}

private enum Policy: String, CaseIterable {
    case fifo
    case priority
    case shortestFirst = "shortest-first"
}

private let poolReader = ValueReader<Pool>.object("a pool") { pool in
    let name = pool.required("name", .nonEmptyString)
    let chips = pool.required("chips", .integer(.positive))
    let power = pool.optional("power-cap", .quantity(.power, .positive))
    let isPreemptible = pool.optional("preemptible", .bool, default: false)
    guard let name, let chips else { return nil }
    return Pool(name: name, chips: chips, power: power, isPreemptible: isPreemptible)
}

@Suite("ObjectReader")
struct ObjectReaderTests {
    @Test("reads typed fields and applies documented defaults")
    func readsFields() {
        let (pool, diagnostics) = read("{ name: 'east', chips: 4096, 'power-cap': '1.2 MW' }", with: poolReader)
        #expect(diagnostics.isEmpty)
        #expect(pool == Pool(name: "east", chips: 4096, power: 1.2e6, isPreemptible: false))
    }

    @Test("an unknown key suggests the nearest valid key and lists them all")
    func unknownKey() {
        let (_, diagnostics) = read("{ name: 'east', chips: 8, powr_cap: 5 }", with: poolReader)
        #expect(rendered(diagnostics) == [
            "test.json5:1:27: error: powr_cap: unknown key 'powr_cap'; did you mean 'power-cap'? (valid keys: name, chips, power-cap, preemptible)",
        ])
    }

    @Test("a value of the wrong type says what was expected and what was found")
    func wrongType() {
        let (_, diagnostics) = read("{ name: 3, chips: '8', preemptible: 'yes' }", with: poolReader)
        #expect(rendered(diagnostics) == [
            "test.json5:1:9: error: name: expected a non-empty string, got number 3",
            "test.json5:1:19: error: chips: expected a positive integer, got string \"8\"",
            "test.json5:1:37: error: preemptible: expected true or false, got string \"yes\"",
        ])
    }

    @Test("a missing required key is reported at the object with the key's path")
    func missingKey() {
        let (pool, diagnostics) = read("\n  { chips: 8 }", with: poolReader)
        #expect(pool == nil)
        #expect(rendered(diagnostics) == ["test.json5:2:3: error: name: missing required key 'name' (expected a non-empty string)"])
    }

    @Test("every problem in an array of objects is reported with its index path")
    func arrayOfObjects() {
        let text = """
        [
          { name: 'a', chips: 8 },
          { name: '', chips: -3 },
          { name: 'c', chips: 2.5, extra: 1 },
        ]
        """
        let (pools, diagnostics) = read(text, with: .array(of: poolReader))
        #expect(pools == nil)
        #expect(rendered(diagnostics) == [
            "test.json5:3:11: error: [1].name: expected a non-empty string, got \"\"",
            "test.json5:3:22: error: [1].chips: expected a positive integer, got -3",
            "test.json5:4:23: error: [2].chips: expected a positive integer, got 2.5",
            "test.json5:4:28: error: [2].extra: unknown key 'extra' (valid keys: name, chips, power-cap, preemptible)",
        ])
    }

    @Test("null does not stand for an absent optional field")
    func nullIsAValue() {
        let (_, diagnostics) = read("{ name: 'a', chips: 1, 'power-cap': null }", with: poolReader)
        #expect(diagnostics.map(\.message) == [#"expected a positive power such as "700 W" (units: W, kW, MW, GW), got null"#])
    }

    @Test("an unknown name in a choice lists the valid names and the nearest one")
    func choices() {
        let reader = ValueReader<Policy>.choice(Policy.self, of: "scheduling policy")
        #expect(read("'shortest-first'", with: reader).value == .shortestFirst)
        #expect(rendered(read("'fifp'", with: reader).diagnostics) == [
            "test.json5:1:1: error: unknown scheduling policy 'fifp'; did you mean 'fifo'? (valid: fifo, priority, shortest-first)",
        ])
    }

    @Test("a registry lookup returns the registered value")
    func lookup() {
        let table: [(name: String, value: Int)] = [("tpu-v7", 7), ("h100-sxm", 100), ("trn2", 2)]
        let reader = ValueReader<Int>.lookup(table, of: "platform")
        #expect(read("'trn2'", with: reader).value == 2)
        #expect(read("'h100'", with: reader).diagnostics.map(\.message) == ["unknown platform 'h100' (valid: tpu-v7, h100-sxm, trn2)"])
    }

    @Test("integers, numbers and ranges reject what does not fit", arguments: [
        ("9", ValueReader<Int>.integer(in: 1...8), "expected an integer from 1 to 8, got 9"),
        ("1e30", ValueReader<Int>.integer, "expected an integer, got 1e30"),
        ("-1", ValueReader<Int>.integer(.nonNegative), "expected a non-negative integer, got -1"),
    ])
    func integerBounds(text: String, reader: ValueReader<Int>, message: String) {
        #expect(read(text, with: reader).diagnostics.map(\.message) == [message])
    }

    @Test("numbers reject non-finite values and values out of range")
    func numberBounds() {
        #expect(read("Infinity", with: .number).diagnostics.map(\.message) == ["expected a finite number, got Infinity"])
        #expect(read("1.5", with: .number(in: 0...1)).diagnostics.map(\.message) == ["expected a number from 0 to 1, got 1.5"])
        #expect(read("0x10", with: .number(.positive)).value == 16)
    }

    @Test("quantities accept plain numbers in the base unit and durations in seconds")
    func plainQuantities() {
        #expect(read("700", with: .quantity(.power)).value == 700)
        #expect(read("-3", with: .quantity(.power, .positive)).diagnostics.map(\.message) == ["expected a positive power in W, got -3"])
        #expect(read("90", with: .duration(.positive)).value == .seconds(90))
        #expect(read("'2 min'", with: .duration(.positive)).value == .seconds(120))
        #expect(read("true", with: .duration()).diagnostics.map(\.message) == [
            #"expected a duration such as "30 d" (units: ns, us, µs, μs, ms, s, min, h, d), got boolean true"#,
        ])
    }

    @Test("a table of user-named entries keeps file order")
    func entries() {
        let (value, diagnostics) = read("{ b: 2, a: 1, c: 3 }", with: .entries(of: .integer))
        #expect(diagnostics.isEmpty)
        #expect(value?.map(\.key) == ["b", "a", "c"])
        #expect(value?.map(\.value) == [2, 1, 3])
    }

    @Test("keys allowed without being read are not reported")
    func allowedKeys() {
        let reader = ValueReader<Int>.object { object in
            object.allow("comment")
            return object.required("x", .integer)
        }
        #expect(read("{ x: 1, comment: 'ignored' }", with: reader).diagnostics.isEmpty)
    }

    @Test("checked readers report the value as written")
    func checkedReaders() {
        let even = ValueReader<Int>.integer.checked("an even integer") { $0 % 2 == 0 }
        #expect(read("3", with: even).diagnostics.map(\.message) == ["expected an even integer, got 3"])
        #expect(read("[2, 5]", with: .array(of: even)).diagnostics.map(\.path.description) == ["[1]"])
    }
}
