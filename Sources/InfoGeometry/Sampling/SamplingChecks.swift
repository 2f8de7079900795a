/// Argument checks shared by the samplers; each throws a
/// `GeometryError.invalidArgument` that names the function and the argument.
enum SamplingChecks {
    /// The most numbers one call may return (count × dimension): 2²⁸ doubles,
    /// 2 GiB, far beyond what a document needs and well below what would
    /// exhaust memory silently.
    static let maxValues = 1 << 28

    static func positiveFinite(_ value: Double, _ name: String, in function: String) throws {
        guard value.isFinite, value > 0 else {
            throw GeometryError.invalidArgument(
                "\(function): \(name) must be positive and finite, got \(value)")
        }
    }

    static func count(_ count: Int, dimension: Int, in function: String) throws {
        guard count >= 0 else {
            throw GeometryError.invalidArgument(
                "\(function): count must be non-negative, got \(count)")
        }
        let (total, overflow) = count.multipliedReportingOverflow(by: max(dimension, 1))
        guard !overflow, total <= maxValues else {
            throw GeometryError.limitExceeded(
                "\(function): \(count) draws of dimension \(dimension) exceed the limit of \(maxValues) numbers per call")
        }
    }

    static func attempts(_ maxAttempts: Int, in function: String) throws {
        guard maxAttempts >= 1 else {
            throw GeometryError.invalidArgument(
                "\(function): maxAttempts must be at least 1, got \(maxAttempts)")
        }
    }

    /// margin ∈ [0, 1/k): for k coordinates that sum to 1, all k can be at
    /// least `margin` with positive probability only when k·margin < 1.
    static func margin(_ margin: Double, dimension k: Int, in function: String) throws {
        guard margin.isFinite, margin >= 0, margin * Double(k) < 1 else {
            throw GeometryError.invalidArgument(
                "\(function): margin must lie in [0, 1/\(k)) for dimension \(k), got \(margin)")
        }
    }
}
