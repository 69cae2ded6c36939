// Active learning (issue 14, item 4): the unreviewed name suggestions (PER, LOC, ORG) of every article of the
// workspace, lowest calibrated confidence first, and the articles ordered by expected usefulness (how many uncertain
// suggestions they hold). Open articles answer from their tag store (edits, decisions and online adaptation
// included); the others are read from disk, their names recognised on the entity worker once per file version and
// model, then the same rules apply (the .ann's tags, the review sidecar's rejections, the workspace memory).
// Articles marked reviewed are left out: their suggestions were decided.
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { DocumentAnnotations } from '../annotations/documentAnnotations';
import { readTextIfExists } from '../annotations/annStorage';
import { reviewPathFor } from '../annotations/articleRules';
import { parseReview } from '../annotations/reviewFile';
import type { SuggestionMemory } from '../annotations/suggestionMemory';
import { decodeFile } from '../core/textDecoding';
import { OffsetMap } from '../core/offsets';
import { ENTITY_LABELS, Span } from '../core/types';
import { listCorpus } from '../formats/corpus';
import type { UnitEntityRecogniser } from '../analysis/incrementalAnalysis';
import { spreadEntityUnits } from '../ner/entities';
import type { RawSpan } from '../core/types';
import type { SuggestionLearning } from './suggestionLearning';
import type { TaggingService } from './tagging';
import type { NewsAnnotatorSettings } from './settings';
import { DocumentUsefulness, UNCERTAIN_BELOW, UncertainSuggestion, UncertaintyResult } from './learningProtocol';

const ENTITY: ReadonlySet<string> = new Set(ENTITY_LABELS);

interface CachedEntities {
  stamp: string;
  model: string;
  spans: Span[];
}

export interface UncertaintyHost {
  roots(): string[];
  settings(uri: string): Promise<NewsAnnotatorSettings>;
  entities: UnitEntityRecogniser;
  /** The model file in use ('' for the shipped model): cached entities of another model are recognised again. */
  model(): string;
  learning: SuggestionLearning;
  tagging: TaggingService;
}

export class CorpusUncertainty {
  private readonly entityCache = new Map<string, CachedEntities>();

  constructor(private readonly host: UncertaintyHost) {}

  /** Suggestions lowest confidence first (at most `limit`) and every unreviewed article by usefulness. */
  async compute(limit = 200, onProgress?: (done: number, total: number) => void): Promise<UncertaintyResult> {
    const t0 = performance.now();
    const all: UncertainSuggestion[] = [];
    const documents: DocumentUsefulness[] = [];
    for (const root of this.host.roots()) {
      const settings = await this.host.settings(pathToFileURL(root).toString());
      let entries: ReturnType<typeof listCorpus> = [];
      try {
        entries = listCorpus([root], { ruleFor: () => ({ rule: settings.articles, root }) });
      } catch {
        continue;
      }
      const memory = this.host.learning.forPath(entries[0]?.textPath ?? root + '/x');
      await memory.scanned;
      let done = 0;
      for (const entry of entries) {
        onProgress?.(done++, entries.length);
        const uri = pathToFileURL(entry.textPath).toString();
        let suggestions: Span[] | undefined;
        const open = this.host.tagging.openState(uri);
        if (open) {
          if (open.reviewed) continue;
          suggestions = open.suggestions;
        } else {
          suggestions = await this.fromDisk(entry.textPath, entry.annPath, settings, memory.memory);
        }
        if (!suggestions) continue;
        const scored = suggestions.filter((s) => ENTITY.has(s.label) && typeof s.confidence === 'number');
        let uncertain = 0;
        let doubt = 0;
        for (const s of scored) {
          if (s.confidence! < UNCERTAIN_BELOW) uncertain++;
          doubt += 1 - s.confidence!;
          all.push({ uri, start: s.start, end: s.end, label: s.label, text: s.text, confidence: s.confidence! });
        }
        documents.push({ uri, uncertain, doubt: Math.round(doubt * 1000) / 1000, suggestions: scored.length });
      }
    }
    all.sort((a, b) => a.confidence - b.confidence || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start));
    documents.sort((a, b) => b.uncertain - a.uncertain || b.doubt - a.doubt || (a.uri < b.uri ? -1 : 1));
    return { suggestions: all.slice(0, limit), documents, ms: Math.round(performance.now() - t0) };
  }

  /** A closed article's suggestions, or undefined when it is reviewed or cannot be read. */
  private async fromDisk(
    textPath: string, annPath: string, settings: NewsAnnotatorSettings, memory: SuggestionMemory,
  ): Promise<Span[] | undefined> {
    let review: string | undefined;
    let ann: string | undefined;
    let text: string;
    let stamp: string;
    try {
      review = readTextIfExists(reviewPathFor(textPath));
      if (review !== undefined && parseReview(review).review.reviewed) return undefined;
      const st = fs.statSync(textPath);
      stamp = `${st.mtimeMs}:${st.size}`;
      text = decodeFile(fs.readFileSync(textPath), textPath).text;
      ann = readTextIfExists(annPath);
    } catch {
      return undefined;
    }
    const model = this.host.model();
    let cached = this.entityCache.get(textPath);
    if (!cached || cached.stamp !== stamp || cached.model !== model) {
      let raw: RawSpan[] = [];
      if (settings.labels.enabled.entities && (settings.largeFileThreshold === 0 || text.length <= settings.largeFileThreshold)) {
        try {
          const unit = (await this.host.entities([text]))[0];
          // the document-level pass over the whole article, as analyze() makes it
          raw = unit ? spreadEntityUnits([text], [unit])[0] : [];
        } catch {
          raw = [];
        }
      }
      const map = new OffsetMap(text);
      const spans = raw.map((r) => {
        const start = map.toCodePoint(r.start);
        const end = map.toCodePoint(r.end);
        return { ...r, start, end, text: map.slice(start, end) } as Span;
      });
      cached = { stamp, model, spans };
      this.entityCache.set(textPath, cached);
    }
    const store = new DocumentAnnotations(text, ann, review);
    if (store.reviewed) return undefined;
    store.setMachineSpans(memory.adapt(text, cached.spans, { learnFromTags: settings.suggestions.learnFromTags, tags: store.tags() }));
    return store.suggestions();
  }
}
