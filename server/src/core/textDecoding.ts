// Decoding article files as they occur in Chinese corpora: UTF-8 (with or without a BOM), UTF-16 with a BOM,
// and the legacy GB18030/GBK/GB2312 and Big5 encodings, detected with jschardet and decoded with iconv-lite.
// Anything else is refused with a message that names the file and the first bad byte, never decoded into mojibake.
type Iconv = typeof import('iconv-lite');
type Jschardet = typeof import('jschardet');

// Both libraries are loaded on first use: most corpora are UTF-8, and together they are 1.6 MB of code that every
// start of the command line would parse for nothing (its bundles leave them in node_modules, esbuild.js).
let iconvModule: Iconv | undefined;
let jschardetModule: Jschardet | undefined;
/** iconv-lite, loaded on first use. */
export const iconv = (): Iconv => (iconvModule ??= require('iconv-lite') as Iconv);
const jschardet = (): Jschardet => (jschardetModule ??= require('jschardet') as Jschardet);

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodedText {
  /** The text without its byte-order mark; offsets count from here. */
  text: string;
  encoding: TextEncoding;
  /** Whether the file started with a byte-order mark (it is not part of `text`). */
  bom: boolean;
}

export class DecodeError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DecodeError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes; throws DecodeError when the encoding is neither UTF-8 nor a recognised Chinese one. */
export function decodeFile(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3), file), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv().decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv().decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be', bom: true };
  }
  // NUL is valid UTF-8 but never in an article: UTF-16 without a byte-order mark, or a binary file.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) {
      throw new DecodeError(
        file,
        `looks like UTF-16 ${utf16} without a byte-order mark, which cannot be told apart from binary data safely; ` +
          'save it as UTF-8 (or as UTF-16 with a byte-order mark)',
      );
    }
    throw new DecodeError(file, `is a binary file (it contains NUL bytes, the first at byte offset ${nul}), not text`);
  }
  const firstBad = firstInvalidUtf8(bytes);
  if (firstBad < 0) return { text: utf8.decode(bytes), encoding: 'utf-8', bom: false };
  const legacy = detectLegacyChinese(bytes);
  if (legacy) return { text: iconv().decode(Buffer.from(bytes), legacy), encoding: legacy, bom: false };
  throw new DecodeError(
    file,
    `is not valid UTF-8 (invalid byte 0x${bytes[firstBad].toString(16).padStart(2, '0')} at byte offset ${firstBad}) ` +
      'and does not look like GB18030/GBK or Big5; convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)',
  );
}

/** 'LE' or 'BE' when the NUL bytes fall on one side of the 16-bit units, as in UTF-16 text with ASCII in it. */
function utf16WithoutBom(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  if (odd >= 2 && even === 0) return 'LE';
  if (even >= 2 && odd === 0) return 'BE';
  return undefined;
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    throw new DecodeError(file, `starts with a UTF-8 byte-order mark but has an invalid byte at byte offset ${bad + 3}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new DecodeError(file, `is a binary file (it contains NUL bytes, the first at byte offset ${nul + 3}), not text`);
  return utf8.decode(bytes);
}

/** Byte offset of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (need = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (need = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i; // truncated or broken sequence
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Which legacy Chinese encoding the bytes are in, or undefined. jschardet's verdict is taken when it names one;
 * otherwise the bytes count as GB18030 only when they decode without a replacement character and the non-ASCII
 * text is mostly CJK ideographs and punctuation.
 */
function detectLegacyChinese(bytes: Uint8Array): 'gb18030' | 'big5' | undefined {
  const sample = Buffer.from(bytes.subarray(0, 64 * 1024));
  const guess = jschardet().detect(sample, { minimumThreshold: 0.2 });
  const name = (guess.encoding || '').toLowerCase();
  if (name === 'big5') return plausibleChinese(iconv().decode(Buffer.from(bytes), 'big5')) ? 'big5' : undefined;
  const gb = iconv().decode(Buffer.from(bytes), 'gb18030');
  if (name === 'gb2312' || name === 'gbk' || name === 'gb18030') return gb.includes('\ufffd') ? undefined : 'gb18030';
  return plausibleChinese(gb) ? 'gb18030' : undefined;
}

function plausibleChinese(text: string): boolean {
  if (text.includes('\ufffd')) return false;
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii >= 0.8;
}
