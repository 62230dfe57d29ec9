import AttentionMarkdown
import AttentionRendering
import Foundation

extension Lesson {
    /// The directives a lesson may use, by the name in braces.
    static let directives = ["trace": TraceDirective.keys, "exercise": LessonExercise.keys,
                             "compare": CompareDirective.keys, "learning": LearningDirective.keys]

    /// Reads a lesson: parses its Markdown, reads every directive and runs every trace.
    ///
    /// Traces are read first, so an exercise may name a trace that comes after it;
    /// an exercise without `trace:` uses the last trace before it (or, if none, the
    /// lesson's last trace).
    ///
    /// - Parameters:
    ///   - text: The lesson's CommonMark text.
    ///   - file: Its path as it should appear in messages; `input:` paths are relative to it.
    /// - Throws: ``LessonErrors`` with every problem found, each at its line; only
    ///   the one error when the Markdown nests deeper than ``Document/deepestNesting``.
    public init(parsing text: String, file: String) throws(LessonErrors) {
        let document: Document
        do {
            document = try Document(parsing: text)
        } catch {
            throw LessonErrors([LessonError(error.description, at: SourceLocation(file: file, line: error.line))])
        }
        var errors: [LessonError] = []
        func location(_ block: Block) -> SourceLocation { SourceLocation(file: file, line: block.line ?? 1) }

        var title: String?
        var bodies: [(block: Block, name: String, body: DirectiveBody)] = []
        for block in document.blocks {
            if title == nil, case .heading(1, let inlines) = block.kind { title = plainText(inlines) }
            guard case .codeBlock(let info, let literal) = block.kind, let name = Self.directiveName(info) else {
                errors += Self.nestedDirectives(in: block, file: file)
                continue
            }
            guard let keys = Self.directives[name] else {
                errors.append(LessonError("unknown directive '{\(name)}'; the directives are {trace}, {exercise}, {compare} and {learning}",
                                          at: location(block)))
                continue
            }
            do {
                bodies.append((block, name, try DirectiveBody(parsing: literal, file: file, firstLine: (block.line ?? 1) + 1,
                                                             allowedKeys: keys, directive: name)))
            } catch {
                errors += error.errors
            }
        }

        var traces: [TraceDirective] = []
        for (block, name, body) in bodies where name == "trace" {
            do {
                let trace = try TraceDirective(body, at: location(block))
                if let earlier = traces.first(where: { $0.name == trace.name }) {
                    errors.append(LessonError("a trace named '\(trace.name)' is already defined at line \(earlier.location.line); "
                        + "give this one a different 'name'", at: location(block)))
                }
                traces.append(trace)
            } catch {
                errors.append(error)
            }
        }

        var content: [Content] = []
        var escaper = RawHTMLEscaper()  // the lesson's own HTML is shown as text; only the directives' blocks are HTML
        var bodyIndex = 0
        var tracesSoFar = 0
        var exerciseIDs: [String: Int] = [:]
        for block in document.blocks {
            guard bodyIndex < bodies.count, bodies[bodyIndex].block == block else {
                if case .codeBlock(let info, _) = block.kind, Self.directiveName(info) != nil { continue }  // reported above
                content += escaper.rewrite([block]).map(Content.markdown)
                continue
            }
            let (_, name, body) = bodies[bodyIndex]
            bodyIndex += 1
            switch name {
            case "trace":
                if let trace = traces.first(where: { $0.location == location(block) }) {
                    content.append(.trace(trace))
                    tracesSoFar = traces.firstIndex(where: { $0.location == location(block) }).map { $0 + 1 } ?? tracesSoFar
                }
            case "exercise":
                do {
                    let exercise = try LessonExercise(body, at: location(block), traces: traces,
                                                      preceding: traces.prefix(tracesSoFar).last)
                    if let line = exerciseIDs[exercise.exercise.id] {
                        errors.append(LessonError("exercise id '\(exercise.exercise.id)' is already used at line \(line)",
                                                  at: location(block)))
                    }
                    exerciseIDs[exercise.exercise.id] = block.line ?? 1
                    content.append(.exercise(exercise))
                } catch {
                    errors += error.errors
                }
            case "learning":
                do {
                    content.append(.learning(try LearningDirective(body, at: location(block))))
                } catch {
                    errors.append(error)
                }
            default:
                do {
                    content.append(.comparison(try CompareDirective(body, at: location(block))))
                } catch {
                    errors.append(error)
                }
            }
        }

        if title == nil {
            errors.insert(LessonError("the lesson has no title: start it with a '# ' heading", at: SourceLocation(file: file, line: 1)),
                          at: 0)
        }
        guard errors.isEmpty, let title else {
            throw LessonErrors(errors.sorted { $0.location.line < $1.location.line })
        }
        self.file = file
        self.slug = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        self.title = title
        self.content = content
    }

    /// `trace` for an info string `{trace}`; `nil` for an ordinary code block.
    static func directiveName(_ info: String) -> String? {
        let word = info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        guard word.count >= 2, word.hasPrefix("{"), word.hasSuffix("}") else { return nil }
        return String(word.dropFirst().dropLast())
    }

    /// Errors for directives inside lists or block quotes, which are not read.
    private static func nestedDirectives(in block: Block, file: String) -> [LessonError] {
        var finder = NestedDirectiveFinder()
        finder.descend(into: .block(block))
        return finder.found.map { directive in
            LessonError("the {\(directive.name)} directive must be at the top level of the lesson, not inside a list or quote",
                        at: SourceLocation(file: file, line: directive.line))
        }
    }
}

/// Finds the directives (code blocks with an info string such as `{trace}`) among the blocks it walks.
private struct NestedDirectiveFinder: MarkupWalker {
    /// Each directive's name and line, in document order.
    private(set) var found: [(name: String, line: Int)] = []

    mutating func visit(_ markup: Markup) {
        if case .block(let block) = markup, case .codeBlock(let info, _) = block.kind, let name = Lesson.directiveName(info) {
            found.append((name, block.line ?? 1))
        }
        descend(into: markup)
    }
}

/// The text of inlines without their markup: raw HTML left out, a line break as a space.
func plainText(_ inlines: [Inline]) -> String {
    var collector = PlainTextCollector()
    collector.walk(inlines)
    return collector.text
}

/// Collects the text of the inlines it walks.
private struct PlainTextCollector: MarkupWalker {
    private(set) var text = ""

    mutating func visit(_ markup: Markup) {
        switch markup {
        case .inline(.text(let words)), .inline(.code(let words)): text += words
        case .inline(.softBreak), .inline(.lineBreak): text += " "
        case .inline(.html): return
        case .block, .inline(.emphasis), .inline(.strong), .inline(.link): break
        }
        descend(into: markup)
    }
}
