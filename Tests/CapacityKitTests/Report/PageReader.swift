import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Counts elements and collects table cells while checking that the page is well-formed XML.
final class PageReader: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var tables: [[[String]]] = []
    private var row: [String]?
    private var cell: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        switch name {
        case "table": tables.append([])
        case "tr": row = []
        case "td", "th": cell = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { cell? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "td", "th": row?.append(cell ?? ""); cell = nil
        case "tr": if let row { tables[tables.count - 1].append(row) }; row = nil
        default: break
        }
    }
}
