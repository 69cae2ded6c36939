// Writing an article back after `check --fix`: in the encoding it was read in (UTF-8 with or without a BOM,
// UTF-16 with its BOM, GB18030, Big5), atomically — a temporary file in the same folder, then a rename over the
// original — so a crash or a full disk leaves either the old file or the new one, never half of each. The bytes are
// decoded again before the rename; if they do not give the fixed text back, nothing is written.
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { decodeFile, type DecodedText } from '../core/textDecoding';

const BOMS: Record<DecodedText['encoding'], number[]> = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], gb18030: [], big5: [] };

export function encodeLike(text: string, original: Pick<DecodedText, 'encoding' | 'bom'>): Buffer {
  const body = original.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, original.encoding);
  return original.bom ? Buffer.concat([Buffer.from(BOMS[original.encoding]), body]) : body;
}

/** Replaces `file` with `text` encoded as the file was; throws with a message naming the file when it cannot. */
export function writeFixedArticle(file: string, text: string, original: Pick<DecodedText, 'encoding' | 'bom'>): void {
  const bytes = encodeLike(text, original);
  const back = decodeFile(bytes, file);
  if (back.text !== text) throw new Error(`${file}: the fixed text cannot be written back in ${original.encoding}; nothing was written`);
  const mode = fs.statSync(file).mode;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.fix.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`${file}: cannot be written: ${(err as Error).message}`);
  }
}
