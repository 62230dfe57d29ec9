import ArgumentParser
import SafeTensors

/// `--dtype F64|F32`: only the element types a checkpoint can be written in, in any case.
extension DType: ExpressibleByArgument {
    public init?(argument: String) {
        guard let dtype = DType(rawValue: argument.uppercased()), dtype.isWritable else { return nil }
        self = dtype
    }

    public static var allValueStrings: [String] { allCases.filter(\.isWritable).map(\.rawValue) }
}
