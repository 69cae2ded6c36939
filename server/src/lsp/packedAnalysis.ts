// An analysis packed for the hand-off to a worker thread: the spans of a long article (about 100,000 objects for
// 1 M characters) as typed arrays that are transferred, not copied, plus the few strings. Structured cloning the
// span objects took some 50 ms of the thread that answers keystrokes per diagnostics run on such an article; packing
// is one pass of field reads, and the worker rebuilds the objects on its own time. A span's text is not packed: it is
// the article's text between its offsets, and the worker cuts it again.
import { LABEL_TABLE, Label } from '../core/labels';
import { OffsetMap } from '../core/offsets';
import type { AnalysisResult, DocumentDate, Mod, Span } from '../core/types';
import type { DocumentView } from './documentAnalysis';

const LABELS = LABEL_TABLE.map((r) => r.label) as Label[];
const LABEL_INDEX = new Map<string, number>(LABELS.map((l, k) => [l, k]));

export interface PackedAnalysis {
  dct: DocumentDate;
  /** Code-point offsets, two per span. */
  offsets: Int32Array;
  /** Index into LABEL_TABLE per span. */
  labels: Uint8Array;
  /** value, valueMax and confidence per span (NaN: absent). */
  numbers: Float64Array;
  /** unit, mod and timex per span as indices into `strings` (-1: absent). */
  stringIds: Int32Array;
  /** Each distinct unit, mod and timex once (a cloned array of small arrays per span cost as much as the objects). */
  strings: string[];
  /** The buffers to transfer. */
  transfer: ArrayBuffer[];
}

const absent = (x: number | undefined) => (x === undefined ? NaN : x);

export function packAnalysis(analysis: AnalysisResult): PackedAnalysis {
  const packer = new Packer(analysis.spans.length);
  for (const s of analysis.spans) packer.add(s, 0);
  return packer.finish(analysis.dct);
}

/** What packSegments() reads: an analysis segment by segment (a DocumentView). */
export type SegmentedAnalysis = Pick<DocumentView, 'dct' | 'segments'>;

/**
 * packAnalysis() of the analysis' list of every span, read from its segments instead: no span object is made (after
 * a keystroke in a long article that list is some 100,000 spans, half of them new copies moved by the edit).
 */
export function packSegments(analysis: SegmentedAnalysis): PackedAnalysis {
  let n = 0;
  analysis.segments((segment) => {
    n += segment.spans.length;
    return true;
  });
  const packer = new Packer(n);
  analysis.segments((segment) => {
    for (const s of segment.spans) packer.add(s, segment.cpStart);
    return true;
  });
  return packer.finish(analysis.dct);
}

/** Fills the arrays of a PackedAnalysis span by span. */
class Packer {
  private readonly offsets: Int32Array;
  private readonly labels: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly stringIds: Int32Array;
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private k = 0;

  constructor(n: number) {
    this.offsets = new Int32Array(2 * n);
    this.labels = new Uint8Array(n);
    this.numbers = new Float64Array(3 * n);
    this.stringIds = new Int32Array(3 * n);
  }

  private id(x: string | undefined): number {
    if (x === undefined) return -1;
    let k = this.ids.get(x);
    if (k === undefined) {
      k = this.strings.push(x) - 1;
      this.ids.set(x, k);
    }
    return k;
  }

  /** The next span, its offsets moved by `at` code points. */
  add(s: Span, at: number): void {
    const k = this.k++;
    this.offsets[2 * k] = s.start + at;
    this.offsets[2 * k + 1] = s.end + at;
    const label = LABEL_INDEX.get(s.label);
    if (label === undefined) throw new Error(`unknown label ${s.label}`);
    this.labels[k] = label;
    this.numbers[3 * k] = absent(s.value);
    this.numbers[3 * k + 1] = absent(s.valueMax);
    this.numbers[3 * k + 2] = absent(s.confidence);
    this.stringIds[3 * k] = this.id(s.unit);
    this.stringIds[3 * k + 1] = this.id(s.mod);
    this.stringIds[3 * k + 2] = this.id(s.timex);
  }

  finish(dct: DocumentDate): PackedAnalysis {
    const { offsets, labels, numbers, stringIds, strings } = this;
    const transfer = [offsets.buffer, labels.buffer, numbers.buffer, stringIds.buffer] as ArrayBuffer[];
    return { dct, offsets, labels, numbers, stringIds, strings, transfer };
  }
}

/** The analysis packAnalysis() packed, with each span's fields in the order analyze() writes them. */
export function unpackAnalysis(text: string, packed: Omit<PackedAnalysis, 'transfer'>): AnalysisResult {
  const map = new OffsetMap(text);
  const { offsets, labels, numbers, stringIds, strings } = packed;
  const n = labels.length;
  const spans: Span[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const start = offsets[2 * k];
    const end = offsets[2 * k + 1];
    const span: Span = { start, end, label: LABELS[labels[k]], text: map.slice(start, end) };
    // SPAN_VALUE_KEYS order: value, valueMax, unit, mod, timex, confidence
    if (!Number.isNaN(numbers[3 * k])) span.value = numbers[3 * k];
    if (!Number.isNaN(numbers[3 * k + 1])) span.valueMax = numbers[3 * k + 1];
    if (stringIds[3 * k] >= 0) span.unit = strings[stringIds[3 * k]];
    if (stringIds[3 * k + 1] >= 0) span.mod = strings[stringIds[3 * k + 1]] as Mod;
    if (stringIds[3 * k + 2] >= 0) span.timex = strings[stringIds[3 * k + 2]];
    if (!Number.isNaN(numbers[3 * k + 2])) span.confidence = numbers[3 * k + 2];
    spans[k] = span;
  }
  return { dct: packed.dct, spans };
}
