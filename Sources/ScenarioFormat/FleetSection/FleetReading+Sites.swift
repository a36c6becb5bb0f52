import Fleet
import Foundation

/// A site's fields as read; PUE curve points may still be fractions of the site's IT maximum.
struct SiteDraft {
    /// An IT-load coordinate of a PUE curve point, as written.
    enum ITLoad {
        /// A fraction (0 … 1) of the IT hardware maximum of the site's pools.
        case fraction(Double)
        case power(Watts)
    }

    enum PUE {
        case constant(Double)
        case curve([(load: ITLoad, pue: Double)])
        /// (°C, PUE) points and the hourly outdoor temperature in °C.
        case temperature([(celsius: Double, pue: Double)], HourlySeries<Double>)
    }

    var name: String
    var pue: PUE
    var gridLimit: Watts?
    var powerCap: Watts?
    var electricityPrice: HourlySeries<DollarsPerJoule>
    var carbonIntensity: HourlySeries<GramsCO2PerJoule>
    var timeZone: String
    var capPolicy: PowerCapPolicy?
}

/// ```json5
/// { name: "council-bluffs",
///   pue: 1.1,                                  // or { curve: [[0.2, 1.25], [1.0, 1.08]] }
///   grid_limit: "600 MW", power_cap: "550 MW", // optional
///   electricity_price: "0.06 $/kWh",           // or ["0.05 $/kWh", …]: hour h uses entry h mod n
///   carbon_intensity: "350 gCO2/kWh",          // same forms
///   time_zone: "America/Chicago" }             // optional, default "UTC"
/// ```
extension FleetReading {
    func readSite(_ site: ObjectReader) {
        let name = required(site, "name", .nonEmptyString)
        if let name {
            if let first = sites.first(where: { $0.name == name }) {
                error(duplicateMessage(kind: "site name", name: name, firstAt: first.node.location),
                      at: node("name", in: site), in: site.context.appending("name"))
            }
        }
        var pue = required(site, "pue", Self.pueReader)
        let gridLimit = optional(site, "grid_limit", .quantity(.power, .positive)).map(Watts.init)
        let powerCap = optional(site, "power_cap", .quantity(.power, .positive)).map(Watts.init)
        var price = required(site, "electricity_price", Self.hourly(.energyPrice, .any)).map { $0.map(DollarsPerJoule.init) }
        var carbon = required(site, "carbon_intensity", Self.hourly(.carbonIntensity, .nonNegative)).map { $0.map(GramsCO2PerJoule.init) }
        let timeZone = optional(site, "time_zone", Self.timeZoneReader) ?? (site.node["time_zone"] == nil ? "UTC" : nil)
        if optional(site, "series_hours", .choice(["simulation", "local"], of: "series clock")) == "local", let zone = timeZone {
            price = price.flatMap { localHours($0, key: "electricity_price", in: site, zone: zone) }
            carbon = carbon.flatMap { localHours($0, key: "carbon_intensity", in: site, zone: zone) }
            if case .temperature(let points, let temperature)? = pue {
                pue = localHours(temperature, key: "pue", in: site, zone: zone).map { SiteDraft.PUE.temperature(points, $0) }
            }
        }
        let enforced: Watts? = switch (gridLimit, powerCap) {
        case let (g?, c?): min(g, c)
        case let (g, c): g ?? c
        }
        let capPolicy = readCapPolicy(site, limit: enforced)

        if let gridLimit, let powerCap, powerCap > gridLimit {
            site.context.appending("power_cap").warning(
                "power cap \(describePower(powerCap)) is above the grid limit \(describePower(gridLimit)); the grid limit binds first",
                at: node("power_cap", in: site).location)
        }
        var draft: SiteDraft?
        if let name, let pue, let price, let carbon, let timeZone {
            draft = SiteDraft(name: name, pue: pue, gridLimit: gridLimit, powerCap: powerCap,
                              electricityPrice: price, carbonIntensity: carbon, timeZone: timeZone, capPolicy: capPolicy)
        }
        sites.append(SiteEntry(name: name, node: site.node, draft: draft))
    }

    /// The sites with PUE curves resolved against the IT hardware maximum of each site's
    /// pools; nil when any site or pool is invalid.
    func resolveSites() -> [Site]? {
        var result: [Site] = []
        for (index, entry) in sites.enumerated() {
            guard let draft = entry.draft else { return nil }
            let pue: PUEModel
            switch draft.pue {
            case .constant(let value):
                pue = .constant(value)
            case .temperature(let points, let temperature):
                pue = .outdoorTemperature(points: points.map { PUEModel.TemperaturePoint(celsius: $0.celsius, pue: $0.pue) },
                                          temperature: temperature)
            case .curve(let points):
                var itMaximum = Watts.zero
                for pool in pools where pool.siteIndex == index {
                    guard let pool = pool.pool else { return nil }
                    itMaximum += pool.powerDomain.hardwareMaximum
                }
                pue = .curve(points: points.map { point in
                    switch point.load {
                    case .fraction(let f): PUEModel.Point(itLoad: itMaximum * f, pue: point.pue)
                    case .power(let w): PUEModel.Point(itLoad: w, pue: point.pue)
                    }
                })
            }
            var site = Site(id: SiteID(index), name: draft.name, pue: pue, gridLimit: draft.gridLimit,
                            powerCap: draft.powerCap, electricityPrice: draft.electricityPrice,
                            carbonIntensity: draft.carbonIntensity, timeZoneIdentifier: draft.timeZone)
            site.capPolicy = draft.capPolicy
            result.append(site)
        }
        return result
    }

    // MARK: Value readers

    static let pueValue = ValueReader<Double>.number.checked("a PUE of at least 1 (facility power / IT power)") { $0 >= 1 }

    /// `1.1`; `{ curve: [[IT load, PUE], …] }` with the load a fraction of the site's IT
    /// hardware maximum (`0.5`, `"50 %"`) or a power (`"200 MW"`); or
    /// `{ temperature_curve: [[°C, PUE], …], outdoor_temperature: SERIES }` where the series is
    /// a temperature, a list of hourly temperatures, or a CSV column (as prices are).
    static let pueReader: ValueReader<SiteDraft.PUE> = {
        let expectation = "a PUE: a number of at least 1 such as 1.1, { curve: [[IT load, PUE], …] }, or { temperature_curve: [[°C, PUE], …], outdoor_temperature: … }"
        let curve = ValueReader<SiteDraft.PUE>.object("a PUE curve ({ curve: [[IT load, PUE], …] } or { temperature_curve: …, outdoor_temperature: … })") { object in
            if object.contains("temperature_curve") || object.contains("outdoor_temperature") {
                let points = object.required("temperature_curve", .array(of: temperaturePoint, nonEmpty: true))
                let temperature = object.required("outdoor_temperature", hourly(.temperature, .any))
                guard let points, let temperature else { return nil }
                guard Set(points.map(\.celsius)).count == points.count else {
                    object.context.appending("temperature_curve").error(
                        "two PUE curve points at the same temperature; give each temperature once",
                        at: object.node["temperature_curve"]!.location)
                    return nil
                }
                return .temperature(points, temperature)
            }
            guard let points = object.required("curve", .array(of: curvePoint, nonEmpty: true)) else { return nil }
            // Two points at the same load would make the interpolation divide by zero.
            var seen: [String] = []
            for (index, point) in points.enumerated() {
                let key: String = switch point.load {
                case .fraction(let f): "f\(f)"
                case .power(let w): "w\(w.value)"
                }
                if seen.contains(key) {
                    let node = object.node["curve"]!.elements![index]
                    object.context.appending("curve").appending(index: index).error(
                        "two PUE curve points at the same IT load; give each load once", at: node.location)
                    return nil
                }
                seen.append(key)
            }
            return .curve(points)
        }
        return ValueReader(expecting: expectation) { node, context in
            switch node.kind {
            case .number:
                return pueValue.read(node, in: context).map(SiteDraft.PUE.constant)
            case .object:
                return curve.read(node, in: context)
            default:
                context.mismatch(expected: expectation, got: node)
                return nil
            }
        }
    }()

    /// `[°C, PUE]`, e.g. `[30, 1.25]` or `["30 °C", 1.25]`.
    static let temperaturePoint: ValueReader<(celsius: Double, pue: Double)> =
        pair(ValueReader<Double>.quantity(.temperature, .any), pueValue, expecting: "a curve point [°C, PUE] such as [30, 1.25]")
            .map { (celsius: $0.0, pue: $0.1) }

    /// A two-element array read element by element, each with its own path (`…[0]`, `…[1]`).
    static func pair<A, B>(_ first: ValueReader<A>, _ second: ValueReader<B>, expecting expectation: String) -> ValueReader<(A, B)> {
        ValueReader(expecting: expectation) { node, context in
            guard let elements = node.elements else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            guard elements.count == 2 else {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            let a = first.read(elements[0], in: context.appending(index: 0))
            let b = second.read(elements[1], in: context.appending(index: 1))
            guard let a, let b else { return nil }
            return (a, b)
        }
    }

    static let itLoad: ValueReader<SiteDraft.ITLoad> = {
        let expectation = "an IT load: a fraction of the site's IT hardware maximum from 0 to 1 (0.8 or \"80 %\"), or a power such as \"200 MW\""
        return ValueReader(expecting: expectation) { node, context in
            switch node.kind {
            case .number(let number):
                guard number.value.isFinite, (0...1).contains(number.value) else {
                    context.rejected(expected: expectation, got: node)
                    return nil
                }
                return .fraction(number.value)
            case .string(let text):
                if case .success(let fraction) = QuantityParser.parse(text, as: .ratio), text.contains("%") {
                    guard (0...1).contains(fraction) else {
                        context.rejected(expected: expectation, got: node)
                        return nil
                    }
                    return .fraction(fraction)
                }
                switch QuantityParser.parse(text, as: .power, bound: .nonNegative) {
                case .success(let watts): return .power(Watts(watts))
                case .failure:
                    context.rejected(expected: expectation, got: node)
                    return nil
                }
            default:
                context.mismatch(expected: expectation, got: node)
                return nil
            }
        }
    }()

    static let curvePoint: ValueReader<(load: SiteDraft.ITLoad, pue: Double)> =
        pair(itLoad, pueValue, expecting: "a curve point [IT load, PUE] such as [0.5, 1.15]").map { (load: $0.0, pue: $0.1) }

    /// A constant quantity; a non-empty array of hourly values that repeats (24 entries
    /// describe a day, 8,760 a year); or `{ csv: "file.csv", column: "name", unit: "$/MWh" }`,
    /// one value per row in hour order, the path relative to the scenario file, the cells plain
    /// numbers in `unit` (or quantities with their own units when `unit` is left out).
    static func hourly(_ dimension: QuantityDimension, _ bound: NumberBound) -> ValueReader<HourlySeries<Double>> {
        let single = ValueReader<Double>.quantity(dimension, bound)
        let list = ValueReader<[Double]>.array(of: single, nonEmpty: true)
        let file = csvSeries(dimension, bound)
        let expectation = single.expectation + ", a non-empty array of hourly values (hour h uses entry h mod count), or { csv: FILE, column: NAME, unit: UNIT }"
        return ValueReader(expecting: expectation) { node, context in
            let values: [Double]?
            switch node.kind {
            case .array: values = list.read(node, in: context)
            case .object: values = file.read(node, in: context)
            default: return single.read(node, in: context).map(HourlySeries.constant)
            }
            return values.map { $0.count == 1 ? .constant($0[0]) : .hourly($0) }
        }
    }

    /// `{ csv: "file.csv", column: "name", unit: "$/MWh" }`: the column's values in base units.
    static func csvSeries(_ dimension: QuantityDimension, _ bound: NumberBound) -> ValueReader<[Double]> {
        .object("a CSV series ({ csv: FILE, column: NAME, unit: UNIT })") { object in
            let path = object.required("csv", .nonEmptyString)
            let column = object.required("column", .nonEmptyString)
            // The unit is checked by converting one of it: "1 $/MWh".
            let unit = object.optional("unit", ValueReader<String>.nonEmptyString.flatMap { symbol, node, context in
                switch QuantityParser.parse("1 " + symbol, as: dimension) {
                case .success(let factor): return (symbol, factor)
                case .failure:
                    context.error("expected a unit of \(dimension.noun) (units: \(UnitRegistry.symbolList(of: dimension))), got '\(symbol)'",
                                  at: node.location)
                    return nil
                }
            })
            guard let path, let column, object.node["unit"] == nil || unit != nil else { return nil }
            let url = object.context.resolve(path)
            let csvContext = object.context.appending("csv")
            let csvNode = object.node["csv"]!
            switch CSVColumn.read(url, display: path, column: column) {
            case .failure(let message):
                csvContext.error(message.message, at: csvNode.location)
                return nil
            case .success(let cells):
                var values: [Double] = []
                values.reserveCapacity(cells.cells.count)
                for cell in cells.cells {
                    let parsed: Swift.Result<Double, QuantityError>
                    if let unit {
                        if let number = Double(cell.text), number.isFinite {
                            let value = number * unit.1
                            parsed = bound.admits(value) ? .success(value)
                                : .failure(QuantityError(message: "expected \(bound.describe(dimension.noun)), got \(cell.text) \(unit.0)"))
                        } else {
                            parsed = .failure(QuantityError(message: "expected a number in \(unit.0), got '\(cell.text)'"))
                        }
                    } else {
                        parsed = QuantityParser.parse(cell.text, as: dimension, bound: bound)
                    }
                    switch parsed {
                    case .success(let value): values.append(value)
                    case .failure(let problem):
                        csvContext.error("\(path):\(cell.line): column '\(column)': \(problem)", at: csvNode.location)
                        return nil
                    }
                }
                return values
            }
        }
    }

    /// An IANA time-zone identifier Foundation knows, such as `America/Chicago` or `UTC`.
    static let timeZoneReader = ValueReader<String>.nonEmptyString.flatMap { identifier, node, context in
        if TimeZone(identifier: identifier) != nil { return identifier }
        var message = "unknown time zone '\(identifier)'"
        if let nearest = NameSuggestion.nearest(to: identifier, in: TimeZone.knownTimeZoneIdentifiers) {
            message += "; did you mean '\(nearest)'?"
        }
        context.error(message + " (expected an IANA identifier such as \"America/Chicago\" or \"UTC\")", at: node.location)
        return nil
    }
}

extension HourlySeries where Value == Double {
    /// The same series with every value converted.
    func map<T>(_ transform: (Double) -> T) -> HourlySeries<T> {
        switch self {
        case .constant(let value): .constant(transform(value))
        case .hourly(let values): .hourly(values.map(transform))
        }
    }
}
