/// The version of Gigawatt, printed by `gigawatt --version` and recorded in every summary so a
/// result can be traced to the code that produced it.
public enum GigawattVersion {
    public static let string = "0.1.0"
}
