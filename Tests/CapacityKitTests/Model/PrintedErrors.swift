@testable import CapacityKit

/// The errors the loader prints for model `text` (`file:line:column: message; hint`, in file order);
/// none when it loads. Any other error is returned as its description, so a test shows it.
func printedErrors(_ text: String, file: String) -> [String] {
    do {
        _ = try ModelLoader.parse(text, file: file)
        return []
    } catch let error as ModelError {
        return error.diagnostics.map(\.description)
    } catch {
        return ["\(error)"]
    }
}
