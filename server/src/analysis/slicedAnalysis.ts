// analyze() in slices for large documents: the same spans and document date as one call, computed piece by piece with
// a pause between pieces so the caller (the language server) can answer other requests meanwhile, and can stop a run
// whose text is already out of date. Knows nothing of VS Code or the protocol.
//
// What is sliced and what is not:
// - the document date is found once, from the whole text (header, file name, newest date in the text);
// - dates (the groups marked wholeText in core/labels.ts) run over the whole text in one step: the date scanner
//   carries context from one date to the next (当天, 同年, 次日, the month of 6月18日至20日), so a slice would lose it;
// - figures and entities run slice by slice. Cuts fall after a line break (a CRLF stays whole) or, in a very long
//   line, after a 。 that ends a sentence (not before a closing quote), never inside a 《》 title that the scanners
//   treat as one unit, nor inside a layout line break a name may run across (ner/decodingUnits.ts), so no span can
//   cross a cut. Entities are tagged sentence by sentence anyway.
// - the spans of all slices are flattened and converted to code points once, over the whole text, as analyze() does.
import { AnalysisOptions, AnalysisResult, LabelGroup, RawSpan } from '../core/types';
import { ALL_GROUPS, RECOGNISERS, Recognisers, flatten, toCodePointSpans } from './analyze';
import { LABEL_GROUP_TABLE } from '../core/labels';
import { resolveDocumentDate } from '../core/documentDate';
import { isLayoutBreak, spaceRun } from '../ner/decodingUnits';

/** Target slice length in UTF-16 code units (entities take about 8 µs a character: some 60 ms a slice). */
export const SLICE_LENGTH = 8_000;

/** Thrown by analyzeInSlices when `cancelled()` turns true between two slices. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled: the text changed');
    this.name = 'AnalysisCancelled';
  }
}

export interface SliceOptions {
  /** Target slice length (UTF-16 code units); a slice is longer only when no cut point is found. */
  sliceLength?: number;
  /** Awaited between slices; by default one turn of the event loop (setImmediate). */
  pause?: () => Promise<void>;
  /** Checked after every pause; true stops the analysis with AnalysisCancelled. */
  cancelled?: () => boolean;
  /** The recognisers, replaceable for tests. */
  recognisers?: Partial<Recognisers>;
}

export type { Recognisers };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Characters after a 。 that keep the sentence going (closing quotes and brackets, more enders). */
const CLOSERS = new Set('”’"\'）)》」』】。！？!?…');
/** The date scanner reads 《…》 up to this many characters as one title, even across a line break. */
const TITLE_SPAN = 200;

/**
 * Cut points for slices of about `target` UTF-16 code units: [0, c1, …, text.length]. A cut is just after a "\n", or
 * just after a sentence-final 。 when a long stretch has no line break; never inside an open 《》 title.
 */
export function sliceBoundaries(text: string, target: number = SLICE_LENGTH): number[] {
  const cuts = [0];
  const minimum = Math.max(1, Math.floor(target / 2));
  let pos = 0;
  while (text.length - pos > target) {
    const cut =
      lastCut(text, pos + minimum, pos + target, '\n') ??
      lastCut(text, pos + minimum, pos + target, '。') ??
      nextLineCut(text, pos + target);
    if (cut === undefined) break;
    cuts.push(cut);
    pos = cut;
  }
  cuts.push(text.length);
  return cuts;
}

/** The last good cut after a `mark` whose position is in [from, to). */
function lastCut(text: string, from: number, to: number, mark: string): number | undefined {
  for (let i = text.lastIndexOf(mark, to - 1); i >= from; i = text.lastIndexOf(mark, i - 1)) {
    const cut = i + 1;
    if (mark === '。' && cut < text.length && CLOSERS.has(text[cut])) continue;
    if (goodCut(text, cut)) return cut;
    if (i === 0) break;
  }
  return undefined;
}

/** The first good cut after a line break at or after `from`. */
function nextLineCut(text: string, from: number): number | undefined {
  for (let i = text.indexOf('\n', from); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) {
    if (goodCut(text, i + 1)) return i + 1;
  }
  return undefined;
}

/** Not inside a 《…》 pair that the scanners would read as one title, nor inside a layout line break a name crosses. */
function goodCut(text: string, cut: number): boolean {
  if (cut <= 0 || cut >= text.length) return false;
  if (text.charCodeAt(cut - 1) === 10) {
    const [runStart, runEnd] = spaceRun(text, cut - 1);
    if (runStart > 0 && runEnd < text.length && isLayoutBreak(text, runStart, runEnd)) return false;
  }
  const open = text.lastIndexOf('《', cut - 1);
  if (open < 0 || cut - open > TITLE_SPAN + 1) return true;
  const closeBefore = text.lastIndexOf('》', cut - 1);
  if (closeBefore > open) return true;
  const close = text.indexOf('》', cut);
  return close < 0 || close - open > TITLE_SPAN;
}

/**
 * The result of analyze(text, options), computed in slices (see the top of this file), plus the label groups that
 * failed (e.g. a missing model file) as "group: message": those are left out, the others still run.
 */
export async function analyzeInSlices(
  text: string,
  options: AnalysisOptions = {},
  slicing: SliceOptions = {},
): Promise<{ result: AnalysisResult; failures: string[] }> {
  const recognisers = { ...RECOGNISERS, ...slicing.recognisers };
  const pause = slicing.pause ?? nextTurn;
  const step = async () => {
    await pause();
    if (slicing.cancelled?.()) throw new AnalysisCancelled();
  };
  const groups = options.groups ?? ALL_GROUPS;
  const failures: string[] = [];
  const failed = new Set<LabelGroup>();
  const byGroup = Object.fromEntries(ALL_GROUPS.map((g) => [g, [] as RawSpan[]])) as Record<LabelGroup, RawSpan[]>;
  const attempt = (group: LabelGroup, run: () => RawSpan[], offset = 0) => {
    if (!groups.includes(group) || failed.has(group)) return;
    try {
      const spans = run();
      const out = byGroup[group];
      for (const s of spans) out.push(offset === 0 ? s : { ...s, start: s.start + offset, end: s.end + offset });
    } catch (err) {
      failed.add(group);
      failures.push(`${group}: ${(err as Error).message}`);
      byGroup[group] = [];
    }
  };

  if (slicing.cancelled?.()) throw new AnalysisCancelled();
  const dct = resolveDocumentDate(text, options);
  const wanted = LABEL_GROUP_TABLE.filter((r) => groups.includes(r.group));
  for (const { group } of wanted.filter((r) => r.wholeText)) {
    await step();
    attempt(group, () => recognisers[group](text, dct.date));
  }
  const sliced = wanted.filter((r) => !r.wholeText);
  if (sliced.length) {
    const cuts = sliceBoundaries(text, slicing.sliceLength);
    for (let k = 0; k + 1 < cuts.length; k++) {
      await step();
      const slice = text.slice(cuts[k], cuts[k + 1]);
      for (const { group } of sliced) attempt(group, () => recognisers[group](slice, dct.date), cuts[k]);
    }
  }
  await step();
  const raw = ALL_GROUPS.flatMap((g) => byGroup[g]);
  return { result: { dct, spans: toCodePointSpans(text, flatten(raw)) }, failures };
}
