import Fleet
import SimKernel

/// A site's enforced power cap:
///
/// ```json5
/// { name: "ohio", grid_limit: "600 MW",        // and/or power_cap
///   cap_action: "throttle",                    // or "hold", "preempt": enforces the limits
///   cap_windows: [{ from: "17 h", to: "20 h", cap: "520 MW", every: "24 h" }],  // optional
///   minimum_clock: 0.3,                        // optional, default 0.1
///   throttle_by: "priority" }                  // optional: lowest priority slowed first (default "uniform")
/// ```
///
/// Without `cap_action`, `grid_limit` and `power_cap` are reported against the site's power but
/// not enforced.
extension FleetReading {
    /// The site's cap policy, nil when it has none; `limit` is the smaller of the grid limit and
    /// the power cap.
    func readCapPolicy(_ site: ObjectReader, limit: Watts?, limitKeys: String = "grid_limit, power_cap") -> PowerCapPolicy? {
        let action = optional(site, "cap_action", .choice(PowerCapAction.self, of: "cap action"))
        let windows = optional(site, "cap_windows", .array(of: Self.capWindow)) ?? []
        let minimum = optional(site, "minimum_clock", ValueReader<Double>.number.checked("a clock factor in (0, 1]") { $0 > 0 && $0 <= 1 })
        let throttleBy = optional(site, "throttle_by", .choice(["uniform", "priority"], of: "throttle order"))
        guard let action else {
            for key in ["cap_windows", "minimum_clock", "throttle_by"] where site.node[key] != nil {
                error("\(key) needs cap_action (\"throttle\", \"hold\" or \"preempt\") to say how the cap is enforced",
                      at: node(key, in: site), in: site.context.appending(key))
            }
            return nil
        }
        if limit == nil && windows.isEmpty && site.node["cap_windows"] == nil {
            error("cap_action needs something to enforce: \(limitKeys) or cap_windows",
                  at: node("cap_action", in: site), in: site.context.appending("cap_action"))
            return nil
        }
        if throttleBy != nil && action != .throttle {
            error("throttle_by applies to cap_action \"throttle\" only", at: node("throttle_by", in: site), in: site.context.appending("throttle_by"))
            return nil
        }
        return PowerCapPolicy(limit: limit, windows: windows, action: action, minimumClock: minimum ?? 0.1,
                              throttlesByPriority: throttleBy == "priority")
    }

    static let capWindowExpectation = "a cap window { from: DURATION, to: DURATION, cap: POWER, every?: DURATION }"

    /// `{ from: "17 h", to: "20 h", cap: "520 MW", every: "24 h" }`: from < to ≤ every.
    static let capWindow = ValueReader<PowerCapWindow>.object(capWindowExpectation) { object in
        let from = object.required("from", .duration(.nonNegative))
        let to = object.required("to", .duration(.positive))
        let cap = object.required("cap", .quantity(.power, .positive))
        let every = object.optional("every", .duration(.positive))
        guard let from, let to, let cap else { return nil }
        guard from < to else {
            object.context.appending("to").error("a cap window ends after it starts (from \(from), to \(to))",
                                                 at: object.node["to"]!.location)
            return nil
        }
        if let every, to > every {
            object.context.appending("every").error("a repeating cap window fits in its period (to \(to) > every \(every))",
                                                    at: object.node["every"]!.location)
            return nil
        }
        return PowerCapWindow(start: from, end: to, limit: Watts(cap), period: every)
    }
}
