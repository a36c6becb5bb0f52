/// The physical (or monetary) dimension of a quantity, and its SI base unit.
///
/// Named `QuantityDimension` rather than `Dimension` because Foundation already declares a
/// `Dimension` class, and every file that imports both would have to disambiguate.
/// Raw values are the kebab-case names used in the JSON Schema and in messages.
public enum QuantityDimension: String, CaseIterable, Hashable, Sendable {
    /// Watts.
    case power
    /// Joules.
    case energy
    /// Bytes (memory and storage sizes).
    case bytes
    /// Bytes per second; bit rates (`b/s`) are divided by 8.
    case bandwidth
    /// Seconds; read as `SimDuration` (integer nanoseconds).
    case duration
    /// Dollars.
    case money
    /// Dollars per second. `$/h` and `$/chip-h` both land here: the field's name says what the
    /// price is per (a chip, a pool), and `chip-` only lets the file say so too.
    case pricePerTime = "price-per-time"
    /// Dollars per joule; usually written per kWh.
    case energyPrice = "energy-price"
    /// Grams of CO2 (equivalent) per joule; usually written per kWh.
    case carbonIntensity = "carbon-intensity"
    /// Floating-point operations per second.
    case computeRate = "compute-rate"
    /// Hertz.
    case frequency
    /// A pure number; `%` divides by 100.
    case ratio
    /// Degrees Celsius (outdoor temperature for PUE); the only unit is °C, so no offsets.
    case temperature

    /// The SI (or base) unit every value of this dimension is converted to.
    public var baseUnit: String {
        switch self {
        case .power: "W"
        case .energy: "J"
        case .bytes: "B"
        case .bandwidth: "B/s"
        case .duration: "s"
        case .money: "$"
        case .pricePerTime: "$/s"
        case .energyPrice: "$/J"
        case .carbonIntensity: "g/J"
        case .computeRate: "FLOP/s"
        case .frequency: "Hz"
        case .ratio: ""
        case .temperature: "°C"
        }
    }

    /// What a value of this dimension is called in messages, without an article.
    public var noun: String {
        switch self {
        case .power: "power"
        case .energy: "energy"
        case .bytes: "size"
        case .bandwidth: "bandwidth"
        case .duration: "duration"
        case .money: "amount of money"
        case .pricePerTime: "price per hour"
        case .energyPrice: "energy price"
        case .carbonIntensity: "carbon intensity"
        case .computeRate: "compute rate"
        case .frequency: "frequency"
        case .ratio: "ratio"
        case .temperature: "temperature"
        }
    }

    /// A typical value as a user would write it, shown in messages and the schema.
    public var example: String {
        switch self {
        case .power: "700 W"
        case .energy: "1.2 MWh"
        case .bytes: "96 GiB"
        case .bandwidth: "3.35 TB/s"
        case .duration: "30 d"
        case .money: "$1200"
        case .pricePerTime: "$2.10/chip-h"
        case .energyPrice: "$0.08/kWh"
        case .carbonIntensity: "400 gCO2/kWh"
        case .computeRate: "989 TFLOP/s"
        case .frequency: "1.8 GHz"
        case .ratio: "50 %"
        case .temperature: "25 °C"
        }
    }
}

/// A sign restriction on a number or quantity, checked where the caller asks for it.
public enum NumberBound: Hashable, Sendable {
    /// Any finite value.
    case any
    /// Zero or more.
    case nonNegative
    /// More than zero.
    case positive

    /// Whether `value` satisfies the bound (NaN never does).
    public func admits(_ value: Double) -> Bool {
        switch self {
        case .any: value.isFinite
        case .nonNegative: value.isFinite && value >= 0
        case .positive: value.isFinite && value > 0
        }
    }

    /// The adjective used in messages ("a positive duration"), empty for `.any`.
    var adjective: String {
        switch self {
        case .any: ""
        case .nonNegative: "non-negative"
        case .positive: "positive"
        }
    }

    /// `noun` qualified by the bound, with the right article: "a positive power", "an energy".
    func describe(_ noun: String) -> String {
        let phrase = adjective.isEmpty ? noun : adjective + " " + noun
        return withArticle(phrase)
    }
}

/// `phrase` with "a" or "an" in front, by its first letter.
func withArticle(_ phrase: String) -> String {
    guard let first = phrase.first?.lowercased() else { return phrase }
    return ("aeiou".contains(first) ? "an " : "a ") + phrase
}
