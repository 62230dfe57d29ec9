import ArgumentParser
import AttentionEngine

/// `attention-trace variants`: every registered mechanism with a one-line description.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants", abstract: "List every attention variant with a one-line description.")

    func run() {
        let width = Variant.registered.map(\.rawValue.count).max() ?? 0
        for variant in Variant.registered {
            let name = variant.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            print("\(name)  \(variant.summary)")
        }
    }
}
