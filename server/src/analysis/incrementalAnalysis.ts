// Incremental analysis of one open document: the text is cut into units (paragraphs, and sentences after a 。), each
// unit keeps its own figures, dates and entities, and an edit re-analyses only the units it touched plus the units
// within CONTEXT characters of it (the recognisers look a little past a unit's ends: a 《》 title, a range connector).
// The result is exactly analyze() of the whole text (test/unit/incrementalAnalysis.test.ts checks it on random
// edits):
// - figures and entities never cross a unit boundary (a cut after a line break or a sentence-final 。, never inside a
//   《》 title; the same cuts the sliced analysis of core/slicedAnalysis.ts relies on);
// - dates carry context from one date to the next (当天, 次日, 同年, 6月1日至30日): each unit's date scan starts from
//   the state the previous unit's scan left (core/dates.ts recogniseDatesIn), and after an edit the scan goes on past
//   the touched units until a unit starts from the same state as before;
// - the document date (DCT) uses the newest full date of each unit, combined, when no explicit date, header or file
//   name gives one; a new DCT re-scans every unit's dates.
// Figures and dates are computed synchronously (a few milliseconds per edit); entities, much slower (the model, and
// the word segmenter's dictionary that takes a second or two to load), are computed by an asynchronous recogniser
// (a worker thread in the server) unit by unit, and cached by unit text, so editors paint figures and dates at once
// and entities when they arrive. Knows nothing of VS Code or the protocol.
import { flatten } from './analyze';
import { DateScanState, recogniseDatesIn } from '../core/dates';
import { joinRanges } from '../core/dateRanges';
import { newestDateInText, resolveDocumentDate } from '../core/documentDate';
import { recogniseFigures } from '../core/figures';
import { AnalysisResult, DocumentDate, DocumentDateOptions, LabelGroup, RawSpan, SPAN_VALUE_KEYS, Span } from '../core/types';

/** Characters on either side of an edit whose units are re-analysed (the recognisers' reach past a unit's ends). */
export const CONTEXT = 256;
/** The scanners read 《…》 up to this many characters as one title (analysis/slicedAnalysis.ts, core/dates.ts). */
const TITLE_SPAN = 200;
/** Characters after a 。 that keep the sentence going (closing quotes and brackets, more enders). */
const CLOSERS = new Set([...'”’"\'）)》」』】。！？!?…'].map((c) => c.charCodeAt(0)));
const NEWLINE = 10;
const FULL_STOP = 0x3002;
const OPEN_TITLE = 0x300a;
const CLOSE_TITLE = 0x300b;

/**
 * Unit boundaries of text[from, to): [from, c1, …, to] with each cut just after a "\n", or just after a 。 that ends a
 * sentence (not followed by a closing quote), never inside a 《》 pair the scanners read as one title. Linear time.
 */
export function unitBoundaries(text: string, from = 0, to = text.length): number[] {
  const cuts = [from];
  let open = -Infinity;
  let closeBefore = -Infinity;
  for (let k = Math.max(0, from - TITLE_SPAN - 1); k < from; k++) {
    const c = text.charCodeAt(k);
    if (c === OPEN_TITLE) open = k;
    else if (c === CLOSE_TITLE) closeBefore = k;
  }
  const good = (cut: number): boolean => {
    if (cut - open > TITLE_SPAN + 1 || closeBefore > open) return true;
    const limit = Math.min(text.length - 1, open + TITLE_SPAN);
    for (let k = cut; k <= limit; k++) if (text.charCodeAt(k) === CLOSE_TITLE) return false;
    return true;
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_TITLE) open = i;
    else if (c === CLOSE_TITLE) closeBefore = i;
    else if (c === NEWLINE || c === FULL_STOP) {
      const cut = i + 1;
      if (cut >= to) continue;
      if (c === FULL_STOP && CLOSERS.has(text.charCodeAt(cut))) continue;
      if (good(cut)) cuts.push(cut);
    }
  }
  cuts.push(to);
  return cuts;
}

/** Entity recognition of unit texts (spans with UTF-16 offsets into each text); may run elsewhere (a worker). */
export type UnitEntityRecogniser = (texts: string[]) => Promise<RawSpan[][]>;

/** A date scan state relative to a position (offsets minus the position), reduced to what can still matter. */
interface RelativeState {
  key: string;
  state: DateScanState;
}

const INITIAL_STATE: RelativeState = { key: '{"next":0}', state: { next: 0 } };

function relativeState(state: DateScanState, base: number): RelativeState {
  const rel: DateScanState = { next: Math.max(0, state.next - base) };
  if (state.lastDay) rel.lastDay = state.lastDay;
  // A range's second date must come within 5 characters of the first (core/dates.ts inherited()).
  if (state.last && base - state.last.end <= 5) rel.last = { ...state.last, end: state.last.end - base };
  if (state.lastYear !== undefined) rel.lastYear = state.lastYear;
  if (state.lastMonth) rel.lastMonth = state.lastMonth;
  return { key: JSON.stringify(rel), state: rel };
}

function absoluteState(rel: DateScanState, base: number): DateScanState {
  const last = rel.last ? { end: rel.last.end + base, y: rel.last.y, m: rel.last.m } : undefined;
  return { lastDay: rel.lastDay, last, lastYear: rel.lastYear, lastMonth: rel.lastMonth, next: rel.next + base };
}

interface Unit {
  /** UTF-16 offsets in the current text. */
  start: number;
  end: number;
  text: string;
  /** Code points in the unit, and whether any character is astral (two UTF-16 code units). */
  cpLength: number;
  astral: boolean;
  /** Relative UTF-16 offsets; undefined: not computed yet. */
  figures?: RawSpan[];
  /** Dates starting in the unit (relative; one may end past the unit), the state scanned from and left. */
  dates?: RawSpan[];
  dateIn?: string;
  dateOut?: RelativeState;
  /** The newest full date written in the unit (null: none); undefined: not computed yet. */
  newest?: { date: string; detail: string } | null;
  /** Relative; undefined: not recognised yet. */
  entities?: RawSpan[];
  /** The unit's flattened spans (code points relative to the unit, text filled in), while its inputs stay. */
  flat?: Span[];
  /** The same spans at `absAt` (the unit's code-point start when they were made). */
  abs?: Span[];
  absAt?: number;
}

function makeUnit(text: string, start: number, end: number): Unit {
  const unitText = text.slice(start, end);
  let astral = 0;
  for (let i = 0; i < unitText.length; i++) {
    const c = unitText.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < unitText.length) {
      const d = unitText.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral++;
        i++;
      }
    }
  }
  return { start, end, text: unitText, cpLength: unitText.length - astral, astral: astral > 0 };
}

/** The recogniser groups to run, and the document-date inputs (core/documentDate.ts resolveDocumentDate). */
export interface IncrementalOptions extends DocumentDateOptions {
  groups: readonly LabelGroup[];
}

/** What an update re-analysed, for figures (benchmarks and tests). */
export interface UpdateStats {
  unitsReanalysed: number;
  charsReanalysed: number;
  dateUnitsRescanned: number;
}

export class IncrementalAnalysis {
  private text = '';
  private units: Unit[] = [];
  private dct: DocumentDate | undefined;
  private today = '';
  /** Entity results by unit text (shared by equal units, kept across edits). */
  private entityCache = new Map<string, RawSpan[]>();
  private resultCache: { text: string; result: AnalysisResult; complete: boolean } | undefined;
  private readonly wantEntities: boolean;
  /** Set when the entity recogniser failed: entities are left out from then on. */
  entityFailure: string | undefined;

  constructor(readonly options: IncrementalOptions) {
    this.wantEntities = options.groups.includes('entities');
  }

  get currentText(): string {
    return this.text;
  }

  /**
   * Brings the analysis to `text` (the whole new text): units outside the changed stretch are kept (shifted), the
   * others re-cut and re-analysed (figures and dates at once; entities wait for pendingEntityTexts/addEntities).
   */
  update(text: string): UpdateStats {
    const stats = this.replaceText(text);
    this.advance();
    stats.dateUnitsRescanned = this.dateScans;
    return stats;
  }

  /** Whether figures and dates of the current text are all known (advance() has finished). */
  get ready(): boolean {
    return this.isReady;
  }

  private isReady = false;
  private dateScans = 0;

  /**
   * Takes the new text: re-cuts the changed stretch into units (shifting the others) and leaves their analysis to
   * advance().
   */
  replaceText(text: string): UpdateStats {
    const old = this.text;
    const stats: UpdateStats = { unitsReanalysed: 0, charsReanalysed: 0, dateUnitsRescanned: 0 };
    if (text === old && this.dct) return stats;
    this.resultCache = undefined;
    this.isReady = false;
    this.dateScans = 0;
    let first = 0; // index of the first replaced unit
    let last = this.units.length; // index after the last replaced unit
    let winStart = 0;
    let winEndOld = old.length;
    if (this.units.length > 0) {
      const max = Math.min(old.length, text.length);
      let p = 0;
      while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
      let s = 0;
      while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
      const lo = Math.max(0, p - CONTEXT);
      const hi = Math.min(old.length, old.length - s + CONTEXT);
      first = this.unitIndexAt(lo);
      last = this.unitIndexAt(hi);
      if (last < this.units.length && this.units[last].start < hi) last++;
      if (last <= first) last = Math.min(this.units.length, first + 1);
      winStart = this.units[first]?.start ?? old.length;
      winEndOld = last > 0 ? this.units[last - 1].end : 0;
      if (first >= this.units.length) {
        winStart = old.length;
        winEndOld = old.length;
      }
    }
    const delta = text.length - old.length;
    const winEnd = winEndOld + delta;
    const cuts = unitBoundaries(text, winStart, winEnd);
    const fresh: Unit[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1] > cuts[k]) fresh.push(makeUnit(text, cuts[k], cuts[k + 1]));
    const tail = this.units.slice(last);
    if (delta !== 0) {
      for (const u of tail) {
        u.start += delta;
        u.end += delta;
      }
    }
    this.units = first === 0 && tail.length === 0 ? fresh : [...this.units.slice(0, first), ...fresh, ...tail];
    this.text = text;
    for (const u of fresh) {
      stats.unitsReanalysed++;
      stats.charsReanalysed += u.end - u.start;
      if (this.wantEntities) u.entities = this.entityCache.get(u.text);
    }
    return stats;
  }

  /**
   * Analyses (figures, the document date, dates) what replaceText() left, for at most about `budgetMs`
   * milliseconds; true when all is done, false when there is more (call again after a turn of the event loop).
   */
  advance(budgetMs = Infinity): boolean {
    if (this.isReady) return true;
    const deadline = budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
    const over = () => budgetMs !== Infinity && performance.now() > deadline;
    // The document date: explicit, header or file name; else the newest full date of all units.
    let dct = resolveDocumentDate(this.text, this.options, () => undefined);
    if (dct.source === 'none') {
      const today = new Date().toISOString().slice(0, 10);
      if (today !== this.today) {
        // Dates after today are skipped: a new day can make one count.
        for (const u of this.units) u.newest = undefined;
        this.today = today;
      }
      for (const u of this.units) {
        if (u.newest !== undefined) continue;
        u.newest = newestDateInText(u.text, today) ?? null;
        if (over()) return false;
      }
      dct = resolveDocumentDate(this.text, this.options, () => this.newestInText());
    }
    if (!this.dct || this.dct.date !== dct.date) {
      for (const u of this.units) {
        u.dates = undefined;
        u.flat = undefined;
      }
    }
    this.dct = dct;
    const figures = this.options.groups.includes('figures');
    const dates = this.options.groups.includes('dates');
    let state = INITIAL_STATE;
    for (const u of this.units) {
      let worked = false;
      if (figures && !u.figures) {
        u.figures = recogniseFigures(u.text);
        u.flat = undefined;
        worked = true;
      }
      if (dates) {
        if (!u.dates || u.dateIn !== state.key) {
          this.scanDates(u, state);
          worked = true;
        }
        state = u.dateOut!;
      }
      if (worked && over()) return false;
    }
    this.isReady = true;
    return true;
  }

  /** The index of the unit containing offset `pos` (the last unit for the end of the text). */
  private unitIndexAt(pos: number): number {
    let lo = 0;
    let hi = this.units.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.units[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The newest full date of all units (each computed by advance()). */
  private newestInText(): { date: string; detail: string } | undefined {
    let best: { date: string; detail: string } | undefined;
    for (const u of this.units) if (u.newest && (!best || u.newest.date > best.date)) best = u.newest;
    return best;
  }

  /** Scans a unit's dates from the state the unit before it left (its own result is relative to its start). */
  private scanDates(u: Unit, state: RelativeState): void {
    const r = recogniseDatesIn(this.text, this.dct?.date, u.start, u.end, absoluteState(state.state, u.start));
    for (const s of r.spans) {
      s.start -= u.start;
      s.end -= u.start;
    }
    u.dates = r.spans;
    u.dateIn = state.key;
    u.dateOut = relativeState(r.state, u.end);
    u.flat = undefined;
    this.dateScans++;
  }

  /** Unit texts still waiting for entities (each text once), the units near `near` (a UTF-16 offset) first. */
  pendingEntityTexts(limitChars = 8_000, near?: number): string[] {
    if (!this.wantEntities || this.entityFailure) return [];
    const out = new Set<string>();
    let chars = 0;
    const take = (u: Unit): boolean => {
      if (u.entities || out.has(u.text)) return true;
      if (chars > 0 && chars + u.text.length > limitChars) return false;
      out.add(u.text);
      chars += u.text.length;
      return true;
    };
    // Outwards from the unit at `near` (the start without one), alternating after and before it.
    const units = this.units;
    const at = Math.min(units.length - 1, near === undefined ? 0 : this.unitIndexAt(near));
    let after = at;
    let before = at - 1;
    while (after < units.length || before >= 0) {
      if (after < units.length && !take(units[after++])) break;
      if (before >= 0 && !take(units[before--])) break;
    }
    return [...out];
  }

  /** Stores entity results for unit texts (from pendingEntityTexts); returns whether a current unit got some. */
  addEntities(texts: readonly string[], spans: readonly RawSpan[][]): boolean {
    texts.forEach((t, k) => this.entityCache.set(t, spans[k]));
    let changed = false;
    for (const u of this.units) {
      if (u.entities) continue;
      const e = this.entityCache.get(u.text);
      if (e) {
        u.entities = e;
        u.flat = undefined;
        changed = true;
      }
    }
    if (changed) this.resultCache = undefined;
    // Keep only what current units use once the cache holds many stale texts.
    if (this.entityCache.size > 2 * this.units.length + 64) {
      const keep = new Map<string, RawSpan[]>();
      for (const u of this.units) if (u.entities) keep.set(u.text, u.entities);
      this.entityCache = keep;
    }
    return changed;
  }

  /** True when every unit has what the enabled groups give (entities included). */
  get complete(): boolean {
    return !this.wantEntities || !!this.entityFailure || this.units.every((u) => u.entities);
  }

  /** Units still waiting for entities. */
  get pendingUnits(): number {
    return !this.wantEntities || this.entityFailure ? 0 : this.units.reduce((n, u) => n + (u.entities ? 0 : 1), 0);
  }

  /**
   * analyze()'s result for the current text with what is known now: figures and dates always, entities of the
   * units recognised so far (all of them once `complete`).
   */
  result(): AnalysisResult {
    if (this.resultCache && this.resultCache.text === this.text) return this.resultCache.result;
    this.advance();
    const spans: Span[] = [];
    let cpStart = 0;
    const units = this.units;
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      const j = this.groupEnd(k);
      if (j > k + 1) {
        // A date that runs past its unit, or a range joined across units: flattened together.
        const groupStart = u.start;
        const raw: RawSpan[] = [];
        const dates: RawSpan[] = [];
        let cpLength = 0;
        let astral = false;
        for (let m = k; m < j; m++) {
          const v = units[m];
          for (const s of v.figures ?? []) raw.push({ ...s, start: s.start + v.start, end: s.end + v.start });
          for (const s of v.dates ?? []) dates.push({ ...s, start: s.start + v.start, end: s.end + v.start });
          if (!this.entityFailure) for (const s of v.entities ?? []) raw.push({ ...s, start: s.start + v.start, end: s.end + v.start });
          cpLength += v.cpLength;
          astral ||= v.astral;
        }
        for (const s of joinRanges(this.text, dates)) raw.push(s);
        for (const s of raw) {
          s.start -= groupStart;
          s.end -= groupStart;
        }
        const groupText = this.text.slice(groupStart, units[j - 1].end);
        for (const s of toUnitSpans(groupText, astral, flatten(raw))) spans.push(shifted(s, cpStart));
        cpStart += cpLength;
        k = j - 1;
        continue;
      }
      if (!u.flat) {
        u.flat = toUnitSpans(u.text, u.astral, flatten(this.rawOf(u)));
        u.abs = undefined;
      }
      if (!u.abs || u.absAt !== cpStart) {
        const at = cpStart;
        u.abs = at === 0 ? u.flat : u.flat.map((s) => shifted(s, at));
        u.absAt = at;
      }
      for (const s of u.abs) spans.push(s);
      cpStart += u.cpLength;
    }
    const result: AnalysisResult = { dct: this.dct ?? { source: 'none' }, spans };
    this.resultCache = { text: this.text, result, complete: this.complete };
    return result;
  }

  /**
   * The end (exclusive unit index) of the group of units starting at k that must be put together: while a date runs
   * past the group's last unit, or the group's last date and the next date could form one range (only spaces and a
   * connector between them: core/dateRanges.ts). Elsewhere no span and no range crosses a unit boundary.
   */
  private groupEnd(k: number): number {
    const units = this.units;
    let j = k + 1;
    let reach = maxDateEnd(units[k]);
    for (;;) {
      while (j < units.length && units[j].start < reach) reach = Math.max(reach, maxDateEnd(units[j++]));
      // The last date of the group, and the first date after it.
      let a: RawSpan | undefined;
      let aUnit: Unit | undefined;
      for (let m = j - 1; m >= k && !a; m--) {
        const d = units[m].dates;
        if (d && d.length) {
          a = d[d.length - 1];
          aUnit = units[m];
        }
      }
      if (!a || !aUnit) return j;
      const aEnd = aUnit.start + a.end;
      let m = j;
      while (m < units.length && !units[m].dates?.length && units[m].end - aEnd <= JOIN_GAP) m++;
      if (m >= units.length || !units[m].dates?.length) return j;
      const b = units[m].dates![0];
      const bStart = units[m].start + b.start;
      if (bStart - aEnd > JOIN_GAP) return j;
      const pair = [
        { ...a, start: aUnit.start + a.start, end: aEnd },
        { ...b, start: bStart, end: units[m].start + b.end },
      ];
      if (joinRanges(this.text, pair).length !== 1) return j;
      j = m + 1;
      reach = Math.max(reach, maxDateEnd(units[m]));
    }
  }

  private rawOf(u: Unit): RawSpan[] {
    const raw: RawSpan[] = [];
    // One by one: a unit may hold more spans than a spread's arguments can take (a huge article without breaks).
    if (u.figures) for (const s of u.figures) raw.push(s);
    if (u.dates && u.dates.length) {
      // Ranges within the unit joined as recogniseDates() joins them (in the text's offsets: it looks at the text).
      const joined = joinRanges(this.text, u.dates.map((s) => ({ ...s, start: s.start + u.start, end: s.end + u.start })));
      for (const s of joined) raw.push({ ...s, start: s.start - u.start, end: s.end - u.start });
    }
    if (u.entities && !this.entityFailure) for (const s of u.entities) raw.push(s);
    return raw;
  }
}

/** The furthest end of a unit's dates (absolute), at least the unit's end. */
function maxDateEnd(u: Unit): number {
  let reach = u.end;
  for (const s of u.dates ?? []) reach = Math.max(reach, u.start + s.end);
  return reach;
}

/** A range's two ends are joined across units only with spaces and a connector between them (a few characters). */
const JOIN_GAP = 64;

/** A copy of a span moved by `by` code points (the value fields copied one by one: faster than a spread). */
function shifted(s: Span, by: number): Span {
  const out: Span = { start: s.start + by, end: s.end + by, label: s.label, text: s.text };
  for (const key of SPAN_VALUE_KEYS) {
    const v = s[key];
    if (v !== undefined) (out as any)[key] = v;
  }
  return out;
}

/** Recogniser spans (UTF-16, relative to the unit) → public spans relative to the unit (code points, with text). */
function toUnitSpans(text: string, astral: boolean, raw: RawSpan[]): Span[] {
  const cp = astral ? codePointIndex(text) : undefined;
  return raw.map((r) => {
    const span: Span = {
      start: cp ? cp(r.start) : r.start,
      end: cp ? cp(r.end) : r.end,
      label: r.label,
      text: text.slice(r.start, r.end),
    };
    for (const key of SPAN_VALUE_KEYS) {
      if (r[key] !== undefined) (span as any)[key] = r[key];
    }
    return span;
  });
}

function codePointIndex(text: string): (utf16: number) => number {
  const table = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        table[i + 1] = cp;
        i++;
      }
    }
    cp++;
  }
  table[text.length] = cp;
  return (utf16) => table[utf16];
}
