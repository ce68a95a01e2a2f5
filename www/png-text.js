// Provenance in exported PNGs: text chunks right after IHDR, one writer for every mode.
// Text that Latin-1 can hold goes in a tEXt chunk (keyword\0text). Other text (typographic
// quotes, arrows, ψ, Chinese, …) goes in an iTXt chunk in UTF-8, exactly as written, after a
// tEXt chunk of the same keyword with a Latin-1 approximation for readers that only know tEXt
// (readers that know both keep the later, exact one).
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

const isLatin1 = (s) => [...s].every((ch) => ch.codePointAt(0) < 256);
const SIMILAR = { '“': '"', '”': '"', '‘': "'", '’': "'", '→': '->', '←': '<-', '↔': '<->', '⇄': '<->', '–': '-', '—': '-', '…': '...', 'ψ': 'psi', '×': 'x' };
/** The closest Latin-1 text: common typography spelled plainly, anything else a '?'. */
export const latin1 = (s) => [...s].map((ch) => (ch.codePointAt(0) < 256 ? ch : SIMILAR[ch] ?? '?')).join('');

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set([...type].map((c) => c.charCodeAt(0)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const bytesOf = (s) => Uint8Array.from(s, (ch) => ch.charCodeAt(0)); // Latin-1 text (checked by the caller)

function textChunks(keyword, text) {
  const key = bytesOf(latin1(keyword).slice(0, 79));
  const tEXt = chunk('tEXt', new Uint8Array([...key, 0, ...bytesOf(latin1(text))]));
  if (isLatin1(text)) return [tEXt];
  // iTXt: keyword\0, compression flag 0, method 0, no language tag\0, no translated keyword\0, UTF-8 text.
  const iTXt = chunk('iTXt', new Uint8Array([...key, 0, 0, 0, 0, 0, ...new TextEncoder().encode(text)]));
  return [tEXt, iTXt];
}

/** Returns a new PNG with the given {keyword: text} entries. */
export function addPngText(png, entries) {
  const ihdrEnd = 8 + 8 + 13 + 4; // signature + IHDR (length, type, 13 bytes, crc)
  const chunks = Object.entries(entries).flatMap(([k, v]) => textChunks(k, v));
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
