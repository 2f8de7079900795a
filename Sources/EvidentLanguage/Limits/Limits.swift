import InfoGeometry

/// Hard limits that turn runaway inputs into located errors.
///
/// Two kinds: bounds on one value or one statement (`maxElements`,
/// `maxDepth`, `maxStatements`), fixed, and the budgets of a whole document
/// (`maxTotalEntries`, `maxStringBytes`, `maxFlowSteps`, `maxSeconds`), which
/// an author may raise for a long report (`Budget`, `DocumentBudget`).
public struct Limits: Hashable, Sendable {
    /// Entries of a vector or boolean vector, items of a list, entries of a
    /// matrix; bytes of a string.
    public var maxElements: Int
    /// Depth of expression nesting (brackets, operators, postfix chains).
    public var maxDepth: Int
    /// Statements per document.
    public var maxStatements: Int
    /// Entries the `map`s of a document may build in all (each result
    /// counted with what its items hold): `maxElements` bounds one value,
    /// this bounds the sum, so that nested `map`s cannot build billions of
    /// numbers. What a lambda computes and reduces away is not counted.
    public var maxTotalEntries: Int
    /// Bytes of all the strings a document builds (by `+` and by built-ins).
    public var maxStringBytes: Int
    /// Steps of all the flows of a document.
    public var maxFlowSteps: Int
    /// Seconds a document's evaluation may take.
    public var maxSeconds: Double

    /// Threads that `map` (and sampling) may use. Results do not depend on
    /// it: items are computed independently and kept in input order. 1 forces
    /// serial evaluation; the default is `EVIDENT_THREADS` or the number of
    /// active processors.
    public var threads: Int
    /// Whether `map` may evaluate its lambda column by column over all items
    /// (`BatchMap`); false forces item-by-item evaluation. Results do not
    /// depend on it.
    public var batchMap: Bool

    public init(maxElements: Int = 10_000_000, maxDepth: Int = 200, maxStatements: Int = 100_000,
                threads: Int = Parallel.defaultThreads, batchMap: Bool = true, maxTotalEntries: Int = 200_000_000,
                maxStringBytes: Int = 100_000_000, maxFlowSteps: Int = 20_000_000, maxSeconds: Double = 1_800) {
        self.maxElements = maxElements
        self.maxTotalEntries = maxTotalEntries
        self.maxDepth = maxDepth
        self.maxStatements = maxStatements
        self.maxStringBytes = maxStringBytes
        self.maxFlowSteps = maxFlowSteps
        self.maxSeconds = maxSeconds
        self.threads = threads
        self.batchMap = batchMap
    }

    public static let standard = Limits()

    /// A document budget's limit: a count, or seconds for `time`.
    public subscript(budget: Budget) -> Double {
        get { budget == .time ? maxSeconds : Double(count(budget)) }
        set {
            switch budget {
            case .entries: maxTotalEntries = Int(newValue)
            case .stringBytes: maxStringBytes = Int(newValue)
            case .flowSteps: maxFlowSteps = Int(newValue)
            case .time: maxSeconds = newValue
            }
        }
    }

    /// A counted budget's limit (`time` is not counted: `Int.max`).
    public func count(_ budget: Budget) -> Int {
        switch budget {
        case .entries: maxTotalEntries
        case .stringBytes: maxStringBytes
        case .flowSteps: maxFlowSteps
        case .time: Int.max
        }
    }

    /// The limits with `settings` applied in order (front matter, then the
    /// command line): a later setting of a budget wins.
    public func applying(_ settings: [BudgetSetting]) -> Limits {
        var limits = self
        for setting in settings { limits[setting.budget] = setting.value }
        return limits
    }
}

/// What a whole document may spend, with the name an author sets it by in
/// front matter (`limits: {time: 2h}`), in `evident.yml` or with
/// `--limit NAME=VALUE`.
public enum Budget: String, CaseIterable, Hashable, Sendable {
    case entries
    case stringBytes = "string-bytes"
    case flowSteps = "flow-steps"
    case time

    /// What the budget counts, for messages.
    public var counts: String {
        switch self {
        case .entries: "entries built by maps"
        case .stringBytes: "bytes of strings"
        case .flowSteps: "flow steps"
        case .time: "seconds of evaluation"
        }
    }

    /// The largest value a setting may give (so that an integer budget stays an `Int`).
    static let largest = 1e15

    /// `text` as this budget's value: a positive whole number (`2e8` is
    /// one), or for `time` a positive number of seconds, optionally followed
    /// by `s`, `m` or `h`. Nil, with the reason, when it is not one.
    public func parse(_ text: String) -> Result<Double, BudgetSetting.Problem> {
        var number = Substring(text.trimmingWhitespace), scale = 1.0
        if self == .time, let unit = number.last, let factor = ["s": 1.0, "m": 60, "h": 3600][String(unit)] {
            number = number.dropLast()
            scale = factor
        }
        guard let x = Double(number), x.isFinite, x > 0 else {
            return .failure(.init(message: self == .time
                ? "the time budget is a positive number of seconds, or of minutes or hours with `m` or `h` (`90`, `30m`, `2h`), got '\(text)'"
                : "the \(rawValue) budget is a positive whole number, got '\(text)'"))
        }
        let value = x * scale
        guard value <= Self.largest, self == .time || value == value.rounded() else {
            return .failure(.init(message: "the \(rawValue) budget is a whole number of at most 1e15, got '\(text)'"))
        }
        return .success(value)
    }
}

/// One budget set by an author, with where.
public struct BudgetSetting: Hashable, Sendable {
    public var budget: Budget
    public var value: Double
    public init(_ budget: Budget, _ value: Double) { (self.budget, self.value) = (budget, value) }

    /// Why a setting cannot be read.
    public struct Problem: Error, Hashable, Sendable {
        public var message: String
    }

    /// `NAME=VALUE` (the command line's form).
    public static func parse(assignment: String) -> Result<BudgetSetting, Problem> {
        guard let equals = assignment.firstIndex(of: "=") else {
            return .failure(Problem(message: "a limit is NAME=VALUE, got '\(assignment)'"))
        }
        return parse(name: String(assignment[..<equals]), value: String(assignment[assignment.index(after: equals)...]))
    }

    /// A budget's name and its value as written.
    public static func parse(name: String, value: String) -> Result<BudgetSetting, Problem> {
        guard let budget = Budget(rawValue: name) else {
            let names = Budget.allCases.map(\.rawValue)
            return .failure(Problem(message: "unknown limit '\(name)': the budgets are \(names.joined(separator: ", "))"
                                    + Suggestion.didYouMean(name, among: names)))
        }
        return budget.parse(value).map { BudgetSetting(budget, $0) }
    }
}
