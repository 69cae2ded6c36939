// Runs the entity model over a text: sentence by sentence, constrained Viterbi, a confidence per span from the
// max-marginal margins, then the post-rules. Spans come back with UTF-16 offsets into the whole text.
import { ENTITY_TYPES, TypedRange, tagsToRanges } from './tags';
import { CodePoints, TaggedWord, toCodePoints } from './features';
import { decode, viterbi } from './decode';
import { NerModel, calibratedConfidence } from './model';
import { TextRange, isLayoutBreak, splitDecodingUnits } from './decodingUnits';
import { EntitySpan, applyPostRules } from './postRules';

/** Characters of text the post-rules see at once (see recognise). */
const POST_RULE_BLOCK = 20_000;
/** Characters of text whose words are tagged at once (see recognise). */
const TAG_BATCH = 20_000;

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
  /** Characters of decoding units whose words are tagged before the model decodes them (see recognise). */
  tagBatch = TAG_BATCH;

  constructor(readonly model: NerModel) {}

  /** Model output for one sentence (no post-rules); `words`: the tagger's words for it when already asked for. */
  tagSentence(sentence: string, withMargins = true, words?: readonly TaggedWord[]): SentenceResult {
    const cp = toCodePoints(sentence);
    const n = cp.cps.length;
    const emit = this.model.sentenceEmissions(sentence, cp, words);
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

  /** Confidence in [0, 1] from a span's smallest margin (and its type), by the calibration stored in the model. */
  confidence(minMargin: number, type = -1): number {
    return calibratedConfidence(this.model.data.calibration, minMargin, type);
  }

  /** PER / LOC / ORG spans of a whole text, UTF-16 offsets, with confidences. */
  recognise(text: string, options: RecogniseOptions = {}): EntitySpan[] {
    return this.recogniseAll([text], options)[0];
  }

  /**
   * recognise for each of several texts (paragraphs of a document, say), with the same results. The word tagger
   * (jieba tag, server/src/segmentation) is asked for the words of about `tagBatch` characters of decoding units at a time, across texts,
   * before the model decodes them: taking turns unit by unit, each evicts the other's tables from the CPU caches.
   * `wordBounds`, when given, receives for each text where those words start and end (UTF-16 offsets, ascending).
   */
  recogniseAll(texts: readonly string[], options: RecogniseOptions = {}, wordBounds?: number[][]): EntitySpan[][] {
    const units = texts.map((t) => splitDecodingUnits(t));
    const spans: EntitySpan[][] = texts.map(() => []);
    const queue: { text: number; unit: TextRange }[] = [];
    units.forEach((us, text) => us.forEach((unit) => queue.push({ text, unit })));
    for (let k = 0; k < queue.length; ) {
      let end = k;
      for (let chars = 0; end < queue.length && (end === k || chars < this.tagBatch); end++) chars += queue[end].unit.end - queue[end].unit.start;
      const words = queue.slice(k, end).map(({ text, unit }) => this.model.extractor.tagWords(texts[text].slice(unit.start, unit.end)));
      if (wordBounds) {
        // where the words start and end in each text, ascending (the queue goes text by text, unit by unit)
        for (let q = k; q < end; q++) {
          const out = (wordBounds[queue[q].text] ??= []);
          let at = queue[q].unit.start;
          out.push(at);
          for (const w of words[q - k]) out.push((at += w.word.length));
        }
      }
      for (let q = k; q < end; q++) this.tagUnit(texts[queue[q].text], [queue[q].unit], spans[queue[q].text], words[q - k]);
      k = end;
    }
    return texts.map((text, t) => this.finish(text, units[t], spans[t], options));
  }

  /** Layout line breaks inside names and the post-rules, on the model's spans of a text's units. */
  private finish(text: string, units: readonly TextRange[], spans: EntitySpan[], options: RecogniseOptions): EntitySpan[] {
    // a layout line break inside a name (有限\n\n公司): where a line ends without a sentence end and the next one
    // goes on, the two units are decoded again joined without the break; an entity across the join is kept, its
    // span covering the break, in place of the pieces found on either side
    for (let k = 0; k + 1 < units.length; k++) {
      const a = units[k];
      const b = units[k + 1];
      if (!isLayoutBreak(text, a.end, b.start)) continue;
      const joined: EntitySpan[] = [];
      this.tagUnit(text, [a, b], joined);
      const across = joined.filter((s) => s.start < a.end && s.end > b.start);
      for (const s of across) spans = [...spans.filter((o) => !(o.start < s.end && s.start < o.end)), s];
    }
    spans.sort((x, y) => x.start - y.start);
    if (options.postRules === false) return spans;
    const gazetteer = this.model.extractor.config.gazetteer;
    const context = { isAdminName: (name: string) => (gazetteer.kindOf(name) & 1) !== 0, isPlaceName: (name: string) => (gazetteer.kindOf(name) & 3) !== 0 };
    // The post-rules rebuild the span list for each rule match, so on a whole long text they take time growing with
    // the square of its length (1 M characters of news: 21 s against 1.1 s for 100 k). They run on blocks of about
    // POST_RULE_BLOCK characters instead, cut at a line break that no span crosses.
    const out: EntitySpan[] = [];
    let from = 0;
    let k = 0;
    let next = 0;
    while (from < text.length) {
      let cut = text.length;
      if (text.length - from > POST_RULE_BLOCK) {
        cut = -1;
        for (let at = text.indexOf('\n', from + POST_RULE_BLOCK); at >= 0; at = text.indexOf('\n', at + 1)) {
          while (k < spans.length && spans[k].end <= at) k++;
          if (k >= spans.length || spans[k].start > at) {
            cut = at + 1;
            break;
          }
        }
        if (cut < 0) cut = text.length;
      }
      // spans are sorted by start and none crosses the cut
      const block: EntitySpan[] = [];
      for (; next < spans.length && spans[next].start < cut; next++) block.push({ ...spans[next], start: spans[next].start - from, end: spans[next].end - from });
      for (const sp of applyPostRules(text.slice(from, cut), block, context)) out.push({ ...sp, start: sp.start + from, end: sp.end + from });
      from = cut;
    }
    return out;
  }

  /** Tags the text of `parts` (consecutive units) decoded as one sentence; pushes spans with offsets into `text`. */
  private tagUnit(text: string, parts: readonly TextRange[], out: EntitySpan[], words?: readonly TaggedWord[]): void {
    const pieces = parts.map((p) => text.slice(p.start, p.end));
    const sentence = pieces.join('');
    // UTF-16 offset in the joined sentence -> offset in the text
    const toText = (u: number, isEnd: boolean): number => {
      let base = 0;
      for (let k = 0; k < parts.length; k++) {
        const len = pieces[k].length;
        if (u < base + len || (isEnd && u === base + len) || k === parts.length - 1) return parts[k].start + (u - base);
        base += len;
      }
      return parts[0].start + u;
    };
    const { cp, ranges, minMargins } = this.tagSentence(sentence, true, words);
    ranges.forEach((r, k) => {
      out.push({
        start: toText(cp.utf16[r.start], false),
        end: toText(cp.utf16[r.end], true),
        label: ENTITY_TYPES[r.type],
        confidence: this.confidence(minMargins[k], r.type),
      });
    });
  }
}
