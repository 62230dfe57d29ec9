import AttentionMath
import Testing

@Suite struct MatrixTrainingTests {
    let m = Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])

    @Test func gatheringAndScatteringRows() {
        #expect(m.gatheringRows([2, 0, 2]) == Matrix(rowArrays: [[5, 6], [1, 2], [5, 6]]))
        var table = Matrix(rows: 3, columns: 2)
        table.addRows(Matrix(rowArrays: [[1, 1], [2, 3], [10, 20]]), at: [2, 0, 2])
        #expect(table == Matrix(rowArrays: [[2, 3], [0, 0], [11, 21]]))
    }

    @Test func repeatingAndGroupingRows() {
        let repeated = m.rows(0..<2).repeatingEachRow(2)
        #expect(repeated == Matrix(rowArrays: [[1, 2], [1, 2], [3, 4], [3, 4]]))
        #expect(repeated.summingRowGroups(of: 2) == Matrix(rowArrays: [[2, 4], [6, 8]]))
        #expect(m.summingRowGroups(of: 3) == Matrix(row: [9, 12]))
    }

    @Test func reshapingColumnSumsAndTransposedProducts() {
        #expect(m.reshaped(rows: 2, columns: 3) == Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]]))
        #expect(m.columnSums() == Matrix(row: [9, 12]))
        // [1 3 5; 2 4 6] · [1; 1; 2] = [14; 18]
        #expect(m.transposeMultiplied(by: Matrix(rowArrays: [[1], [1], [2]])) == Matrix(rowArrays: [[14], [18]]))
    }

    @Test func entryWiseMapsAndInPlaceAddition() {
        #expect(m.mapped { $0 * $0 } == Matrix(rowArrays: [[1, 4], [9, 16], [25, 36]]))
        #expect(m.zipped(with: m) { $0 - 2 * $1 } == m.scaled(by: -1))
        var sum = m
        sum.add(m, scaledBy: 0.5)
        #expect(sum == m.scaled(by: 1.5))
    }
}
