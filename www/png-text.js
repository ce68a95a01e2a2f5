// Provenance in exported PNGs: insert tEXt chunks (keyword\0text) right after IHDR.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function textChunk(keyword, text) {
  // tEXt is Latin-1; replace anything outside it.
  const latin1 = (s) => Uint8Array.from(s, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63));
  const data = new Uint8Array([...latin1(keyword), 0, ...latin1(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set([0x74, 0x45, 0x58, 0x74], 4); // "tEXt"
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** Returns a new PNG with the given {keyword: text} entries. */
export function addPngText(png, entries) {
  const ihdrEnd = 8 + 8 + 13 + 4; // signature + IHDR (length, type, 13 bytes, crc)
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  const size = png.length + chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** Save `png` bytes with the `entries` as text under the file name `name`. */
export function savePng(png, name, entries) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([addPngText(png, entries)], { type: 'image/png' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
