/// An uncompressed 8-bit palette BMP (Windows bitmap, `BITMAPINFOHEADER`), the
/// simplest raster format every browser shows, so pictures of huge tensors need
/// no compression code.
///
/// The file is a 14-byte file header, a 40-byte info header, the palette's
/// entries of 4 bytes (blue, green, red, 0) and the pixel rows, bottom row
/// first, each padded with zeros to a multiple of 4 bytes. Integers are little-endian.
/// A short palette keeps small pictures small: on a long walkthrough with hundreds of
/// pictures, a full 256-colour palette would be most of each one.
struct BMPImage {
    /// The width in pixels, at least 1.
    let width: Int
    /// The height in pixels, at least 1.
    let height: Int
    /// From 1 to 256 colours as `(red, green, blue)`, which every pixel indexes.
    let palette: [(red: UInt8, green: UInt8, blue: UInt8)]
    /// One palette index per pixel, row-major from the top-left pixel.
    let pixels: [UInt8]

    /// The bytes of the `.bmp` file.
    ///
    /// - Complexity: O(`width` · `height`).
    var fileBytes: [UInt8] {
        let stride = (width + 3) / 4 * 4
        let pixelOffset = 14 + 40 + palette.count * 4
        let fileSize = pixelOffset + stride * height
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fileSize)
        func append32(_ value: Int) {
            for shift in [0, 8, 16, 24] { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        func append16(_ value: Int) {
            for shift in [0, 8] { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        bytes += [0x42, 0x4D]  // "BM"
        append32(fileSize)
        append32(0)  // reserved
        append32(pixelOffset)
        append32(40)  // info header size
        append32(width)
        append32(height)  // positive: rows stored bottom-up
        append16(1)  // planes
        append16(8)  // bits per pixel
        append32(0)  // BI_RGB, no compression
        append32(stride * height)
        append32(2835)  // 72 dpi, in pixels per metre
        append32(2835)
        append32(palette.count)  // colours used
        append32(0)  // all colours important
        for colour in palette {
            bytes += [colour.blue, colour.green, colour.red, 0]
        }
        for row in (0..<height).reversed() {
            bytes += pixels[(row * width)..<((row + 1) * width)]
            bytes += repeatElement(0, count: stride - width)
        }
        return bytes
    }
}
