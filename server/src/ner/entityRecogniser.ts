// Runs the entity model over a text: sentence by sentence, constrained Viterbi, a confidence per span from the
// max-marginal margins, then the post-rules. Spans come back with UTF-16 offsets into the whole text.
import { ENTITY_TYPES, TypedRange, tagsToRanges } from './tags';
import { CodePoints, toCodePoints } from './features';
import { decode, viterbi } from './decode';
import { NerModel } from './model';
import { splitDecodingUnits } from './decodingUnits';
import { EntitySpan, applyPostRules } from './postRules';

export interface SentenceResult {
  cp: CodePoints;
  /** Code-point ranges within the sentence. */
  ranges: TypedRange[];
  /** Smallest per-character margin inside each range (model weight units). */
  minMargins: number[];
}

export interface RecogniseOptions {
  /** Apply the guideline post-rules (default true); false gives the model's MSRA-convention output. */
  postRules?: boolean;
}

export class EntityRecogniser {
  constructor(readonly model: NerModel) {}

  /** Model output for one sentence (no post-rules). */
  tagSentence(sentence: string, withMargins = true): SentenceResult {
    const cp = toCodePoints(sentence);
    const n = cp.cps.length;
    const rows = this.model.extractor.extract(sentence, cp);
    const emit = this.model.emissions(rows, n);
    if (!withMargins) return { cp, ranges: tagsToRanges(viterbi(emit, n, this.model.transitions)), minMargins: [] };
    const decoded = decode(emit, n, this.model.transitions);
    const ranges = tagsToRanges(decoded.path);
    let minMargins: number[] = [];
    if (ranges.length) {
      const m = decoded.margins();
      minMargins = ranges.map((r) => {
        let v = Infinity;
        for (let i = r.start; i < r.end; i++) v = Math.min(v, m[i]);
        return v;
      });
    }
    return { cp, ranges, minMargins };
  }

  /** Confidence in [0, 1] from a span's smallest margin, by the logistic calibration stored in the model. */
  confidence(minMargin: number): number {
    const { a, b } = this.model.data.calibration;
    const z = a * Math.min(minMargin, 1e6) + b;
    return 1 / (1 + Math.exp(-z));
  }

  /** PER / LOC / ORG spans of a whole text, UTF-16 offsets, with confidences. */
  recognise(text: string, options: RecogniseOptions = {}): EntitySpan[] {
    const spans: EntitySpan[] = [];
    for (const unit of splitDecodingUnits(text)) {
      const sentence = text.slice(unit.start, unit.end);
      const { cp, ranges, minMargins } = this.tagSentence(sentence);
      ranges.forEach((r, k) => {
        spans.push({
          start: unit.start + cp.utf16[r.start],
          end: unit.start + cp.utf16[r.end],
          label: ENTITY_TYPES[r.type],
          confidence: this.confidence(minMargins[k]),
        });
      });
    }
    return options.postRules === false ? spans : applyPostRules(text, spans);
  }
}
