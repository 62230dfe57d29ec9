extension Variant {
    /// `global`: Luong et al. 2015: attend to every source position with the score dot, general or concat. See `Docs/mechanisms/global.md`.
    public static let global = Variant(AlignmentMechanism(
        name: "global", summary: "Luong et al. 2015: attend to every source position with the score dot, general or concat",
        score: .option, window: .global))
}
