import Fleet
import SimKernel

/// `fleet.failures`: how hardware interrupts running jobs.
///
/// ```json5
/// failures: {
///   chip_mtbf: "50000 h",                       // or per platform: { gpu: "50000 h", tpu: "80000 h" }
///   host_mtbf: "200000 h",                      // optional; default none (chip rate counts hosts)
///   restart: "10 min",                          // optional; default 10 min
///   repair: "4 h",                              // optional; default 4 h
/// }
/// ```
/// Every key is optional: `failures: {}` turns failures on at the documented defaults
/// (`FailureModel`). Without the key nothing fails.
extension FleetReading {
    static let failuresReader = ValueReader<FailureModel>.object("an object (chip_mtbf, host_mtbf, restart, repair)") { f in
        var valid = true
        var perPlatform: [PlatformKind: SimDuration] = [:]
        if let member = f.member("chip_mtbf") {
            let context = f.context.appending("chip_mtbf")
            if case .object = member.value.kind {
                let byPlatform = ValueReader<[PlatformKind: SimDuration]>.object("an object of platform MTBFs (tpu, gpu, trainium)") { p in
                    var result: [PlatformKind: SimDuration] = [:]
                    for kind in PlatformKind.allCases {
                        if let value = p.optional(kind.rawValue, .duration(.positive)) { result[kind] = value }
                    }
                    p.finish()
                    return result
                }
                if let value = byPlatform.read(member.value, in: context) { perPlatform = value } else { valid = false }
            } else if let value = ValueReader<SimDuration>.duration(.positive).read(member.value, in: context) {
                for kind in PlatformKind.allCases { perPlatform[kind] = value }
            } else {
                valid = false
            }
        }
        let host = f.optional("host_mtbf", .duration(.positive))
        let restart = f.optional("restart", .duration(.nonNegative), default: FailureModel.defaultRestart)
        let repair = f.optional("repair", .duration(.nonNegative), default: FailureModel.defaultRepair)
        if f.contains("host_mtbf") && host == nil { valid = false }
        f.finish()
        guard valid else { return nil }
        return FailureModel(chipMTBF: perPlatform, hostMTBF: host, restart: restart, repair: repair)
    }
}
