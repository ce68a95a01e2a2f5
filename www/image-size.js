// The width and height of a PNG, JPEG, WebP or GIF file, read from its header (the first 256 KB)
// without decoding it: a 30000×30000 picture gets the size message instead of a decoder failure
// (or gigabytes of pixels). `null` when the format is not recognised.
// The engine's limits (crate/src/image), checked the same way wherever a picture comes in.
export const MAX_PIXELS = 40e6;
export const MAX_SIDE = 12000;

/** The message for a picture of width×height over the limits; null when it is within them. */
export function sizeProblem(width, height) {
  if (width * height <= MAX_PIXELS && width <= MAX_SIDE && height <= MAX_SIDE) return null;
  return `The image is ${width}×${height} (${(width * height / 1e6).toFixed(1)} megapixels); the limit is 40 megapixels and ${MAX_SIDE} pixels per side. Downscale it first.`;
}

/** The size problem of a file, read from its header (null when within the limits or unknown). */
export async function fileSizeProblem(blob) {
  const header = await imageSize(blob).catch(() => null);
  return header && sizeProblem(header.width, header.height);
}

export async function imageSize(blob) {
  const b = new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
  const v = new DataView(b.buffer);
  const ascii = (at, n) => String.fromCharCode(...b.subarray(at, at + n));
  if (b.length >= 24 && b[0] === 0x89 && ascii(1, 3) === 'PNG') return { width: v.getUint32(16), height: v.getUint32(20) };
  if (b.length >= 10 && ascii(0, 3) === 'GIF') return { width: v.getUint16(6, true), height: v.getUint16(8, true) };
  if (b.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8X') return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
    if (chunk === 'VP8L') { const bits = v.getUint32(21, true); return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) }; }
    if (chunk === 'VP8 ') return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // JPEG: walk the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) { i++; continue; }
      const m = b[i + 1];
      if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7) || m === 0xff) { i += m === 0xff ? 1 : 2; continue; }
      if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { width: v.getUint16(i + 7), height: v.getUint16(i + 5) };
      i += 2 + v.getUint16(i + 2);
    }
  }
  return null;
}
