/// The built-in policies by their scenario names: one explicit table, stable order.
public enum PolicyRegistry {
    public static let names = ["fifo", "easy-backfill"]

    /// A fresh policy named `name`, or nil (the caller lists `names` in its message).
    public static func policy(named name: String) -> (any SchedulingPolicy)? {
        switch name {
        case "fifo": return FIFOPolicy()
        case "easy-backfill": return EASYBackfillPolicy()
        default: return nil
        }
    }
}
