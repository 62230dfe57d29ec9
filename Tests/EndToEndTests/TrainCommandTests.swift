import Foundation
import Testing
import TestSupport

/// `attention-trace train` through the binary, on a corpus and a model small enough for debug builds.
@Suite struct TrainCommandTests {
    static let tiny = ["--train", "40", "--held-out", "8", "--batch-size", "8", "--embedding-size", "8",
                       "--encoder-size", "6", "--decoder-size", "10", "--attention-size", "6", "--readout-size", "10"]

    /// The training losses of the progress lines, in order.
    static func losses(_ standardError: String) -> [Double] {
        standardError.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("epoch ") else { return nil }
            let words = line.split(separator: " ")
            return words.firstIndex(of: "loss").flatMap { Double(words[$0 + 1]) }
        }
    }

    @Test func aShortRunLowersTheLossAndWritesACheckpoint() throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["train"] + Self.tiny + ["--epochs", "4", "--learning-rate", "0.02",
                                                                    "--output", "model.safetensors"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let losses = Self.losses(result.standardError)
        #expect(losses.count == 4)
        #expect(losses.last ?? .infinity < (losses.first ?? 0) * 0.9, "\(losses)")
        #expect(result.standardError.contains("held-out"))
        #expect(result.standardError.contains("tokens/s"))
        let bytes = try Data(contentsOf: directory.appendingPathComponent("model.safetensors"))
        #expect(String(decoding: bytes.dropFirst(8).prefix(200), as: UTF8.self).contains("attention-trace/rnnsearch/1"))
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let directory = try makeTemporaryDirectory()
        for name in ["a", "b"] {
            let result = try runAttentionTrace(["train"] + Self.tiny + ["--steps", "3", "--output", "\(name).safetensors"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
        }
        let a = try Data(contentsOf: directory.appendingPathComponent("a.safetensors"))
        let b = try Data(contentsOf: directory.appendingPathComponent("b.safetensors"))
        #expect(a == b)
        let initial = try runAttentionTrace(["train"] + Self.tiny + ["--init-only", "--output", "init.safetensors"], in: directory)
        #expect(initial.status == 0)
        #expect(initial.standardError.isEmpty)
        #expect(try Data(contentsOf: directory.appendingPathComponent("init.safetensors")) != a)
    }

    @Test(arguments: [
        (["--learning-rate", "0"], "--learning-rate 0.0: must be a positive number"),
        (["--learning-rate", "nan"], "--learning-rate nan: must be a positive number"),
        (["--learning-rate=-0.1"], "--learning-rate -0.1: must be a positive number"),
        (["--batch-size", "0"], "--batch-size 0: must be at least 1"),
        (["--optimizer", "adagrad"], "The value 'adagrad' is invalid for '--optimizer <optimizer>'. Please provide one of 'sgd' and 'adam'."),
        (["--dtype", "I8"], "The value 'I8' is invalid for '--dtype <dtype>'. Please provide one of 'F64' and 'F32'."),
        (["--held-out=-1"], "the held-out split needs 0 or more pairs, got -1"),
        (["--train", "0"], "--train 0: must be at least 1"),
    ])
    func badOptionsAreRefusedWithOneLineAndNoFile(arguments: [String], message: String) throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["train"] + Self.tiny + arguments + ["--output", "model.safetensors"], in: directory)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.standardError == "Error: \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("model.safetensors").path))
    }

    @Test func aLossThatBecomesNaNStopsWithAClearMessage() throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["train"] + Self.tiny + ["--epochs", "3", "--learning-rate", "1e308",
                                                                    "--output", "model.safetensors"], in: directory)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.standardError.contains("the loss became NaN or infinite at step"))
    }

    /// `--variant local-m|local-p` trains Luong's local windows, which `trace` reads back with the
    /// model's score and D; options that do not belong to the variant are one line each.
    @Test func aLocalWindowTrainsAndTracesAsItsVariant() throws {
        let directory = try makeTemporaryDirectory()
        let trained = try runAttentionTrace(["train", "--variant", "local-p", "--score", "dot", "--window", "2", "--position-size", "4"]
                                            + Self.tiny + ["--decoder-size", "12", "--steps", "2", "--output", "local-p.safetensors"],
                                            in: directory)
        #expect(trained.status == 0, "\(trained.standardError)")
        let traced = try runAttentionTrace(["trace", "--variant", "local-p", "--model", "local-p.safetensors", "--source", "the cat",
                                            "--target", "le chat", "--format", "json"], in: directory)
        #expect(traced.status == 0, "\(traced.standardError)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(traced.standardOutput.utf8)) as? [String: Any])
        let options = try #require(trace["options"] as? [String: String])
        #expect(options["score"] == "dot" && options["window"] == "2" && options["parameters"] == "model:local-p.safetensors")
        let contradicted = try runAttentionTrace(["trace", "--variant", "local-p", "--model", "local-p.safetensors", "--source", "the cat",
                                                  "--target", "le chat", "--window", "3"], in: directory)
        #expect(contradicted.standardError == "Error: option 'window' is 3, but local-p.safetensors was trained with D = 2; leave the option out\n")
        for (arguments, message) in [
            (["--score", "dot"], "--score is for local-m and local-p; --variant additive attends to every source word"),
            (["--variant", "local-m", "--position-size", "4"], "--position-size is for local-p's position predictor; local-m has none"),
            (["--variant", "local-m", "--score", "dott"], "--score dott: train trains additive, general, dot, concat (did you mean 'dot'?)"),
            (["--variant", "local-p", "--window", "0"],
             "--window 0: local-p needs a window of at least 1: its Gaussian has σ = D/2, which must be positive"),
            (["--variant", "local-m", "--alignment-weight", "1"],
             "--alignment-weight 1.0: guided alignment needs global attention: a gold word outside a local window has weight 0, and −log 0 is infinite"),
        ] {
            let refused = try runAttentionTrace(["train"] + arguments + Self.tiny + ["--output", "bad.safetensors"], in: directory)
            #expect(refused.status == 1 && refused.standardError == "Error: \(message)\n", "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad.safetensors").path))
    }

    /// `--grammar FILE` trains on a corpus drawn from another grammar, here the package's without its
    /// determiner lines (so every noun phrase has "the"); the record names the file, and a wrong file
    /// is one line naming its line and key, with no checkpoint written.
    @Test func anotherGrammarFileTrainsOnItsCorpus() throws {
        let directory = try makeTemporaryDirectory()
        let package = try String(contentsOfFile: DocumentedCommandTests.packageRoot + "/Sources/AttentionCorpus/Resources/grammar.txt",
                                 encoding: .utf8)
        let theOnly = package.components(separatedBy: "\n")
            .filter { !$0.hasPrefix("determiner ") }
            .map { $0.replacingOccurrences(of: " determiner=0.5", with: "") }
        try theOnly.joined(separator: "\n").write(to: directory.appendingPathComponent("the-only.txt"), atomically: true, encoding: .utf8)
        let trained = try runAttentionTrace(["train", "--grammar", "the-only.txt"] + Self.tiny
                                            + ["--steps", "1", "--output", "model.safetensors", "--record", "record.json"], in: directory)
        #expect(trained.status == 0, "\(trained.standardError)")
        let record = try String(contentsOf: directory.appendingPathComponent("record.json"), encoding: .utf8)
        #expect(record.contains("\"grammar\" : \"the-only.txt\""))
        let corpus = try runAttentionTrace(["corpus", "--grammar", "the-only.txt", "--train", "200", "--held-out", "0", "--format", "tsv"],
                                           in: directory)
        #expect(!corpus.standardOutput.contains("\tmy ") && !corpus.standardOutput.contains("\tthis "))

        try "lengths min=3 max=15\nnuon en=cat\n".write(to: directory.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let refused = try runAttentionTrace(["train", "--grammar", "bad.txt"] + Self.tiny + ["--output", "bad.safetensors"], in: directory)
        #expect(refused.status == 1)
        #expect(refused.standardError == "Error: bad.txt:2: unknown entry 'nuon' (did you mean 'noun'?)\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad.safetensors").path))
    }

    /// `--variant general` trains Luong's general score in the same decoder, and `trace --variant general`
    /// traces the checkpoint; the additive variant refuses it by its score, and an unknown score is one line.
    @Test func aLuongScoreTrainsAndTracesAsItsVariant() throws {
        let directory = try makeTemporaryDirectory()
        let trained = try runAttentionTrace(["train", "--variant", "general"] + Self.tiny + ["--steps", "2", "--output", "general.safetensors"],
                                            in: directory)
        #expect(trained.status == 0, "\(trained.standardError)")
        let traced = try runAttentionTrace(["trace", "--variant", "general", "--model", "general.safetensors", "--source", "the cat",
                                            "--format", "json"], in: directory)
        #expect(traced.status == 0, "\(traced.standardError)")
        #expect(traced.standardOutput.contains("\"parameters\" : \"model:general.safetensors\"")
                || traced.standardOutput.contains("\"parameters\":\"model:general.safetensors\""))
        let refused = try runAttentionTrace(["trace", "--variant", "additive", "--model", "general.safetensors", "--source", "the cat"],
                                            in: directory)
        #expect(refused.standardError == "Error: variant 'additive' does not trace general.safetensors: it is an RNNsearch model with "
                    + "the general score, traced by variant 'general'; pass --model seeded for 'additive'\n")
        let unknown = try runAttentionTrace(["train", "--variant", "genral", "--output", "x.safetensors"], in: directory)
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "Error: --variant genral: train trains additive, general, dot, concat, local-m, local-p (did you mean 'general'?)\n")
        let dot = try runAttentionTrace(["train", "--variant", "dot"] + Self.tiny + ["--steps", "1", "--output", "dot.safetensors"], in: directory)
        #expect(dot.standardError.contains("decoder-size") && dot.status == 1, "the dot score needs d_s = d_h")
    }
}
