import AttentionTrace

/// The functions a check may call.
///
/// `argmax`, `argmin`: of a 1-D tensor (or a tensor with one row) the position of
/// its largest or smallest entry, first on ties, as the column's label when the
/// axis has labels and as its index otherwise; of a list of numbers, the index.
/// `sum`, `mean`, `max`, `min`: over every entry of a tensor or list of numbers.
/// `abs`: of a number. `shape`: the list of a tensor's sizes (or a list's length).
/// `count`: the number of entries of a tensor, or the length of a list.
enum Functions {
    static let names = ["argmax", "argmin", "sum", "mean", "max", "min", "abs", "shape", "count"]

    static func call(_ function: String, arguments: [Expression], at expression: Expression,
                     evaluator: Evaluator) throws(LessonError) -> Value {
        guard names.contains(function) else {
            throw evaluator.error("unknown function '\(function)'; the functions are \(names.joined(separator: ", "))",
                                  at: expression)
        }
        guard arguments.count == 1 else {
            throw evaluator.error("\(function) takes one argument, given \(arguments.count)", at: expression)
        }
        let argument = arguments[0]
        let value = try evaluator.value(of: argument)
        func wrongKind(_ expected: String) -> LessonError {
            evaluator.error("\(function) needs \(expected), but '\(evaluator.excerpt(argument))' is "
                + "\(value.kindDescription)", at: argument)
        }
        switch function {
        case "argmax", "argmin":
            return try extremum(of: value, largest: function == "argmax", argument: argument, evaluator: evaluator,
                                wrongKind: wrongKind)
        case "abs":
            return .number(abs(try evaluator.number(argument)))
        case "shape":
            switch value {
            case .tensor(let tensor): return .list(tensor.values.shape.map { .number(Double($0)) })
            case .list(let items): return .list([.number(Double(items.count))])
            default: throw wrongKind("a tensor or a list")
            }
        case "count":
            switch value {
            case .tensor(let tensor): return .number(Double(tensor.values.scalars.count))
            case .list(let items): return .number(Double(items.count))
            default: throw wrongKind("a tensor or a list")
            }
        default:
            let numbers = try entries(of: value, wrongKind: wrongKind)
            guard !numbers.isEmpty else { throw wrongKind("at least one entry") }
            switch function {
            case "sum": return .number(numbers.reduce(0, +))
            case "mean": return .number(numbers.reduce(0, +) / Double(numbers.count))
            case "max": return .number(numbers.max() ?? 0)
            default: return .number(numbers.min() ?? 0)
            }
        }
    }

    private static func entries(of value: Value, wrongKind: (String) -> LessonError) throws(LessonError) -> [Double] {
        switch value {
        case .tensor(let tensor): return tensor.values.scalars
        case .number(let number): return [number]
        case .list(let items):
            var numbers: [Double] = []
            for item in items {
                numbers += try entries(of: item, wrongKind: wrongKind)
            }
            return numbers
        default: throw wrongKind("a tensor or a list of numbers")
        }
    }

    private static func extremum(of value: Value, largest: Bool, argument: Expression, evaluator: Evaluator,
                                 wrongKind: (String) -> LessonError) throws(LessonError) -> Value {
        switch value {
        case .tensor(let tensor):
            let shape = tensor.values.shape
            guard shape.count == 1 || (shape.count == 2 && shape[0] == 1) else {
                throw evaluator.error("\(largest ? "argmax" : "argmin") needs a 1-D tensor, but "
                    + "'\(evaluator.excerpt(argument))' has shape \(shape); pick a row first, as in t[row: 0]",
                                      at: argument)
            }
            let position = largest ? tensor.values.columnOfMaximum(inRow: 0) : tensor.values.columnOfMinimum(inRow: 0)
            guard let position else { throw wrongKind("at least one entry") }
            if let labels = tensor.axes.last?.labels { return .label(labels[position], index: position) }
            return .number(Double(position))
        case .list:
            let numbers = try entries(of: value, wrongKind: wrongKind)
            let tensor = Tensor(vector: numbers)
            guard let position = largest ? tensor.columnOfMaximum(inRow: 0) : tensor.columnOfMinimum(inRow: 0) else {
                throw wrongKind("at least one entry")
            }
            return .number(Double(position))
        default:
            throw wrongKind("a 1-D tensor or a list of numbers")
        }
    }
}
