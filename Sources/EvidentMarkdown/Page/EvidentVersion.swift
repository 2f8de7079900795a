/// The version printed in every page's footer and by the command line.
public enum EvidentVersion {
    public static let string = "0.1.0"
}
