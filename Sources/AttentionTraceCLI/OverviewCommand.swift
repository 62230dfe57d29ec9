import ArgumentParser
import AttentionEngine
import AttentionRendering
import Foundation

/// `attention-trace overview`: every layer × head of a pretrained model on one sentence, on one page.
struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Show every head of every layer of a pretrained model on one sentence, as small heatmaps on one page.",
        discussion: "Each heatmap leads to the command that traces that head in full; the head view draws one layer's "
            + "attention as lines between the words, each head in its colour. The page is one file that needs no network.")

    @Option(name: .customLong("model"), help: ArgumentHelp("A pretrained model: a BERT or GPT-2-family folder (config.json, model.safetensors and its vocabulary) or a Llama-family .gguf file.",
                                                           valueName: "folder|file"))
    var folder: String

    @Option(help: "The sentence.")
    var source: String

    @Option(help: ArgumentHelp("The layer of the head view, from 0 (default 0).", valueName: "L"))
    var layer = 0

    @Option(help: ArgumentHelp("The head the head view shows at first, from 0 (default: every head of the layer).", valueName: "H"))
    var head: Int?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var outputPath: String?

    func run() throws {
        if let outputPath { try FileAccess.checkOutput(outputPath, against: [folder]) }
        guard PretrainedCheckpoint.isPretrained(folder) else {
            throw CommandFailure("--model \(folder) is not a pretrained model: give its folder (config.json, model.safetensors, vocab.txt) or its .gguf file")
        }
        let (model, name) = try pretrainedModel(at: folder)
        let attentions: (tokens: [String], weights: [[[[Double]]]])
        do throws(TraceError) {
            try PretrainedLayer.check(layer: layer, head: head, of: model, name: name)
            attentions = try PretrainedLayer.attentions(of: model, name: name, sentence: source)
        } catch {
            throw CommandFailure(error)
        }
        let commands = attentions.weights.indices.map { layer in
            attentions.weights[layer].indices.map { head in
                ["attention-trace", "trace", "--model", folder, "--source", source, "--layer", String(layer), "--head", String(head),
                 "--output", "layer\(layer)-head\(head).html"].map(shellQuoted).joined(separator: " ")
            }
        }
        let overview = ModelOverview(model: name, tokens: attentions.tokens, attentions: attentions.weights,
                                     commands: commands, focus: (layer, head))
        try FileAccess.write(renderModelOverview(overview), to: outputPath)
    }
}

/// `word` as a POSIX shell reads it back: bare when it holds only safe characters, else in single quotes.
func shellQuoted(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    guard !word.isEmpty, !word.contains(where: { !safe.contains($0) }) else {
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    return word
}
