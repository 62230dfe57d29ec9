import AttentionTrace
import Testing
@testable import AttentionRendering
import TestSupport

/// The BMP encoder, tier boundaries and a page with a huge tensor.
@Suite struct PictureTests {
    @Test func aTwoByTwoBMPIsWrittenByteForByte() {
        let palette: [(red: UInt8, green: UInt8, blue: UInt8)] = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
        let bytes = BMPImage(width: 2, height: 2, palette: palette, pixels: [0, 1, 2, 0]).fileBytes
        let header: [UInt8] = [
            0x42, 0x4D, 0x4A, 0, 0, 0, 0, 0, 0, 0, 0x42, 0, 0, 0,  // "BM", 74 bytes, pixels at 66
            40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 8, 0,  // info header, 2 × 2, 1 plane, 8 bits
            0, 0, 0, 0, 8, 0, 0, 0, 0x13, 0x0B, 0, 0, 0x13, 0x0B, 0, 0,  // no compression, 8 bytes of pixels, 72 dpi
            3, 0, 0, 0, 0, 0, 0, 0,  // the palette's 3 colours, all important
        ]
        #expect(bytes.count == 74)
        #expect(Array(bytes[0..<54]) == header)
        #expect(Array(bytes[54..<66]) == [0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 0])  // blue, green, red, 0
        // Bottom row first, each padded to 4 bytes.
        #expect(Array(bytes[66...]) == [2, 0, 0, 0, 0, 1, 0, 0])
    }

    @Test func tiersChangeAtTheirBoundaries() {
        #expect(TensorDisplay.tier(ofShape: [32, 32], largeTensorsArePictures: false) == .table)
        #expect(TensorDisplay.tier(ofShape: [64, 16], largeTensorsArePictures: true) == .table)
        #expect(TensorDisplay.tier(ofShape: [65, 1], largeTensorsArePictures: false) == .interactiveHeatmap)
        #expect(TensorDisplay.tier(ofShape: [33, 32], largeTensorsArePictures: false) == .interactiveHeatmap)
        #expect(TensorDisplay.tier(ofShape: [128, 128], largeTensorsArePictures: false) == .interactiveHeatmap)
        #expect(TensorDisplay.tier(ofShape: [128, 129], largeTensorsArePictures: false) == .picture)
        #expect(TensorDisplay.tier(ofShape: [65, 1], largeTensorsArePictures: true) == .picture)
        #expect(TensorDisplay.tier(ofShape: [2, 64, 128], largeTensorsArePictures: false) == .interactiveHeatmap)
        #expect(TensorDisplay.tier(ofShape: [3, 64, 128], largeTensorsArePictures: false) == .picture)
    }

    /// A step per shape, each with one tensor of that shape and its numbers.
    private func steps(_ shapes: [[Int]]) -> [(id: String, tensors: [PagePolicy.Entry])] {
        shapes.enumerated().map { (id: "s\($0)", tensors: [PagePolicy.Entry(id: "s\($0).x", shape: $1)]) }
    }

    @Test func largeTensorsBecomePicturesWhenTogetherTheyExceedTheBudget() {
        let within = PagePolicy(steps: steps([[4, 4], [2048, 1], [2048, 1], [300, 300]]))
        #expect(!within.largeTensorsArePictures)
        #expect(within.numbersNotEmbedded == 90_000)
        let beyond = PagePolicy(steps: steps([[4, 4], [2048, 1], [2049, 1]]))
        #expect(beyond.largeTensorsArePictures)
        #expect(beyond.numbersNotEmbedded == 4097)
        #expect(within.stepsLeftOut.isEmpty && beyond.stepsLeftOut.isEmpty)
    }

    @Test func onceTheByteBudgetIsSpentEveryLaterStepLeavesItsTensorsOutButResultsStay() {
        // A 32 × 32 table is estimated at 1,200 + 37 · 1,024 bytes, and 1,200 + 250 · 1,024 with a heatmap beside it.
        let table = PagePolicy.estimatedBytes(ofShape: [32, 32], tier: .table)
        #expect(table == 39_088)
        #expect(PagePolicy.estimatedBytes(ofShape: [32, 32], tier: .table, withHeatmap: true) == 257_200)
        // The result's table counts first; then each step's prose and table, 41,088 bytes: 64 steps fit in 2.7 MB.
        let fitting = (PagePolicy.byteBudget - table) / (PagePolicy.stepBytes + table)
        #expect(fitting == 64)
        // A small step after the budget is spent is left out too: the steps left out are the last ones.
        let shapes = Array(repeating: [32, 32], count: 80) + [[1, 1]]
        let result = PagePolicy.Entry(id: "result.weights", shape: [32, 32])
        let policy = PagePolicy(results: [result], steps: steps(shapes))
        #expect(policy.stepsLeftOut == Set((fitting..<81).map { "s\($0)" }))
        #expect(policy.tensorsLeftOut.contains("s80.x") && !policy.tensorsLeftOut.contains("result.weights"))
        #expect(policy.numbersLeftOut == (80 - fitting) * 1024 + 1)
        #expect(policy.numbersNotEmbedded == 0)
        // The first step is shown even when it alone passes the budget.
        let huge = PagePolicy(steps: steps([[32, 32], [1, 1]]).map { step in
            (id: step.id, tensors: Array(repeating: step.tensors[0], count: 70))
        })
        #expect(huge.stepsLeftOut == ["s1"])
    }

    /// A 300 × 300 tensor beside a 4 × 4 one.
    static let mixed: Trace = {
        let big = Tensor(shape: [300, 300], scalars: (0..<90_000).map { Double($0 % 300) / 300 })
        let small = Tensor(rows: (0..<4).map { i in (0..<4).map { j in Double(i * 4 + j) } })
        let tokens = (0..<300).map { "w\($0)" }
        let step = Step(id: "s", title: "Both sizes", explanation: "", formulas: [], tensors: [
            TracedTensor(id: "s.big", symbol: "B", description: "a huge tensor",
                         axes: [Axis(name: "query", labels: tokens), Axis(name: "key", labels: tokens)],
                         values: big, provenance: Provenance(.given)),
            TracedTensor(id: "s.small", symbol: "A", description: "a small tensor",
                         axes: [Axis(name: "row"), Axis(name: "column")], values: small, provenance: Provenance(.given)),
        ])
        return Trace(variant: "self", sourceTokens: tokens, inputs: [:], steps: [step], result: [:])
    }()

    @Test func aHugeTensorIsOnePictureWithoutItsNumbersBesideASmallTable() throws {
        let html = try render(Self.mixed, as: .html)
        #expect(html.utf8.count < 400_000)
        #expect(occurrences(of: "data:image/bmp;base64,", in: html) == 1)
        #expect(!html.contains("data-derivations=\"s.big\""))
        #expect(!html.contains("data-tensor=\"s.big\""))
        #expect(html.contains("each pixel the mean of 3 × 3 cells"))
        #expect(html.contains("Rows (query): 0 “w0” · 150 “w150” · 299 “w299”"))
        #expect(html.contains("<p class=\"page-policy\">Tensors with more than 16,384 numbers are shown as pictures; 90,000 numbers are not embedded."))
        #expect(html.contains("--cell \"s.big[row,column]\""))
        #expect(html.contains("<table class=\"tensor\" data-tensor=\"s.small\">"))
        #expect(html.contains("<tr data-index=\"3,\"><th scope=\"row\"><bdi>3</bdi></th><td>12.0000</td><td>13.0000</td><td>14.0000</td>"))
        let island = try #require(sections(of: html, from: "data-derivations=\"s.small\">", to: "</script>").first)
        #expect(!island.contains(#""values""#), "the table holds the numbers")
        #expect(island.contains(#""derivation":{"tensors":["s.small"],"lines":["A[{i},{j}] = {v0:i,j}","given in the input spec"]}"#), "the page writes A[3,2] = 14.0000 from this and the table")
    }

    @Test func summarisedTensorsArePicturesInTheirPlaceAndTheOverviewSaysWhy() throws {
        let trace = SampleTraces.summarized
        let summarized = trace.steps.flatMap(\.tensors).filter { $0.summary != nil }
        #expect(!summarized.isEmpty && trace.result["weights"]?.summary != nil)
        let html = try render(trace, as: .html)
        #expect(html.contains("This trace keeps tensors of up to 4 numbers;"))
        #expect(html.contains("Trace with <code>--full</code> to keep every number."))
        for tensor in summarized {
            #expect(html.contains("id=\"tensor-\(tensor.id)\""))
        }
        #expect(html.contains("id=\"tensor-result.weights\""))
        let markdown = try render(trace, as: .markdown)
        #expect(markdown.contains("only the first and last 3 rows and columns are shown"))
    }

    @Test func markdownSummarisesAHugeTensorAndElidesItsMiddle() throws {
        let markdown = try render(Self.mixed, as: .markdown)
        #expect(markdown.utf8.count < 5_000)
        #expect(markdown.contains("300 × 300 (query × key): minimum 0.0000, maximum 0.9967, mean 0.4983; only the first and last 3 rows and columns are shown"))
        #expect(markdown.contains("query \\ key      w0      w1      w2  …    w297    w298    w299\n"))
        #expect(markdown.contains("w299         0.0000  0.0033  0.0067  …  0.9900  0.9933  0.9967\n"))
        #expect(!markdown.contains("\nw150 "))
    }
}
