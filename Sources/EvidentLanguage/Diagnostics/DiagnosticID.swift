/// The stable identity of a kind of problem, such as `E0301` for an unknown
/// name: what reports (JSON, JUnit, GitHub) and tests match, so that a
/// message can be reworded without breaking them. Every id is listed here
/// once, with a summary; docs/ci.md lists them for users. A retired id is
/// never given to another kind (E0907, a `--param` one document did not
/// declare, is now a usage error when no document declares it).
///
/// Ranges: E01 lexing, E02 syntax, E03 names, E04 arguments and types,
/// E05 arithmetic, E06 claims, E07 limits, E08 geometry, E09 documents,
/// E10 files, E11 the command line.
public struct DiagnosticID: Hashable, Sendable, CustomStringConvertible {
    /// `E` and four digits.
    public let code: String
    /// What the kind of problem is, in a few words.
    public let summary: String

    private init(_ code: String, _ summary: String) {
        self.code = code
        self.summary = summary
    }

    public var description: String { code }

    public static let unexpectedCharacter = DiagnosticID("E0101", "a character the block language does not use")
    public static let invalidEscape = DiagnosticID("E0102", "an escape in a string that the language does not know")
    public static let malformedToken = DiagnosticID("E0103", "a number, string or operator that is not well formed")

    public static let expectedToken = DiagnosticID("E0201", "the code does not read as the grammar expects here")
    public static let nestingTooDeep = DiagnosticID("E0202", "an expression nested more deeply than the limit")
    public static let misplacedFunction = DiagnosticID("E0203", "a function `x => …` inside an expression without parentheses")
    public static let chainedComparison = DiagnosticID("E0204", "comparisons written as a chain")
    public static let misplacedTolerance = DiagnosticID("E0205", "`±` outside an approximate comparison")
    public static let notCallable = DiagnosticID("E0206", "a call of something that is not a function name")
    public static let argumentOrder = DiagnosticID("E0207", "a positional argument after a named one")

    public static let unknownName = DiagnosticID("E0301", "a name that is not bound")
    public static let alreadyBound = DiagnosticID("E0302", "a name bound a second time")
    public static let cannotBind = DiagnosticID("E0303", "a name that cannot be bound")
    public static let unknownMember = DiagnosticID("E0304", "a member, method, field or column that does not exist")
    public static let notAFunction = DiagnosticID("E0305", "a value called or used as what it is not")

    public static let typeMismatch = DiagnosticID("E0401", "a value of the wrong type")
    public static let argumentCount = DiagnosticID("E0402", "too few or too many positional arguments")
    public static let missingArgument = DiagnosticID("E0403", "a required argument not given")
    public static let duplicateArgument = DiagnosticID("E0404", "an argument or field given twice")
    public static let unknownArgument = DiagnosticID("E0405", "an argument the function does not take")
    public static let invalidArgument = DiagnosticID("E0406", "an argument outside what the function accepts")
    public static let shapeMismatch = DiagnosticID("E0407", "vectors or matrices of shapes that do not fit")

    public static let divisionByZero = DiagnosticID("E0501", "a division by zero")
    public static let nonFinite = DiagnosticID("E0502", "a result that is infinite or not a number")
    public static let indexOutOfRange = DiagnosticID("E0503", "an index outside the list, vector or matrix")

    public static let claimFailed = DiagnosticID("E0600", "a claim that does not hold")
    public static let claimNotBoolean = DiagnosticID("E0601", "a claim whose expression is not a truth value")

    public static let tooManyEntries = DiagnosticID("E0701", "a value with more entries than the limit")
    public static let tooManyStatements = DiagnosticID("E0702", "a document with more statements than the limit")
    public static let tooMuchWork = DiagnosticID("E0703", "a computation too large to run")
    public static let recursionTooDeep = DiagnosticID("E0704", "calls of functions nested more deeply than the limit")
    public static let budgetSpent = DiagnosticID("E0705", "a document past one of its budgets (entries, string bytes, flow steps, time)")

    public static let geometryArgument = DiagnosticID("E0801", "a model, point or option the geometry cannot use")
    public static let invalidDistribution = DiagnosticID("E0802", "a distribution that is not one (entries, sum)")
    public static let notPositive = DiagnosticID("E0803", "an entry that must be positive and is not")
    public static let geometryNonFinite = DiagnosticID("E0804", "a geometric quantity that is infinite or not a number")
    public static let geometryLimit = DiagnosticID("E0805", "a geometric computation past its limit")
    public static let linearAlgebra = DiagnosticID("E0806", "a linear-algebra step that failed")

    public static let frontMatterUnclosed = DiagnosticID("E0901", "front matter without its closing `---`")
    public static let frontMatterMalformed = DiagnosticID("E0902", "front matter that is not valid YAML or has bad params or limits")
    public static let nulByte = DiagnosticID("E0903", "a NUL byte in the document")
    public static let unknownBlockOption = DiagnosticID("E0904", "an option of an evident block that does not exist")
    public static let conflictingBlockOptions = DiagnosticID("E0905", "block options that exclude each other")
    public static let malformedSpan = DiagnosticID("E0906", "an inline evident span that is neither a value nor a claim")
    public static let templateUnusable = DiagnosticID("E0908", "a page template that cannot be used")
    public static let mathSyntax = DiagnosticID("E0909", "math whose TeX cannot be converted")
    public static let misplacedLabel = DiagnosticID("E0910", "a label `{#…}` with nothing to name")
    public static let unknownReference = DiagnosticID("E0911", "a reference `@eq-…`, `@fig-…` or `@tbl-…` to no label")
    public static let duplicateLabel = DiagnosticID("E0912", "a label given twice")
    public static let imageUnusable = DiagnosticID("E0913", "an image that cannot be embedded")
    public static let rawHTMLDropped = DiagnosticID("E0914", "raw HTML left off the page in safe mode")
    public static let projectFileMalformed = DiagnosticID("E0915", "an evident.yml that is not valid YAML, or a key or value it does not take")
    public static let remoteImage = DiagnosticID("E0916", "an image loaded from elsewhere: left off the page, or with --unsafe kept")
    public static let templateTooDeep = DiagnosticID("E0917", "a page template whose sections nest more deeply than the limit")
    public static let templateTooCostly = DiagnosticID("E0918", "a page template with too many tags for its length to be read")
    public static let templateNestedLists = DiagnosticID("E0919", "a page template that repeats a list or the content for every entry of a list, or the content too often")
    public static let mathFontUnavailable = DiagnosticID("E0920", "a page with math built without its embedded font, which this machine cannot provide")
    public static let internalError = DiagnosticID("E0999", "an error from outside the language, reported where it arose")

    public static let unreadableFile = DiagnosticID("E1001", "a document that is missing or cannot be read as UTF-8 text")
    public static let unwritableFile = DiagnosticID("E1002", "a page or cache file that cannot be written")
    public static let unreadableData = DiagnosticID("E1003", "a data file that is missing, unreadable or outside the tree being built")
    public static let malformedData = DiagnosticID("E1004", "a CSV or JSON data file that does not parse")

    public static let commandLine = DiagnosticID("E1101", "a command-line option or argument that cannot be used")

    /// Every id, in order of their codes.
    public static let all: [DiagnosticID] = [
        unexpectedCharacter, invalidEscape, malformedToken,
        expectedToken, nestingTooDeep, misplacedFunction, chainedComparison, misplacedTolerance, notCallable, argumentOrder,
        unknownName, alreadyBound, cannotBind, unknownMember, notAFunction,
        typeMismatch, argumentCount, missingArgument, duplicateArgument, unknownArgument, invalidArgument, shapeMismatch,
        divisionByZero, nonFinite, indexOutOfRange,
        claimFailed, claimNotBoolean,
        tooManyEntries, tooManyStatements, tooMuchWork, recursionTooDeep, budgetSpent,
        geometryArgument, invalidDistribution, notPositive, geometryNonFinite, geometryLimit, linearAlgebra,
        frontMatterUnclosed, frontMatterMalformed, nulByte, unknownBlockOption, conflictingBlockOptions, malformedSpan,
        templateUnusable, mathSyntax, misplacedLabel, unknownReference, duplicateLabel, imageUnusable, rawHTMLDropped,
        projectFileMalformed, remoteImage, templateTooDeep, templateTooCostly, templateNestedLists, mathFontUnavailable,
        internalError,
        unreadableFile, unwritableFile, unreadableData, malformedData,
        commandLine,
    ]

    /// The id with this code, if there is one.
    public init?(code: String) {
        guard let found = Self.all.first(where: { $0.code == code }) else { return nil }
        self = found
    }
}
