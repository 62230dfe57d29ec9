import Foundation
import Testing
import TestSupport

/// `train --report`, `--record` and `attention-trace report` through the binary, on ``TrainCommandTests/tiny``.
@Suite struct ReportCommandTests {
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func trainWritesTheReportAndReportRewritesItFromTheCheckpointOrTheRecord() throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["train"] + TrainCommandTests.tiny + [
            "--epochs", "2", "--learning-rate", "0.02", "--output", "model.safetensors",
            "--report", "report.html", "--record", "record.json"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        // The default points 0, 1 and 2 (the last), and the four default probes, which the corpus's first pairs are.
        #expect(Self.count("<figure class=\"heatmap\">", in: html) == 4 * 3)
        #expect(Self.count("<path class=\"series\"", in: html) == 4)
        #expect(Self.count("<figcaption>before training</figcaption>", in: html) == 4)
        #expect(Self.count("<figcaption>after epoch 2</figcaption>", in: html) == 4)
        #expect(html.contains("<h3>the man who visited the zoo yesterday → l&#39;homme qui a visité le zoo hier</h3>"))
        #expect(html.contains("<title>noir → black: "))
        #expect(html.contains("Trained by attention-trace train for 2 epochs (10 steps) on 40 generated pairs, 8 held out"))
        #expect(!html.contains("http://") && !html.contains("https://"))

        for input in ["model.safetensors", "record.json"] {
            let again = try runAttentionTrace(["report", input, "--output", "again.html"], in: directory)
            #expect(again.status == 0, "\(again.standardError)")
            #expect(try String(contentsOf: directory.appendingPathComponent("again.html"), encoding: .utf8) == html, "from \(input)")
        }
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("record.json")))
        let snapshots = try #require((record as? [String: Any])?["snapshots"] as? [[String: Any]])
        #expect(snapshots.compactMap { $0["epoch"] as? Int } == [0, 1, 2])
    }

    @Test func theShippedModelsReportShowsItsAlignmentsForming() throws {
        let shipped = DocumentedCommandTests.packageRoot + "/Sources/AttentionModels/Resources/rnnsearch.safetensors"
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["report", shipped, "--output", "report.html"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        // Epochs 0, 1, 2, 5, 10, 20 and 30 of the four default probes.
        #expect(Self.count("<figure class=\"heatmap\">", in: html) == 4 * 7)
        #expect(Self.count("<figcaption>after epoch 30</figcaption>", in: html) == 4)
        #expect(html.contains("Trained by attention-trace train for 30 epochs (3750 steps) on 4000 generated pairs, 400 held out"))
        #expect(html.contains("cross-entropy alone"))
    }

    @Test(arguments: [
        (["--record-at", "0,x"], "--record-at 0,x: 'x' is not an epoch (a whole number, 0 for before training)"),
        (["--record-at=-1"], "--record-at -1: '-1' is not an epoch (a whole number, 0 for before training)"),
        (["--record-at", "0,3"], "--record-at 0,3: epoch 3 is after the last (--epochs 2)"),
        (["--probe", "the black cat"], "--probe 'the black cat': write it as 'english ||| french', with one '|||'"),
        (["--probe", "the blak cat ||| le chat noir"],
         "--probe 'the blak cat ||| le chat noir': the source word 'blak' is not in the corpus's vocabulary (did you mean 'black'?)"),
        (["--probe", "the black cat ||| le chat nor"],
         "--probe 'the black cat ||| le chat nor': the target word 'nor' is not in the corpus's vocabulary (did you mean 'noir'?)"),
        (["--init-only", "--report", "report.html"], "--report report.html: --init-only trains nothing to report"),
    ])
    func badRecordingOptionsAreRefusedWithOneLineAndNoFile(arguments: [String], message: String) throws {
        let directory = try makeTemporaryDirectory()
        let result = try runAttentionTrace(["train"] + TrainCommandTests.tiny + ["--epochs", "2"] + arguments
                                           + ["--output", "model.safetensors"], in: directory)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.standardError == "Error: \(message)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aCheckpointWithoutSnapshotsOrARecordIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        #expect(try runAttentionTrace(["train"] + TrainCommandTests.tiny + ["--init-only", "--output", "init.safetensors"],
                                      in: directory).status == 0)
        let result = try runAttentionTrace(["report", "init.safetensors", "--output", "report.html"], in: directory)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.standardError.hasPrefix("Error: 'init.safetensors': the training record has no snapshots"))
        #expect(result.standardError.split(separator: "\n").count == 1)
        try Data("{}".utf8).write(to: directory.appendingPathComponent("record.json"))
        let json = try runAttentionTrace(["report", "record.json", "--output", "report.html"], in: directory)
        #expect(json.standardError == "Error: 'record.json' is not a training record written by 'train --record'\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.html").path))
    }
}
