// Workloads: training and inference specifications, their performance models (step time,
// collectives, roofline iterations), arrival processes and trace readers.
//
// Depends on Fleet (hardware facts) and SimKernel (time, randomness). Holds formulas only:
// no decisions (Scheduling) and no event handling (Gigawatt). Filled in by the training and
// inference issues; this file only anchors the module in the package layout.
