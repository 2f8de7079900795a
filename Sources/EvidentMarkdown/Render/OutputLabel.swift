/// The number and anchor a figure or table gets from `{#fig-…}` / `{#tbl-…}`:
/// a plot renders as `<figure id="ID">` with "Figure N." before its caption,
/// a table as `<table id="ID">` with "Table N.".
public struct OutputLabel: Hashable, Sendable {
    public var id: String
    public var number: Int
    /// The caption the document gives; nil keeps the output's own caption
    /// (a plot's `caption:`, else its title; a table's title).
    public var caption: String?

    public init(id: String, number: Int, caption: String? = nil) {
        self.id = id
        self.number = number
        self.caption = caption
    }
}
