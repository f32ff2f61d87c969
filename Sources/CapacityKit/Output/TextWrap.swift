/// Prose wrapped at a terminal's width, for the plain-text renderings.
///
/// Tables are fitted by ``TextTable/plainText(width:)`` and come out no wider than
/// the width, so only prose is longer: each such line is broken at spaces, its
/// continuation lines indented like the line (and past a leading bullet, `·`, `-`
/// or `•`, so the text stays in one column). A word longer than the room is broken
/// inside. Lines that fit are left as they are.
public enum TextWrap {
    /// `text` with every line longer than `width` characters wrapped; nil width: unchanged.
    public static func wrap(_ text: String, width: Int?) -> String {
        guard let width, width >= 20 else { return text }
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += wrap(line: String(line), width: width)
        }
        return out.joined(separator: "\n")
    }

    /// One line wrapped (see ``wrap(_:width:)``).
    static func wrap(line: String, width: Int) -> [String] {
        guard line.count > width else { return [line] }
        let leading = line.prefix { $0 == " " }.count
        var indent = leading
        let body = line.dropFirst(leading)
        for bullet in ["· ", "- ", "• "] where body.hasPrefix(bullet) { indent += bullet.count }
        indent = min(indent, width / 2)
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = String(line.prefix(leading))
        var currentHasWord = false
        for word in body.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            if currentHasWord && current.count + 1 + word.count > width {
                lines.append(current)
                current = pad
                currentHasWord = false
            }
            if currentHasWord { current += " " }
            // A word longer than the room left: broken inside.
            while current.count + word.count > width {
                let room = max(1, width - current.count)
                current += word.prefix(room)
                word = String(word.dropFirst(room))
                lines.append(current)
                current = pad
            }
            current += word
            currentHasWord = true
        }
        lines.append(current)
        return lines.map { line in
            var line = line
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
