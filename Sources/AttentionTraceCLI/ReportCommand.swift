import ArgumentParser
import AttentionModels
import AttentionReport
import AttentionTraining
import Foundation
import SafeTensors

/// `attention-trace report`: the training report page of a checkpoint or record that `train` wrote.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the training report of a checkpoint or training record as one offline page.",
        discussion: """
            The input is a checkpoint written by 'train' (its training record travels in the safetensors metadata) \
            or the JSON that 'train --record' wrote (a name ending in .json). The page shows the training and held-out \
            loss, the held-out hit rate and alignment error rate, and each probe sentence's attention at every \
            recorded point. Docs/models/rnnsearch.md describes the record.
            """)

    @Argument(help: ArgumentHelp("A checkpoint or a training record.", valueName: "model.safetensors|record.json"))
    var input: String

    @Option(name: .customLong("output"), help: ArgumentHelp("The page to write (default: standard output).", valueName: "report.html"))
    var outputPath: String?

    func run() throws {
        if let outputPath { try FileAccess.checkOutput(outputPath, against: [input]) }
        let bytes = try FileAccess.read(input)
        let record: TrainingRecord
        if input.lowercased().hasSuffix(".json") {
            do {
                record = try JSONDecoder().decode(TrainingRecord.self, from: bytes)
            } catch {
                throw CommandFailure("'\(input)' is not a training record written by 'train --record'")
            }
        } else {
            do {
                guard let stored = try Checkpoint.decode(SafeTensorsFile(bytes: bytes)).record else {
                    throw CommandFailure("'\(input)' holds no training record (it was not written by 'train')")
                }
                record = stored
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure("'\(input)': \(error)")
            }
        }
        do {
            try FileAccess.write(try LearningReport(record: record).html, to: outputPath)
        } catch let error as ReportError {
            throw CommandFailure("'\(input)': \(error)")
        }
    }
}
