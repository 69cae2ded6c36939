// The full dates an article offers as its document date: in its file name, its header lines and its text (dates
// after today included, which automatic detection skips). No VS Code import (unit-tested as it is).
import * as path from 'path';
import { HEADER_LINES, dateInFileName, parseDateString } from '../../server/src/lsp/protocol';

export interface DateCandidate {
  date: string;
  /** Where it was found: 'filename' | 'header' | 'text' | 'modified'. */
  source: 'filename' | 'header' | 'text' | 'modified';
  /** The text it was read from. */
  detail: string;
}

// Full dates as written in Chinese news: 2023年6月18日, 二〇二三年六月十八日, 2023-06-18, 2023/6/18, 2023.6.18.
const FULL_DATE_TEXT =
  /(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})[ \t]*年[ \t]*(?:[0-9０-９]{1,2}|[〇零○一二三四五六七八九十]{1,3})[ \t]*月[ \t]*(?:[0-9０-９]{1,2}|[〇零○一二三四五六七八九十]{1,3})[ \t]*[日号]|(?<![0-9０-９])[0-9０-９]{4}[-/.][0-9０-９]{1,2}[-/.][0-9０-９]{1,2}(?![0-9０-９])/g;

/** Every distinct full date in the file name, the header lines and the text, in that order (first place wins). */
export function dateCandidates(text: string, fileName: string): DateCandidate[] {
  const out: DateCandidate[] = [];
  const seen = new Set<string>();
  const add = (date: string | undefined, source: DateCandidate['source'], detail: string) => {
    if (!date || seen.has(date)) return;
    seen.add(date);
    out.push({ date, source, detail });
  };
  add(dateInFileName(fileName), 'filename', path.basename(fileName));
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    // a header line: "key：value" among the first lines (日期：…, 发布：…, Date: …)
    const header = i < HEADER_LINES && /^\s*[^\s：:，。]{1,20}\s*[：:]/.test(line);
    FULL_DATE_TEXT.lastIndex = 0;
    for (let m = FULL_DATE_TEXT.exec(line); m; m = FULL_DATE_TEXT.exec(line)) {
      add(parseDateString(m[0]), header ? 'header' : 'text', header ? line.trim() : m[0]);
    }
  });
  return out;
}

