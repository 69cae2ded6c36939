// The tagging state pushed after a pause in typing, its suggestions patch made from the segments an edit changed
// (server/src/lsp/suggestionSegments.ts): whatever the edits, the tags and the rejections, the list the client makes
// of the patches is the list of a whole state built from scratch (the path that compares whole lists).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalysis } from '../../server/src/analysis/incrementalAnalysis';
import { recogniseEntityUnits } from '../../server/src/ner/entities';
import { TaggingService } from '../../server/src/lsp/tagging';
import type { DocumentView } from '../../server/src/lsp/documentAnalysis';
import type { ServerContext } from '../../server/src/lsp/serverContext';
import { applySuggestionsPatch } from '../../server/src/annotations/taggingStatePatch';
import type { TaggingState, TaggingStatePatch, WireSuggestion } from '../../server/src/annotations/taggingProtocol';
import { sampleArticles } from '../fixtures/sampleCorpus';

// with one long line (the articles' paragraphs run together), so that segments after an edit begin on its line
const ARTICLES = sampleArticles().slice(0, 3);
const BASE = [...ARTICLES, ARTICLES.join('').replace(/\n/g, ''), ...ARTICLES].join('\n');

/** A server without a connection: the analysis an IncrementalAnalysis of the document, read as a view. */
function harness(dir: string) {
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, BASE);
  const uri = pathToFileURL(file).toString();
  let doc = TextDocument.create(uri, 'news-article', 1, BASE);
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates', 'entities'], dct: '2023-06-18' });
  const view = (): DocumentView => {
    const text = doc.getText();
    engine.update(text);
    for (let t = engine.pendingEntityTexts(1e9); t.length; t = engine.pendingEntityTexts(1e9)) engine.addEntities(t, recogniseEntityUnits(t));
    const current = () => {
      if (engine.currentText !== text) throw new Error('stale view');
      return engine;
    };
    return {
      dct: engine.documentDate(),
      recogniserProblems: [],
      pendingEntities: 0,
      segments: (visit, from) => current().segments(visit, from),
      spanAt: (u) => current().spanAt(u),
      result: () => current().result(),
    };
  };
  /** The client's list of suggestions, kept from the states and patches it is sent. */
  let list: readonly WireSuggestion[] = [];
  let sameLine = 0;
  const service = new TaggingService({
    documents: { get: (u: string) => (u === uri ? doc : undefined) } as unknown as ServerContext['documents'],
    analysis: async () => ({ result: view().result(), recogniserProblems: [] }),
    completeView: async () => view(),
    t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_: string, i: string) => String(a[Number(i)])),
    connection: {
      sendNotification(type: { method: string }, params: TaggingState | TaggingStatePatch) {
        if (type.method === 'newsAnnotator/taggingState') list = (params as TaggingState).suggestions;
        else {
          const patch = (params as TaggingStatePatch).suggestionsPatch;
          list = applySuggestionsPatch(list, patch);
          if (patch.shift.character !== 0) sameLine++;
        }
      },
    },
  } as unknown as ServerContext);
  return {
    uri,
    service,
    get doc() {
      return doc;
    },
    edit(at: number, remove: number, insert: string) {
      const start = doc.positionAt(at);
      const end = doc.positionAt(at + remove);
      doc = TextDocument.update(doc, [{ range: { start, end }, text: insert }], doc.version + 1);
      service.change(doc);
    },
    /** What the pause after typing does: the suggestions refreshed and pushed. */
    async pause() {
      await (service as any).settle((service as any).sessions.get(uri));
    },
    get list() {
      return list;
    },
    /** The client takes a whole state (an operation's answer). */
    take(state: TaggingState) {
      list = state.suggestions;
    },
    /** Patches whose moved suggestions begin on the edited line (their characters moved too). */
    get sameLine() {
      return sameLine;
    },
    truth(): WireSuggestion[] {
      return service.buildState((service as any).sessions.get(uri)).suggestions;
    },
    fromSegments(): boolean {
      const session = (service as any).sessions.get(uri);
      return session.sentList === undefined && session.segments !== undefined;
    },
  };
}

const edits = fc.array(
  fc.record({
    where: fc.integer({ min: 0, max: 9999 }).map((k) => k / 10000),
    remove: fc.integer({ min: 0, max: 4 }),
    insert: fc.constantFrom('', '据', '2023年6月', '\n', '李明说，', '3.5亿元', '\n\n北京市', '，'),
    op: fc.constantFrom('none', 'none', 'none', 'accept', 'reject', 'tag'),
  }),
  { minLength: 1, maxLength: 8 },
);

test('after random edits, tags and rejections, the client list made of the pushed patches is the whole state', async () => {
  let fast = 0;
  let sameLine = 0;
  await fc.assert(
    fc.asyncProperty(edits, async (steps) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-'));
      const h = harness(dir);
      try {
        await h.service.open(h.doc);
        await h.pause();
        assert.deepStrictEqual(h.list, h.truth());
        for (const step of steps) {
          const length = h.doc.getText().length;
          const at = Math.min(length, Math.floor(step.where * length));
          h.edit(at, Math.min(step.remove, length - at), step.insert);
          await h.pause();
          if (h.fromSegments()) fast++;
          assert.deepStrictEqual(h.list, h.truth());
          if (step.op === 'tag') {
            // a tag of the annotator's own extent around the edit (it may cross a sentence end, so two segments)
            const start = Math.max(0, at - 12);
            const r = await h.service.run({ uri: h.uri, op: { op: 'tag', start, end: Math.min(h.doc.getText().length, start + 20), label: 'ORG' } });
            h.take(r.state);
          } else if (step.op !== 'none' && h.list.length) {
            // an operation on the suggestion nearest the edit (its answer is a whole state the client takes as it is)
            const s = h.list.find((x) => x.start >= at) ?? h.list[0];
            const offset = h.doc.offsetAt(s.range.start);
            const r = await h.service.run({ uri: h.uri, op: { op: step.op as 'accept' | 'reject', offset } });
            assert.ok(r.ok, r.message);
            h.take(r.state);
            assert.deepStrictEqual(h.list, h.truth());
          }
        }
        sameLine += h.sameLine;
      } finally {
        h.service.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 25, seed: 12 },
  );
  assert.ok(fast > 20 && sameLine > 3, `patches made from segments: ${fast}, on the edited line: ${sameLine}`);
});
