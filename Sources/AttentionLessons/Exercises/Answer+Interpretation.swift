import Foundation

extension Answer {
    /// A student's answer read as the kind of answer a question asks for.
    public enum Interpretation: Hashable, Sendable {
        /// The answer, ready for the checks.
        case answer(Answer)
        /// The answer is of another kind, with the feedback that says so.
        case wrongKind(String)
    }

    /// Reads this (a student's) answer as the kind of `reference` (the instructor's).
    ///
    /// - A number is asked for: a number, or a string that reads as a finite number (`"1.0"`).
    /// - A word is asked for: a string, trimmed, with runs of spaces collapsed to one (unless
    ///   `exactWords`). A number is not a word: the index `0` is wrong for "which word".
    /// - A single value is asked for: a one-element list is read as its element (`[9.409]`).
    /// - A list is asked for: a list, each entry read as the corresponding entry of
    ///   `reference` when the lengths agree (the checks explain a difference in length), and a
    ///   single value as a one-element list when that is what is asked for.
    ///
    /// - Returns: The answer to check, or the kind problem as feedback.
    public func interpreted(like reference: Answer, exactWords: Bool) -> Interpretation {
        interpreted(like: reference, exactWords: exactWords, at: [])
    }

    private func interpreted(like reference: Answer, exactWords: Bool, at position: [Int]) -> Interpretation {
        switch (self, reference) {
        case (.list(let items), .number), (.list(let items), .string):
            guard items.count == 1 else { return wrongKind(reference, at: position) }
            return items[0].interpreted(like: reference, exactWords: exactWords, at: position)
        case (.number, .number):
            return .answer(self)
        case (.string(let text), .number):
            guard let number = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), number.isFinite else {
                return wrongKind(reference, at: position)
            }
            return .answer(.number(number))
        case (.string(let text), .string):
            guard !exactWords else { return .answer(self) }
            return .answer(.string(text.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
        case (.number, .string):
            return wrongKind(reference, at: position)
        case (.list(let items), .list(let references)):
            guard items.count == references.count else { return .answer(self) }
            var read: [Answer] = []
            for (k, (item, itemReference)) in zip(items, references).enumerated() {
                switch item.interpreted(like: itemReference, exactWords: exactWords, at: position + [k]) {
                case .answer(let answer): read.append(answer)
                case .wrongKind(let problem): return .wrongKind(problem)
                }
            }
            return .answer(.list(read))
        case (.number, .list(let references)), (.string, .list(let references)):
            guard references.count == 1 else { return wrongKind(reference, at: position) }
            return interpreted(like: references[0], exactWords: exactWords, at: position + [0]).map { .list([$0]) }
        }
    }

    private func wrongKind(_ reference: Answer, at position: [Int]) -> Interpretation {
        let subject = position.isEmpty ? "your answer"
            : "entry \(position.map(String.init).joined(separator: ", ")) of your answer"
        return .wrongKind("\(subject) is \(kindName), but the question asks for \(reference.kindName)")
    }

    /// "a number", "a word", "a list of 2 entries".
    var kindName: String {
        switch self {
        case .number: "a number"
        case .string: "a word"
        case .list(let items): items.count == 1 ? "a list of 1 entry" : "a list of \(items.count) entries"
        }
    }
}

extension Answer.Interpretation {
    fileprivate func map(_ transform: (Answer) -> Answer) -> Answer.Interpretation {
        switch self {
        case .answer(let answer): .answer(transform(answer))
        case .wrongKind: self
        }
    }
}
