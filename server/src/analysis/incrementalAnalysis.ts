// Incremental analysis of one open document: the text is cut into units (paragraphs, and sentences after a 。), each
// unit keeps its own figures, dates and entities, and an edit cuts again the units within CONTEXT characters of it (a
// 《》 title moves the cuts that far) and re-analyses the units it touched; a unit cut again as before keeps its figures,
// and its dates unless the edit is within DATE_REACH of it (the date scanner looks a little past a unit's ends).
// The result is exactly analyze() of the whole text (test/unit/incrementalAnalysis.test.ts checks it on random
// edits):
// - figures and entities never cross a unit boundary (a cut after a line break or a sentence-final 。, never inside a
//   《》 title, nor inside a layout line break a name runs across);
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
import { commonEnds } from '../core/commonEnds';
import { joinRanges } from '../core/dateRanges';
import { newestDateInText, resolveDocumentDate } from '../core/documentDate';
import { recogniseFigures } from '../core/figures';
import { isLayoutBreak, spaceRun } from '../ner/decodingUnits';
import { DocumentNames, NamesContribution, spreadNames } from '../ner/documentConsistency';
import type { UnitEntities } from '../ner/entities';
import type { EntitySpan } from '../ner/postRules';
import { OffsetMap, lineBreaks } from '../core/offsets';
import { AnalysisResult, DocumentDate, DocumentDateOptions, LabelGroup, RawSpan, SPAN_VALUE_KEYS, Span } from '../core/types';

/** Characters on either side of an edit whose units are cut again (a 《》 title can move a cut that far). */
export const CONTEXT = 256;
/**
 * How far the date scanner reads past the unit it scans, besides a 《》 title (never cut: unitBoundaries) and the state
 * one unit's scan hands the next (RelativeState): a recurring word before a time (core/recurringTimes.ts, 10
 * characters back; 每天 after weekdays, 24 on), a range's second date (5 on). A unit cut again exactly as before keeps
 * its dates when the changed text is at least this far from it. Not less than JOIN_GAP: when the text between two
 * dates joined across units changes, both are scanned again (groupEnd keeps a join by the scans that gave its ends).
 */
const DATE_REACH = 64;
/** The scanners read 《…》 up to this many characters as one title (core/dates.ts). */
const TITLE_SPAN = 200;
/** Characters after a 。 that keep the sentence going (closing quotes and brackets, more enders). */
const CLOSERS = new Set([...'”’"\'）)》」』】。！？!?…'].map((c) => c.charCodeAt(0)));
const NEWLINE = 10;
const FULL_STOP = 0x3002;
const OPEN_TITLE = 0x300a;
const CLOSE_TITLE = 0x300b;

/**
 * Unit boundaries of text[from, to): [from, c1, …, to] with each cut just after a "\n", or just after a 。 that ends a
 * sentence (not followed by a closing quote), never inside a 《》 pair the scanners read as one title, nor inside a
 * layout line break a name may run across (有限\n公司; ner/decodingUnits.ts isLayoutBreak). Linear time.
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
  // the white space run of the last line break seen, and whether it is a layout break
  let runEnd = -1;
  let runIsLayout = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_TITLE) open = i;
    else if (c === CLOSE_TITLE) closeBefore = i;
    else if (c === NEWLINE || c === FULL_STOP) {
      const cut = i + 1;
      if (cut >= to) continue;
      if (c === NEWLINE) {
        // no cut inside a layout break: the entity recogniser joins the lines on either side of it
        if (i >= runEnd) {
          const [runStart, end] = spaceRun(text, i);
          runEnd = end;
          runIsLayout = runStart > 0 && end < text.length && isLayoutBreak(text, runStart, end);
        }
        if (runIsLayout) continue;
      }
      if (c === FULL_STOP && CLOSERS.has(text.charCodeAt(cut))) continue;
      if (good(cut)) cuts.push(cut);
    }
  }
  cuts.push(to);
  return cuts;
}

/**
 * Entity recognition of unit texts (spans with UTF-16 offsets into each text, with the word boundaries and common
 * words the document-level pass needs: ner/entities.ts recogniseEntityUnits); may run elsewhere (a worker).
 */
export type UnitEntityRecogniser = (texts: string[]) => Promise<UnitEntities[]>;

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
  // A clock listed after another keeps its day only within 8 characters (core/dates.ts listedAfterTime(): 和 / 、 within
  // 3, a verb of rescheduling within 8).
  if (state.lastTime && base - state.lastTime.end <= 8) rel.lastTime = { ...state.lastTime, end: state.lastTime.end - base };
  // A weekday ending a range begun by a weekday of a named week comes within 2 characters (下周一至周五).
  if (state.lastWeek && base - state.lastWeek.end <= 2) rel.lastWeek = { ...state.lastWeek, end: state.lastWeek.end - base };
  return { key: JSON.stringify(rel), state: rel };
}

function absoluteState(rel: DateScanState, base: number): DateScanState {
  const last = rel.last ? { end: rel.last.end + base, y: rel.last.y, m: rel.last.m } : undefined;
  const lastTime = rel.lastTime ? { ...rel.lastTime, end: rel.lastTime.end + base } : undefined;
  const lastWeek = rel.lastWeek ? { ...rel.lastWeek, end: rel.lastWeek.end + base } : undefined;
  return { lastDay: rel.lastDay, last, lastYear: rel.lastYear, lastMonth: rel.lastMonth, lastTime, lastWeek, next: rel.next + base };
}

interface Unit {
  /** UTF-16 offsets in the current text. */
  start: number;
  end: number;
  text: string;
  /** Code points in the unit, and whether any character is astral (two UTF-16 code units). */
  cpLength: number;
  astral: boolean;
  /** Line breaks in the unit's text and the characters after the last one (core/offsets.ts lineBreaks). */
  lines: number;
  tail: number;
  /** Relative UTF-16 offsets; undefined: not computed yet. */
  figures?: RawSpan[];
  /** Dates starting in the unit (relative; one may end past the unit), the state scanned from and left. */
  dates?: RawSpan[];
  /** How many dates, and the furthest end of one (relative), kept beside them for the per-keystroke loops. */
  dateCount: number;
  dateReach: number;
  /** The first date's start and the last date's end (relative; 0 without dates). */
  firstDateStart: number;
  lastDateEnd: number;
  dateIn?: string;
  dateOut?: RelativeState;
  /** The newest full date written in the unit (null: none); undefined: not computed yet. */
  newest?: { date: string; detail: string } | null;
  /** Relative; undefined: not recognised yet. */
  entities?: UnitEntities;
  /**
   * The entities after the document-level pass (ner/documentConsistency.ts), made from `entities` (kept as `docOf`)
   * with the name table of `docVersion`.
   */
  docEntities?: RawSpan[];
  docOf?: UnitEntities;
  /** The version of the document's name table docEntities was spread with (IncrementalAnalysis.namesVersion). */
  docVersion: number;
  /** What the unit's entities gave the document's names (taken back when the unit goes or its entities change). */
  names: NamesContribution | undefined;
  namesOf: UnitEntities | undefined;
  /** The unit's flattened spans (code points relative to the unit, text filled in), while its inputs stay. */
  flat?: Span[];
  /** The same spans at `absAt` (the unit's code-point start when they were made) from the `absOf` array. */
  abs?: readonly Span[];
  absAt?: number;
  absOf?: readonly Span[];
  /** The spans of the group of units starting here, when a date or a range crosses this unit's end. */
  group?: GroupSegment;
  /** What a caller derived from `flat` (Segment.derived). */
  derived: DerivedSlot;
  /** A number given to each date scan (unique in the process): which scan gave `dates`. */
  dateScan: number;
  /** Whether this unit's last date and the next unit's first date, `joinDistance` units on, form one range; valid
   * while both units still hold the dates of scans `joinScan` and `joinNextScan`. */
  joinScan: number;
  joinNextScan: number;
  joinDistance: number;
  joins: boolean;
  /** Set when an edit removed the unit (lists of units waiting for work skip it). */
  gone: boolean;
}

/** A group's spans, with the inputs they were made from (units and their results, by identity). */
interface GroupSegment {
  text: string;
  astral: boolean;
  lines: number;
  tail: number;
  spans: Span[];
  entityFailure: string | undefined;
  derived: DerivedSlot;
  members: { unit: Unit; figures?: RawSpan[]; dates?: RawSpan[]; entities?: RawSpan[] }[];
}

/**
 * Where a caller keeps what it derives from a segment's spans (semantic tokens): `value` was made from the spans
 * array `of`; a caller checks `of === segment.spans` before using it. One slot per unit or group, kept with it, so a
 * per-keystroke walk over tens of thousands of segments reads a property instead of looking the array up in a map.
 */
export interface DerivedSlot {
  of: readonly Span[] | undefined;
  value: unknown;
}

/** A stretch of the current text whose spans depend on nothing outside it (see IncrementalAnalysis.segments). */
export interface Segment {
  /** UTF-16 offsets in the current text. */
  start: number;
  end: number;
  /** The code-point offset of `start`. */
  cpStart: number;
  text: string;
  /** Whether the text has astral characters (code points and UTF-16 offsets differ within it). */
  astral: boolean;
  /** Line breaks in the text as the LSP counts them, and the characters after the last one (to place the next). */
  lines: number;
  tail: number;
  /** Flat spans, sorted, in code points relative to `start`; the same array while the segment is unchanged.
   * Segments without spans share one empty array. */
  spans: readonly Span[];
  /** The segment's slot for what a caller derives from `spans` (see DerivedSlot). */
  derived: DerivedSlot;
}

/**
 * A copy of text[start, end) that does not keep `text` alive: V8 makes a long substring a view of its parent, so a
 * unit kept across edits would hold a whole earlier version of the document (a 200,000-character article grew the
 * heap by about 0.37 MB an edit). Concatenating and slicing again leaves a view of a new string of the unit's length.
 */
function ownCopy(text: string, start: number, end: number): string {
  return (' ' + text.slice(start, end)).slice(1);
}

function makeUnit(text: string, start: number, end: number): Unit {
  const unitText = ownCopy(text, start, end);
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
  const breaks = lineBreaks(unitText);
  // Every field set from the start: all units share one object shape, so the loops over tens of thousands of units
  // after each keystroke stay fast (fields added later in varying order would make each access a slow lookup).
  return {
    start,
    end,
    text: unitText,
    cpLength: unitText.length - astral,
    astral: astral > 0,
    lines: breaks.lines,
    tail: breaks.tail,
    figures: undefined,
    dates: undefined,
    dateCount: 0,
    dateReach: 0,
    firstDateStart: 0,
    lastDateEnd: 0,
    dateIn: undefined,
    dateOut: undefined,
    newest: undefined,
    entities: undefined,
    docEntities: undefined,
    docOf: undefined,
    docVersion: -1,
    names: undefined,
    namesOf: undefined,
    flat: undefined,
    abs: undefined,
    absAt: undefined,
    absOf: undefined,
    group: undefined,
    derived: { of: undefined, value: undefined },
    dateScan: 0,
    joinScan: 0,
    joinNextScan: 0,
    joinDistance: 0,
    joins: false,
    gone: false,
  };
}

/** A unit's dates to be scanned again (advance()). */
function forgetDates(u: Unit): void {
  u.dates = undefined;
  u.dateCount = 0;
  u.dateReach = 0;
  u.firstDateStart = 0;
  u.lastDateEnd = 0;
  u.dateIn = undefined;
  u.dateOut = undefined;
  u.flat = undefined;
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
  /** The first UTF-16 offset where the new text differs from the previous one (unset for the first text). */
  editAt?: number;
}

export class IncrementalAnalysis {
  private text = '';
  private units: Unit[] = [];
  private dct: DocumentDate | undefined;
  private today = '';
  /** Entity results by unit text (shared by equal units, kept across edits). */
  private entityCache = new Map<string, UnitEntities>();
  /** The document's names (ner/documentConsistency.ts) from the units' entities; stale after a change to them. */
  private readonly names = new DocumentNames();
  private namesStale = true;
  /** Counts the changes of the name table; the names of the last change. */
  private namesVersion = 0;
  private namesChanged = new Set<string>();
  /** What units replaced since the name table was last brought up to date gave it. */
  private retiredNames: NamesContribution[] = [];
  /** Units that got entities the document's names have not taken in yet (spreadDocumentNames). */
  private unnamed: Unit[] = [];
  /** Units that got entities not spread to with the names table yet, and the table version the others were. */
  private unspread: Unit[] = [];
  private spreadVersion = -1;
  /** Units whose newest full date is not computed yet, and the newest of all units while `newestKnown`. */
  private withoutNewest: Unit[] = [];
  private newest: { date: string; detail: string } | undefined;
  private newestKnown = false;
  /** Set when every unit's names are spread as they should be; units or their entities changing unset it. */
  private spreadDone = false;
  /** Counts changes to the units or their dates (what decides the segments); the walk plan is for one count. */
  private structure = 0;
  private plan: WalkPlan | undefined;
  /** How many units have no entities yet (kept by replaceText and addEntities: asked on every request). */
  private missingEntities = 0;
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
  /** The first unit advance() may have to work on, and the index from which the units are known consistent. */
  private staleFrom = 0;
  private staleTo = 0;

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
    this.namesStale = true;
    this.spreadDone = false;
    this.structure++;
    let first = 0; // index of the first replaced unit
    let last = this.units.length; // index after the last replaced unit
    let winStart = 0;
    let winEndOld = old.length;
    // the changed stretch: text[0, same) and text[sameFrom, text.length) are as before
    let same = 0;
    let sameFrom = text.length;
    if (this.units.length > 0) {
      const { prefix: p, suffix: s } = commonEnds(old, text);
      stats.editAt = p;
      same = p;
      sameFrom = text.length - s;
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
    // A unit cut again exactly as before, in text the edit left as it was, is the old unit: its figures depend on its
    // text alone, and its dates too unless the changed text is within DATE_REACH of it (then they are scanned again).
    const replaced = new Map<number, Unit>();
    for (let k = first; k < last && k < this.units.length; k++) {
      const u = this.units[k];
      if (u.end <= same) replaced.set(u.start, u);
      else if (u.start + delta >= sameFrom) replaced.set(u.start + delta, u);
    }
    const fresh: Unit[] = [];
    const reused = new Set<Unit>();
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k];
      const b = cuts[k + 1];
      if (b <= a) continue;
      const old = replaced.get(a);
      if (old && old.text.length === b - a && (b <= same || a >= sameFrom)) {
        replaced.delete(a);
        old.start = a;
        old.end = b;
        const datesStay = b <= same ? a + Math.max(old.dateReach, b - a) + DATE_REACH <= same : a - DATE_REACH >= sameFrom;
        if (!datesStay) forgetDates(old);
        fresh.push(old);
        reused.add(old);
      } else {
        fresh.push(makeUnit(text, a, b));
      }
    }
    const units = this.units;
    if (delta !== 0) {
      for (let k = last; k < units.length; k++) {
        units[k].start += delta;
        units[k].end += delta;
      }
    }
    // Units before staleFrom are analysed; from staleTo on they are analysed and each scanned its dates from the
    // state the unit before it left (advance() stops there once the scan state matches again).
    const shift = fresh.length - (last - first);
    const moved = (index: number, replaced: number) => (index >= last ? index + shift : index > first ? replaced : index);
    this.staleFrom = Math.min(moved(this.staleFrom, first), first);
    this.staleTo = Math.max(moved(this.staleTo, first + fresh.length), first + fresh.length);
    for (let k = first; k < last && k < this.units.length; k++) {
      const u = this.units[k];
      if (reused.has(u)) continue;
      u.gone = true;
      if (!u.entities) this.missingEntities--;
      if (u.names) this.retiredNames.push(u.names);
      // the newest date may have been this unit's (an equal one elsewhere may come first now)
      if (u.newest && this.newest && u.newest.date >= this.newest.date) this.newestKnown = false;
    }
    // (in place: a new array of every unit per keystroke was most of what a long article's edit allocated)
    if (first === 0 && last >= units.length) this.units = fresh;
    else if (fresh.length <= 4096) units.splice(first, last - first, ...fresh);
    else this.units = [...units.slice(0, first), ...fresh, ...units.slice(last)];
    this.text = text;
    for (const u of fresh) {
      if (reused.has(u)) continue;
      stats.unitsReanalysed++;
      stats.charsReanalysed += u.end - u.start;
      this.withoutNewest.push(u);
      if (this.wantEntities) u.entities = this.entityCache.get(u.text);
      if (!u.entities) this.missingEntities++;
      else this.gotEntities(u);
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
        this.withoutNewest = [...this.units];
        this.newestKnown = false;
        this.today = today;
      }
      for (let u = this.withoutNewest.pop(); u; u = this.withoutNewest.pop()) {
        if (u.newest !== undefined || u.gone) continue;
        const newest = (u.newest = newestDateInText(u.text, today) ?? null);
        // a newer date than all is the newest; an equal one may come before the one known (the first one counts)
        if (newest && this.newestKnown && (!this.newest || newest.date >= this.newest.date)) {
          if (this.newest && newest.date === this.newest.date) this.newestKnown = false;
          else this.newest = newest;
        }
        if (over()) return false;
      }
      dct = resolveDocumentDate(this.text, this.options, () => this.newestInText());
    }
    if (!this.dct || this.dct.date !== dct.date) {
      for (const u of this.units) forgetDates(u);
      this.staleFrom = 0;
      this.staleTo = this.units.length;
    }
    this.dct = dct;
    const figures = this.options.groups.includes('figures');
    const dates = this.options.groups.includes('dates');
    const units = this.units;
    // From the first unit that may need work; past the changed units, stop at the first one whose date scan starts
    // from the same state as before (the units after it are unchanged and were scanned from the states they have).
    let k = this.staleFrom;
    let state = k > 0 && dates ? units[k - 1].dateOut! : INITIAL_STATE;
    for (; k < units.length; k++) {
      const u = units[k];
      if (k >= this.staleTo && (!figures || u.figures) && (!dates || (u.dates && u.dateIn === state.key))) break;
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
      if (worked && over()) {
        this.staleFrom = k + 1;
        return false;
      }
    }
    this.staleFrom = units.length;
    this.staleTo = 0;
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
    if (this.newestKnown) return this.newest;
    let best: { date: string; detail: string } | undefined;
    for (const u of this.units) if (u.newest && (!best || u.newest.date > best.date)) best = u.newest;
    this.newest = best;
    this.newestKnown = true;
    return best;
  }

  /** A current unit got its entities: the document's names take them in and spread to it (spreadDocumentNames). */
  private gotEntities(u: Unit): void {
    this.unnamed.push(u);
    this.unspread.push(u);
  }

  /** Scans a unit's dates from the state the unit before it left (its own result is relative to its start). */
  private scanDates(u: Unit, state: RelativeState): void {
    const r = recogniseDatesIn(this.text, this.dct?.date, u.start, u.end, absoluteState(state.state, u.start));
    for (const s of r.spans) {
      s.start -= u.start;
      s.end -= u.start;
    }
    u.dateIn = state.key;
    u.dateOut = relativeState(r.state, u.end);
    this.dateScans++;
    // Scanned again from another state (a date before it changed) but found the same dates: the unit keeps its dates
    // and spans arrays, so what callers derived from them (tokens, suggestions) stays as it is.
    if (u.dates && sameDates(u.dates, r.spans)) return;
    u.dates = r.spans;
    u.dateScan = ++dateScanCount;
    u.dateCount = r.spans.length;
    u.dateReach = 0;
    for (const s of r.spans) u.dateReach = Math.max(u.dateReach, s.end);
    u.firstDateStart = r.spans.length ? r.spans[0].start : 0;
    u.lastDateEnd = r.spans.length ? r.spans[r.spans.length - 1].end : 0;
    u.flat = undefined;
    this.structure++;
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
  addEntities(texts: readonly string[], spans: readonly UnitEntities[]): boolean {
    texts.forEach((t, k) => this.entityCache.set(t, spans[k]));
    let changed = false;
    for (const u of this.units) {
      if (u.entities) continue;
      const e = this.entityCache.get(u.text);
      if (e) {
        u.entities = e;
        u.flat = undefined;
        changed = true;
        this.missingEntities--;
        this.gotEntities(u);
      }
    }
    if (changed) {
      this.resultCache = undefined;
      this.namesStale = true;
      this.spreadDone = false;
    }
    // Keep only what current units use once the cache holds many stale texts.
    if (this.entityCache.size > 2 * this.units.length + 64) {
      const keep = new Map<string, UnitEntities>();
      for (const u of this.units) if (u.entities) keep.set(u.text, u.entities);
      this.entityCache = keep;
    }
    return changed;
  }

  /** True when every unit has what the enabled groups give (entities included). */
  get complete(): boolean {
    return !this.wantEntities || !!this.entityFailure || this.missingEntities === 0;
  }

  /** Units still waiting for entities. */
  get pendingUnits(): number {
    return !this.wantEntities || this.entityFailure ? 0 : this.missingEntities;
  }

  /**
   * analyze()'s result for the current text with what is known now: figures and dates always, entities of the
   * units recognised so far (all of them once `complete`). Builds one array of every span in document offsets: the
   * editor's per-keystroke answers (tokens, hovers) read segments() and spanAt() instead, which allocate nothing for
   * the units an edit left alone.
   */
  result(): AnalysisResult {
    if (this.resultCache && this.resultCache.text === this.text) return this.resultCache.result;
    this.advance();
    const spans: Span[] = [];
    this.eachSegment((seg, unit) => {
      if (unit) {
        // A single unit: its absolute spans are kept while the unit stays at the same code-point offset.
        if (!unit.abs || unit.absAt !== seg.cpStart || unit.absOf !== seg.spans) {
          const at = seg.cpStart;
          unit.abs = at === 0 ? seg.spans : seg.spans.map((s) => shifted(s, at));
          unit.absAt = at;
          unit.absOf = seg.spans;
        }
        for (const s of unit.abs) spans.push(s);
      } else for (const s of seg.spans) spans.push(shifted(s, seg.cpStart));
      return true;
    });
    const result: AnalysisResult = { dct: this.dct ?? { source: 'none' }, spans };
    this.resultCache = { text: this.text, result, complete: this.complete };
    return result;
  }

  /** The document date of the current text (figures and dates analysed first when they are not yet). */
  documentDate(): DocumentDate {
    this.advance();
    return this.dct ?? { source: 'none' };
  }

  /**
   * Calls `visit` for each segment of the current text in order, from the one containing UTF-16 offset `from` (0 by
   * default), until it returns false. A segment is a unit, or the units a date or a joined date range crosses, put
   * together; its spans depend on nothing outside it. A unit's segment keeps the same `spans` array (and a group's
   * the same one while its units are unchanged) across edits elsewhere, so callers can cache what they derive from
   * it by that array. The segment object itself is reused from one visit to the next: copy what you keep.
   */
  segments(visit: (segment: Segment) => boolean, from = 0): void {
    this.eachSegment((segment) => visit(segment), from);
  }

  /** segments(), with the unit when the segment is a single unit (result() keeps its absolute spans on it). */
  private eachSegment(visit: (segment: Segment, unit?: Unit) => boolean, from = 0): void {
    this.advance();
    this.spreadDocumentNames();
    const units = this.units;
    const plan = this.walkPlan();
    // From the segment containing `from`: the group its unit belongs to.
    const first = from > 0 && units.length > 0 ? plan.groupStart[Math.min(units.length - 1, this.unitIndexAt(from))] : 0;
    // Code-point offsets: the sum of the units' lengths before (the same as UTF-16 offsets without astral text).
    let cpStart = plan.cpStart[first] ?? 0;
    // One object for every visit (tens of thousands per keystroke): visitors copy what they keep.
    const seg: Segment = { start: 0, end: 0, cpStart: 0, text: '', astral: false, lines: 0, tail: 0, spans: [], derived: { of: undefined, value: undefined } };
    for (let k = first; k < units.length; k++) {
      const u = units[k];
      const j = plan.groupEnd[k];
      if (j > k + 1) {
        const end = units[j - 1].end;
        const cpLength = plan.cpStart[j] - plan.cpStart[k];
        if (end > from) {
          const group = this.groupSegment(k, j);
          seg.start = u.start;
          seg.end = end;
          seg.cpStart = cpStart;
          seg.text = group.text;
          seg.astral = group.astral;
          seg.lines = group.lines;
          seg.tail = group.tail;
          seg.spans = group.spans;
          seg.derived = group.derived;
          if (!visit(seg)) return;
        }
        cpStart += cpLength;
        k = j - 1;
        continue;
      }
      if (u.end > from || k === units.length - 1) {
        if (!u.flat) u.flat = toUnitSpans(u.text, u.astral, flatten(this.rawOf(u)));
        seg.start = u.start;
        seg.end = u.end;
        seg.cpStart = cpStart;
        seg.text = u.text;
        seg.astral = u.astral;
        seg.lines = u.lines;
        seg.tail = u.tail;
        seg.spans = u.flat;
        seg.derived = u.derived;
        if (!visit(seg, u)) return;
      }
      cpStart += u.cpLength;
    }
  }

  /**
   * Where the segments begin and end, and the units' code-point offsets, made once per change of the units or their
   * dates: a keystroke is followed by several walks (tokens, a hover, the tagging state, the diagnostics' hand-off),
   * each of which went over every unit's dates to find the groups (groupEnd).
   */
  private walkPlan(): WalkPlan {
    if (this.plan && this.plan.structure === this.structure) return this.plan;
    const units = this.units;
    const n = units.length;
    const plan: WalkPlan = { structure: this.structure, groupEnd: new Int32Array(n), groupStart: new Int32Array(n), cpStart: new Float64Array(n + 1) };
    for (let k = 0; k < n; ) {
      const j = this.groupEnd(k);
      plan.groupEnd[k] = j;
      for (let m = k; m < j; m++) plan.groupStart[m] = k;
      k = j;
    }
    for (let k = 0; k < n; k++) plan.cpStart[k + 1] = plan.cpStart[k] + units[k].cpLength;
    this.plan = plan;
    return plan;
  }

  /**
   * The span (document code points, with its UTF-16 offsets) containing UTF-16 offset `utf16`, if any: what a hover
   * shows. Reads one segment.
   */
  spanAt(utf16: number): { span: Span; start: number; end: number } | undefined {
    let found: { span: Span; start: number; end: number } | undefined;
    // Spans never cross a segment's ends: only the segment containing the offset can hold it.
    this.segments((seg) => {
      if (utf16 < seg.start || utf16 >= seg.end) return false;
      const local = seg.astral ? new OffsetMap(seg.text) : undefined;
      const at = local ? local.toCodePoint(utf16 - seg.start) : utf16 - seg.start;
      let lo = 0;
      let hi = seg.spans.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (seg.spans[mid].start <= at) lo = mid + 1;
        else hi = mid;
      }
      const s = seg.spans[lo - 1];
      if (s && at < s.end) {
        const start = seg.start + (local ? local.toUtf16(s.start) : s.start);
        const end = seg.start + (local ? local.toUtf16(s.end) : s.end);
        found = { span: shifted(s, seg.cpStart), start, end };
      }
      return false;
    }, utf16);
    return found;
  }

  /** The flattened spans of units [k, j) put together (a date or a range crosses them), cached on unit k. */
  private groupSegment(k: number, j: number): GroupSegment {
    const units = this.units;
    const cached = units[k].group;
    if (
      cached &&
      cached.members.length === j - k &&
      cached.entityFailure === this.entityFailure &&
      cached.members.every((m, i) => {
        const v = units[k + i];
        return m.unit === v && m.figures === v.figures && m.dates === v.dates && m.entities === v.docEntities;
      })
    )
      return cached;
    const groupStart = units[k].start;
    const raw: RawSpan[] = [];
    const dates: RawSpan[] = [];
    let astral = false;
    for (let m = k; m < j; m++) {
      const v = units[m];
      const at = v.start - groupStart;
      for (const s of v.figures ?? []) raw.push({ ...s, start: s.start + at, end: s.end + at });
      for (const s of v.dates ?? []) dates.push({ ...s, start: s.start + v.start, end: s.end + v.start });
      if (!this.entityFailure) for (const s of v.docEntities ?? []) raw.push({ ...s, start: s.start + at, end: s.end + at });
      astral ||= v.astral;
    }
    // Ranges are joined in the text's offsets (joinRanges looks at the text between the dates).
    for (const s of joinRanges(this.text, dates)) raw.push({ ...s, start: s.start - groupStart, end: s.end - groupStart });
    const text = ownCopy(this.text, groupStart, units[j - 1].end);
    const group: GroupSegment = {
      text,
      astral,
      ...lineBreaks(text),
      spans: toUnitSpans(text, astral, flatten(raw)),
      entityFailure: this.entityFailure,
      derived: { of: undefined, value: undefined },
      members: units.slice(k, j).map((v) => ({ unit: v, figures: v.figures, dates: v.dates, entities: v.docEntities })),
    };
    units[k].group = group;
    return group;
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
      // (Positions from the unit's fields: the spans' own objects are read only for a candidate pair.)
      let ai = j - 1;
      while (ai >= k && units[ai].dateCount === 0) ai--;
      if (ai < k) return j;
      const aUnit = units[ai];
      const aEnd = aUnit.start + aUnit.lastDateEnd;
      let m = j;
      while (m < units.length && units[m].dateCount === 0 && units[m].end - aEnd <= JOIN_GAP) m++;
      if (m >= units.length || units[m].dateCount === 0) return j;
      const bStart = units[m].start + units[m].firstDateStart;
      if (bStart - aEnd > JOIN_GAP) return j;
      // Whether the two dates form one range depends on them and the text between them: asked once per pair and
      // kept on a's unit as numbers (the scans that gave a and b, and how many units apart they are), so that this
      // loop over every unit reads nothing but the units. An edit between them would have re-cut both units (they
      // lie within JOIN_GAP < CONTEXT of each other), so the same scans the same distance apart mean the same text.
      const bUnit = units[m];
      let joins: boolean;
      if (aUnit.joinScan === aUnit.dateScan && aUnit.joinNextScan === bUnit.dateScan && aUnit.joinDistance === m - ai) joins = aUnit.joins;
      else {
        const a = aUnit.dates![aUnit.dateCount - 1];
        const b = bUnit.dates![0];
        const pair = [
          { ...a, start: aUnit.start + a.start, end: aEnd },
          { ...b, start: bStart, end: bUnit.start + b.end },
        ];
        joins = joinRanges(this.text, pair).length === 1;
        aUnit.joinScan = aUnit.dateScan;
        aUnit.joinNextScan = bUnit.dateScan;
        aUnit.joinDistance = m - ai;
        aUnit.joins = joins;
      }
      if (!joins) return j;
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
    if (u.docEntities && !this.entityFailure) for (const s of u.docEntities) raw.push(s);
    return raw;
  }

  /**
   * The document-level pass (ner/documentConsistency.ts) over the units' entities, as analyze() makes it over the
   * whole text: the names table kept from the units' entities (brought up to date once all are known, with what
   * the units that changed gave it; until then the last table is used), then each unit's entities with the names
   * spread, recomputed only for units whose entities changed or that mention a name whose entry changed (a unit's
   * spans array stays the same otherwise, so what is cached from it stays valid).
   */
  private spreadDocumentNames(): void {
    // (asked on every token or hover request: once done, nothing to go over until the units change)
    if (!this.wantEntities || this.spreadDone) return;
    if (this.entityFailure) {
      this.unnamed = [];
      this.unspread = [];
      return;
    }
    if (this.namesStale && this.complete) {
      const names = this.names;
      for (const c of this.retiredNames) names.remove(c);
      this.retiredNames = [];
      // (only units that got entities since: the others' names are in the table)
      for (const u of this.unnamed) {
        if (u.gone || u.namesOf === u.entities) continue;
        if (u.names) names.remove(u.names);
        u.names = names.add({ text: u.text, spans: u.entities!.spans as EntitySpan[], common: u.entities!.common });
        u.namesOf = u.entities;
      }
      this.unnamed = [];
      const changed = names.update();
      if (changed.size) {
        this.namesVersion++;
        this.namesChanged = changed;
      }
      this.namesStale = false;
    }
    const version = this.namesVersion;
    const table = this.names.table;
    // With the table the units were last spread with, only units that got entities since; else every unit.
    const units = version === this.spreadVersion ? this.unspread : this.units;
    this.unspread = [];
    this.spreadVersion = version;
    for (const u of units) {
      if (u.gone) continue;
      const e = u.entities;
      if (!e) {
        if (u.docEntities) {
          u.docEntities = undefined;
          u.docOf = undefined;
          u.flat = undefined;
        }
        continue;
      }
      if (u.docOf === e && u.docVersion === version) continue;
      // a unit spread with the table before its last change: again only when it mentions a name that changed
      if (u.docOf === e && u.docVersion === version - 1 && !mentions(u.text, this.namesChanged)) {
        u.docVersion = version;
        continue;
      }
      const spread = spreadNames({ text: u.text, spans: e.spans as EntitySpan[], wordBounds: e.wordBounds }, table) as RawSpan[];
      const before = u.docEntities;
      if (!before || !sameSpans(before, spread)) {
        u.docEntities = spread;
        u.flat = undefined;
        this.resultCache = undefined;
      }
      u.docOf = e;
      u.docVersion = version;
    }
    this.spreadDone = true;
  }
}

/** The segments of one state of the units (IncrementalAnalysis.walkPlan). */
interface WalkPlan {
  structure: number;
  /** For a unit that begins a segment, the index after the segment's last unit. */
  groupEnd: Int32Array;
  /** For each unit, the index of the unit its segment begins with. */
  groupStart: Int32Array;
  /** The code-point offset of each unit (and of the end). */
  cpStart: Float64Array;
}

/** Whether `text` contains any of `names`. */
function mentions(text: string, names: ReadonlySet<string>): boolean {
  for (const name of names) if (text.includes(name)) return true;
  return false;
}

/** Whether two span lists hold the same spans (offsets, label, confidence), in order. */
function sameSpans(a: readonly RawSpan[], b: readonly RawSpan[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x.start !== y.start || x.end !== y.end || x.label !== y.label || x.confidence !== y.confidence) return false;
  }
  return true;
}

/** Whether two scans gave the same dates: offsets, label and every value field (other fields compared as well). */
function sameDates(a: readonly RawSpan[], b: readonly RawSpan[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as unknown as Record<string, unknown>;
    const y = b[k] as unknown as Record<string, unknown>;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) if (x[key] !== y[key]) return false;
  }
  return true;
}

/** Counts date scans (Unit.dateScan). */
let dateScanCount = 0;


/** The furthest end of a unit's dates (absolute), at least the unit's end. */
function maxDateEnd(u: Unit): number {
  return Math.max(u.end, u.start + u.dateReach);
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

const NO_SPANS: Span[] = Object.freeze([]) as unknown as Span[];

/** Recogniser spans (UTF-16, relative to the unit) → public spans relative to the unit (code points, with text). */
function toUnitSpans(text: string, astral: boolean, raw: RawSpan[]): Span[] {
  // (one shared empty array: a walk over every segment reads the length of a spans array it already has in cache)
  if (raw.length === 0) return NO_SPANS;
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
