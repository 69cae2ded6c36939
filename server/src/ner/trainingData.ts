// Training and evaluation data for the entity model: JSON lines {text, entities: [[start, end, label], ...]} with
// code-point offsets (the shape of ../shared/data/ner/*; doccano's {text, label} as exported by the project is
// read too), the MSRA files, the
// dev split, and the mapping of CLUENER2020's types onto PER / LOC / ORG.
import * as fs from 'fs';
import * as path from 'path';
import { ENTITY_TYPES, TypedRange } from './tags';

export interface Example {
  text: string;
  entities: [number, number, string][];
}

/** The repository root: the nearest ancestor of this file holding package.json (source tree or dist bundle). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** ../shared next to the repository, or $NEWS_ANNOTATOR_SHARED. */
export function sharedDir(): string {
  return process.env.NEWS_ANNOTATOR_SHARED || path.resolve(repoRoot(), '..', 'shared');
}

export function msraFiles(): string[] {
  const dir = path.join(sharedDir(), 'data', 'ner', 'msra');
  return ['train-00.jsonl', 'train-01.jsonl', 'train-02.jsonl'].map((f) => path.join(dir, f));
}

export function clueNerFile(): string {
  return path.join(sharedDir(), 'data', 'ner', 'cluener2020', 'train.jsonl');
}

/** Reads JSON lines of {text, entities}; a malformed line is reported with its file and line number. */
export function readJsonl(file: string): Example[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  const out: Example[] = [];
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let o: any;
    try {
      o = JSON.parse(line);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    // doccano JSONL (the project's `export --format doccano`) names the list "label" and lists unreviewed
    // machine suggestions separately: those are left out of training
    if (o && o.entities === undefined && Array.isArray(o.label)) {
      const suggested = new Set((Array.isArray(o.suggestions) ? o.suggestions : []).map((t: unknown) => JSON.stringify(t)));
      o.entities = o.label.filter((t: unknown) => !suggested.has(JSON.stringify(t)));
    }
    if (typeof o?.text !== 'string' || !Array.isArray(o.entities)) {
      throw new Error(`${file}:${i + 1}: expected {"text": string, "entities": [[start, end, label], ...]} (or doccano's {"text", "label"})`);
    }
    const length = [...o.text].length;
    for (const e of o.entities) {
      if (!Array.isArray(e) || !Number.isInteger(e[0]) || !Number.isInteger(e[1]) || typeof e[2] !== 'string' || e[0] < 0 || e[1] > length || e[0] >= e[1]) {
        throw new Error(`${file}:${i + 1}: bad entity ${JSON.stringify(e)} (offsets are code points, end exclusive, within the text of ${length})`);
      }
    }
    out.push({ text: o.text, entities: o.entities });
  }
  return out;
}

/** Every `every`-th example (indices every-1, 2*every-1, ...) is dev; the rest is training. */
export function splitDev<T>(examples: readonly T[], every: number): { train: T[]; dev: T[] } {
  const train: T[] = [];
  const dev: T[] = [];
  examples.forEach((e, i) => (every > 0 && i % every === every - 1 ? dev : train).push(e));
  return { train, dev };
}

/**
 * A split by contiguous blocks of sentences, so that whole articles stay on one side (MSRA and CLUENER have no
 * document ids; a block of consecutive sentences holds whole articles except at its two edges). Block b (sentences
 * b*block .. b*block+block-1) is dev when b % every === every - 1, tune (held out for calibration and tuning
 * decisions, never reported as a score) when b % every === tuneAt, training otherwise.
 */
export interface BlockSplit {
  block: number;
  every: number;
  /** Block residue held out for tuning, or -1 for none. */
  tuneAt: number;
}

/** MSRA: blocks of 200 sentences (People's Daily articles run 5-40 sentences); 1 in 20 dev, 1 in 20 tune. */
export const MSRA_SPLIT: BlockSplit = { block: 200, every: 20, tuneAt: 9 };
/** CLUENER train: blocks of 100 sentences; 1 in 10 is the modern test, 1 in 10 the CLUENER dev (tune) part. */
export const CLUENER_SPLIT: BlockSplit = { block: 100, every: 10, tuneAt: 4 };

export function splitBlocks<T>(examples: readonly T[], s: BlockSplit): { train: T[]; dev: T[]; tune: T[] } {
  const train: T[] = [];
  const dev: T[] = [];
  const tune: T[] = [];
  examples.forEach((e, i) => {
    const r = Math.floor(i / s.block) % s.every;
    (r === s.every - 1 ? dev : r === s.tuneAt ? tune : train).push(e);
  });
  return { train, dev, tune };
}

/** PER / LOC / ORG ranges of an example (other labels dropped), as tag-type indices. */
export function entityRanges(ex: Example, mapLabel: (label: string) => string | undefined = (l) => l): TypedRange[] {
  const out: TypedRange[] = [];
  for (const [start, end, label] of ex.entities) {
    const mapped = mapLabel(label);
    const type = mapped === undefined ? -1 : ENTITY_TYPES.indexOf(mapped as never);
    if (type >= 0) out.push({ start, end, type });
  }
  return out;
}

/**
 * CLUENER2020 types on our labels: name (already PER) -> PER; company, government, organization -> ORG;
 * address -> LOC only when `addressAsLoc` (CLUENER addresses are often whole street addresses spanning several
 * nested places, which our guidelines split); book, game, movie, position, scene -> dropped.
 */
export function clueNerLabel(addressAsLoc: boolean): (label: string) => string | undefined {
  return (label) => {
    switch (label) {
      case 'PER':
      case 'name':
        return 'PER';
      case 'company':
      case 'government':
      case 'organization':
        return 'ORG';
      case 'address':
        return addressAsLoc ? 'LOC' : undefined;
      default:
        return undefined;
    }
  };
}

/**
 * A CLUENER2020 sentence as partial labels for training: its name / company / government / organization spans are
 * PER / ORG exactly (B then I); positions in no span may be O or LOC (CLUENER marks every person and organisation
 * but leaves most places unmarked); positions in address, scene and position spans may be O or LOC; positions in
 * book, game and movie spans may be anything (our conventions label names inside unquoted titles).
 * Returns the known ranges and, per code point, the bit mask of allowed tags (O 0, B/I-PER 1/2, B/I-LOC 3/4, B/I-ORG 5/6).
 */
export function clueNerPartial(ex: Example): { text: string; ranges: TypedRange[]; allowed: Uint8Array } {
  const n = [...ex.text].length;
  const O_OR_LOC = (1 << 0) | (1 << 3) | (1 << 4);
  const ANY = 0x7f;
  const allowed = new Uint8Array(n).fill(O_OR_LOC);
  const ranges: TypedRange[] = [];
  const map = clueNerLabel(false);
  // unknown-type spans first, so that a known span overlapping one wins
  for (const [s, e, label] of ex.entities) {
    if (map(label)) continue;
    const mask = label === 'book' || label === 'game' || label === 'movie' ? ANY : O_OR_LOC;
    for (let i = s; i < e; i++) allowed[i] = mask;
  }
  for (const [s, e, label] of ex.entities) {
    const type = ENTITY_TYPES.indexOf(map(label) as never);
    if (type < 0) continue;
    if (ranges.some((r) => r.start < e && s < r.end)) continue;
    ranges.push({ start: s, end: e, type });
    allowed[s] = 1 << (1 + 2 * type);
    for (let i = s + 1; i < e; i++) allowed[i] = 1 << (2 + 2 * type);
  }
  return { text: ex.text, ranges, allowed };
}
