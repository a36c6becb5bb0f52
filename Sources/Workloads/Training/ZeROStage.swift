/// How much of the training state is sharded across the data-parallel group (Rajbhandari et
/// al. 2020, "ZeRO", arXiv 1910.02054, §5): 0 = plain data parallel, 1 = optimizer state,
/// 2 = + gradients, 3 = + weights (FSDP). Raw values are the stage numbers.
public enum ZeROStage: Int, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case none = 0
    case optimizer = 1
    case gradients = 2
    case weights = 3

    public static func < (a: ZeROStage, b: ZeROStage) -> Bool { a.rawValue < b.rawValue }
}
