import Foundation

/// Who reads why a check failed, which decides how it is told.
public enum Audience: Sendable {
    /// The instructor running `lessons check`: "the answer", and every value the check compared.
    case instructor
    /// A student: "your answer", and what is wrong with it (its kind, its size, which entries,
    /// how far off a number is and in which direction) without the values it was compared with.
    case student
    /// A student who may see those values: `lessons grade --reveal`, or an exercise with `reveal: true`.
    case studentWithValues
}

/// Why one part of a check failed: a comparison whose sides differ, or a condition that does not hold.
enum FailureReason: Sendable {
    case mismatch(Mismatch)
    /// A condition that is not a comparison (`not …`, a boolean), with its text.
    case unmet(String)

    /// The reason as `audience` reads it.
    func message(for audience: Audience) -> String {
        switch self {
        case .mismatch(let mismatch): mismatch.message(for: audience)
        case .unmet(let text): text
        }
    }
}

/// A comparison of a check that failed, with its two sides as values.
///
/// The side that reads `answer` is the *given* side and is always presented as the answer,
/// whichever side of the operator it was written on: `argmax(weights[row: "capital"]) == answer`
/// with the answer "big" says "your answer 'big' …", never that 'big' was expected. The
/// operator is turned round with it (`x < answer` reads as `answer > x`).
struct Mismatch: Sendable {
    /// One side of the comparison.
    struct Side: Sendable {
        /// The side as the check writes it.
        let text: String
        let value: Value
        /// Whether the side is `answer` itself.
        let isAnswer: Bool
        /// Whether the side is written out as a constant (`0.5`, `"zoo"`, `[3, 4]`).
        let isLiteral: Bool
    }

    /// The operator, with the given side on its left.
    let relation: Expression.ComparisonOperator
    /// The side that reads `answer`, or the left side when neither does.
    let given: Side
    /// The other side.
    let reference: Side
    let tolerance: Double?
    /// Whether `given` reads `answer` at all.
    let readsAnswer: Bool
    /// Whether words were compared ignoring case.
    let ignoringCase: Bool

    /// The digits that show a difference of the tolerance, if any.
    private var decimals: Int? { tolerance.flatMap(Evaluator.decimals(for:)) }

    /// The mismatch as `audience` reads it: both values for the instructor and for a student
    /// shown the values; for a student otherwise, what differs (see ``difference(_:)``), with the
    /// other side named by its expression only.
    func message(for audience: Audience) -> String {
        let subject = subject(for: audience)
        if audience != .student || !readsAnswer { return revealed(subject) }
        switch relation {
        case .equal: return difference(subject)
        case .notEqual: return "\(subject) \(shown(given)) must differ from \(reference.text)"
        default: return "\(subject) \(shown(given)) is not \(relation.rawValue) \(reference.text)"
        }
    }

    /// "your answer", "the answer", or the expression that reads it.
    private func subject(for audience: Audience) -> String {
        guard readsAnswer else { return given.text }
        if given.isAnswer { return audience == .instructor ? "the answer" : "your answer" }
        return "\(given.text) (from \(audience == .instructor ? "the" : "your") answer)"
    }

    /// The comparison with both values: "your answer is 0.5000, but t0.weights[0, 2] is 0.6682 (± 0.001)".
    private func revealed(_ subject: String) -> String {
        let value = given.value.formatted(decimals: decimals)
        let other = reference.value.formatted(decimals: decimals)
        let within = tolerance.map { " (± \(formatNumber($0)))" } ?? ""
        let named = reference.isLiteral ? other : "\(reference.text), which is \(other)"
        switch relation {
        case .equal:
            return reference.isLiteral ? "\(subject) is \(value), expected \(other)\(within)"
                : "\(subject) is \(value), but \(reference.text) is \(other)\(within)"
        case .notEqual:
            return "\(subject) is \(value), the same as \(named)\(within)"
        default:
            return "\(subject) is \(value), which is not \(relation.rawValue) \(named)"
        }
    }

    /// What differs, without the reference's value: the kinds when they differ, the direction and
    /// order of magnitude for numbers, the sizes or the wrong positions for lists. The reference
    /// is named by its expression, or as "the expected answer" when it is a literal such as `[0, 5, 6, 7]`.
    private func difference(_ subject: String) -> String {
        let value = given.value.comparable, other = reference.value.comparable
        // A literal reference is the key itself: name it, never write it.
        let named = reference.isLiteral ? "the expected answer" : reference.text
        let kind = value.kindName(beside: other), otherKind = other.kindName(beside: value)
        guard kind == otherKind else { return "\(subject) is \(kind), but \(named) is \(otherKind)" }
        switch (value, other) {
        case (.number(let a), .number(let b)):
            return "\(subject) \(shown(given)) is \(Self.distance(from: a, to: b, tolerance: tolerance))"
        case (.list(let items), .list(let others)) where items.count != others.count:
            return "\(subject) has \(Self.entries(items.count)), but \(named) has \(others.count)"
        case (.list, .list):
            let wrong = Self.wrongPositions(value, other, tolerance: tolerance ?? 0, ignoringCase: ignoringCase)
            let listed = wrong.prefix(8).joined(separator: ", ") + (wrong.count > 8 ? " and \(wrong.count - 8) more" : "")
            return "\(subject) \(shown(given)) is wrong at position\(wrong.count == 1 ? "" : "s") \(listed)"
        default:
            return "\(subject) \(shown(given)) is not \(named)"
        }
    }

    private func shown(_ side: Side) -> String { side.value.formatted(decimals: decimals) }

    /// "too low by between 0.1 and 1 (the tolerance is ± 0.001)": the direction and the order of
    /// magnitude of `a − b`, which says how far off an answer is without giving `b` away.
    static func distance(from a: Double, to b: Double, tolerance: Double?) -> String {
        let direction = a < b ? "too low" : "too high"
        let gap = abs(a - b)
        let within = tolerance.map { " (the tolerance is ± \(formatNumber($0)))" } ?? ""
        guard gap.isFinite, gap > 0 else { return "\(direction)\(within)" }
        let power = floor(log10(gap))
        return "\(direction) by between \(formatNumber(pow(10, power))) and \(formatNumber(pow(10, power + 1)))\(within)"
    }

    private static func entries(_ count: Int) -> String { count == 1 ? "1 entry" : "\(count) entries" }

    /// The positions (`1`, `[0, 2]`) at which two nested lists differ: unequal entries, or
    /// sub-lists of different lengths.
    static func wrongPositions(_ a: Value, _ b: Value, tolerance: Double, ignoringCase: Bool) -> [String] {
        var positions: [[Int]] = []
        func walk(_ a: Value, _ b: Value, at path: [Int]) {
            if case .list(let left) = a, case .list(let right) = b, left.count == right.count {
                for (k, pair) in zip(left, right).enumerated() { walk(pair.0, pair.1, at: path + [k]) }
            } else if !Evaluator.equal(a, b, tolerance: tolerance, ignoringCase: ignoringCase) {
                positions.append(path)
            }
        }
        walk(a, b, at: [])
        return positions.map { $0.count == 1 ? String($0[0]) : "[" + $0.map(String.init).joined(separator: ", ") + "]" }
    }
}

extension Value {
    /// The value with tensors as nested lists, as equality compares them.
    var comparable: Value {
        if case .tensor(let tensor) = self { return tensor.nested }
        return self
    }

    /// The kind as feedback names it, given what it is compared with: "a number", "a word",
    /// "a list", "true or false"; a label is a number beside a number (it equals its index).
    func kindName(beside other: Value) -> String {
        switch self {
        case .number: "a number"
        case .string: "a word"
        case .label: if case .number = other { "a number" } else { "a word" }
        case .boolean: "true or false"
        case .list: "a list"
        case .tensor: "a tensor"
        }
    }
}
