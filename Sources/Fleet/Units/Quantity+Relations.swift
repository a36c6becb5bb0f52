import SimKernel

// Cross-unit relations. Only the ones a fleet model needs: power × time, energy priced and
// carbon-weighted, data over bandwidth, rent over time. Durations come from SimKernel as
// integer nanoseconds; the conversion to seconds is exact up to Double rounding.

extension Watts {
    /// Energy drawn at this constant power for `duration`.
    @inlinable public static func * (power: Watts, duration: SimDuration) -> Joules { Joules(power.value * duration.seconds) }
    @inlinable public static func * (duration: SimDuration, power: Watts) -> Joules { power * duration }
    @inlinable public static func kilowatts(_ kw: Double) -> Watts { Watts(kw * 1e3) }
    @inlinable public static func megawatts(_ mw: Double) -> Watts { Watts(mw * 1e6) }
}

extension Joules {
    /// The constant power that delivers this energy over `duration`.
    /// - Precondition: `duration` is positive.
    @inlinable public static func / (energy: Joules, duration: SimDuration) -> Watts {
        precondition(duration.nanoseconds > 0, "power over a non-positive duration \(duration)")
        return Watts(energy.value / duration.seconds)
    }
    /// The cost of this energy at `price`.
    @inlinable public static func * (energy: Joules, price: DollarsPerJoule) -> Dollars { Dollars(energy.value * price.value) }
    /// The emissions of this energy at grid intensity `intensity`.
    @inlinable public static func * (energy: Joules, intensity: GramsCO2PerJoule) -> GramsCO2 { GramsCO2(energy.value * intensity.value) }
    @inlinable public static func kilowattHours(_ kwh: Double) -> Joules { Joules(kwh * 3.6e6) }
    @inlinable public var kilowattHours: Double { value / 3.6e6 }
}

extension Bytes {
    /// Seconds to move this many bytes at `rate` (a Double: callers round up with
    /// `SimDuration.seconds(roundingUp:)` so a transfer never completes early).
    /// - Precondition: `rate` is positive.
    @inlinable public static func / (size: Bytes, rate: BytesPerSecond) -> Double {
        precondition(rate.value > 0, "transfer at a non-positive rate \(rate)")
        return size.value / rate.value
    }
    @inlinable public static func gigabytes(_ gb: Double) -> Bytes { Bytes(gb * 1e9) }
    @inlinable public static func gibibytes(_ gib: Double) -> Bytes { Bytes(gib * 1_073_741_824) }
    @inlinable public static func mebibytes(_ mib: Double) -> Bytes { Bytes(mib * 1_048_576) }
}

extension BytesPerSecond {
    /// Bytes moved at this rate over `duration`.
    @inlinable public static func * (rate: BytesPerSecond, duration: SimDuration) -> Bytes { Bytes(rate.value * duration.seconds) }
    @inlinable public static func gigabytesPerSecond(_ gbps: Double) -> BytesPerSecond { BytesPerSecond(gbps * 1e9) }
    @inlinable public static func terabytesPerSecond(_ tbps: Double) -> BytesPerSecond { BytesPerSecond(tbps * 1e12) }
    @inlinable public static func gibibytesPerSecond(_ gibps: Double) -> BytesPerSecond { BytesPerSecond(gibps * 1_073_741_824) }
    /// A network rate quoted in gigabits per second (1 Gb/s = 1.25e8 B/s).
    @inlinable public static func gigabitsPerSecond(_ gbit: Double) -> BytesPerSecond { BytesPerSecond(gbit * 1e9 / 8) }
    @inlinable public var gigabitsPerSecond: Double { value * 8 / 1e9 }
}

extension FlopsPerSecond {
    @inlinable public static func teraflops(_ tflops: Double) -> FlopsPerSecond { FlopsPerSecond(tflops * 1e12) }
    @inlinable public var teraflops: Double { value / 1e12 }
}

extension DollarsPerHour {
    /// Rent accrued at this price over `duration`.
    @inlinable public static func * (price: DollarsPerHour, duration: SimDuration) -> Dollars { Dollars(price.value * duration.seconds / 3_600) }
}

extension DollarsPerJoule {
    /// An energy price quoted in $/MWh (1 MWh = 3.6e9 J).
    @inlinable public static func perMegawattHour(_ dollars: Double) -> DollarsPerJoule { DollarsPerJoule(dollars / 3.6e9) }
    @inlinable public var dollarsPerMegawattHour: Double { value * 3.6e9 }
}

extension GramsCO2PerJoule {
    /// A grid intensity quoted in gCO2e/kWh (1 kWh = 3.6e6 J).
    @inlinable public static func perKilowattHour(_ grams: Double) -> GramsCO2PerJoule { GramsCO2PerJoule(grams / 3.6e6) }
    @inlinable public var gramsPerKilowattHour: Double { value * 3.6e6 }
}
