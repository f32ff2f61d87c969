/// Turns a ``Document`` into the text of one format: ``PlainTextRenderer`` (a terminal),
/// ``MarkdownRenderer``, ``HTMLRenderer``. Adding a format is adding one renderer —
/// one type conforming to this protocol that draws every kind of ``Block`` — with no
/// change to any writer, since writers only build documents.
public protocol DocumentRenderer: Sendable {
    func render(_ document: Document) -> String
}
