// Scheduling: the policy protocol, the read-only fleet view a policy sees, the decisions it
// returns, the built-in policies and topology-aware placement.
//
// A policy never touches the engine: the simulation validates and applies its decisions once per
// instant. Filled in by the scheduler issue; this file only anchors the module in the layout.
