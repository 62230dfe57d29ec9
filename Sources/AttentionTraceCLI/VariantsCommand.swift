import ArgumentParser
import AttentionEngine
import AttentionModels

/// `attention-trace variants`: every registered mechanism with a one-line description, or
/// one mechanism's options and tensors.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants", abstract: "List every attention variant with a one-line description.",
        discussion: "Name a variant to see the options it takes, the values its name fixes and the tensors a spec may give it.")

    @Argument(help: ArgumentHelp("A variant to describe in full.", valueName: "name"), transform: variant(named:))
    var variant: Variant?

    func run() {
        guard let variant else {
            let width = Variant.registered.map(\.rawValue.count).max() ?? 0
            for variant in Variant.registered {
                print("\(pad(variant.rawValue, to: width))  \(variant.summary)")
            }
            return
        }
        print("\(variant.rawValue): \(variant.summary)")
        print("\noptions:")
        if variant.options.isEmpty { print("  none") }
        let width = MechanismOption.allCases.map(\.flag.count).max() ?? 0
        for option in variant.options {
            print("  \(pad(option.flag, to: width))  \(option.summary)")
        }
        for option in MechanismOption.allCases {
            if let value = option.value(in: variant.impliedOptions) {
                print("  (\(option.rawValue) is \(value): the variant's name means it)")
            }
        }
        let roles = variant.tensors()
        let nameWidth = roles.map(\.name.count).max() ?? 0, shapeWidth = roles.map(\.shape.count).max() ?? 0
        print("\ntensors (with the default options; any left out of --input are generated from --seed):")
        for role in roles {
            print("  \(pad(role.name, to: nameWidth))  \(pad(role.shape, to: shapeWidth))  \(role.role)")
        }
        if let score = variant.tracedScore, ModelCheckpoint.shippedURL(score: score) != nil {
            print("\nparameters: from sentences, the trained model \(ModelCheckpoint.shippedName(for: score)) (its decoder and word predictions too;")
            print("  without --target it translates); --model seeded for seeded parameters, --model FILE for another checkpoint")
        }
    }

    private func pad(_ text: String, to width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
}
