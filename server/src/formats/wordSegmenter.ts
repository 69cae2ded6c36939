// Chinese word segmentation (nodejieba) for the word-level CoNLL export, run on a worker thread so that on a
// multi-core machine segmenting the next documents overlaps writing the current one. Results come back as the
// code-point offsets where words end. If the worker cannot start, segmentation runs on the calling thread.
import { Worker } from 'worker_threads';
import { codePointLength } from '../core/offsets';

type Jieba = { cut(s: string): string[] };
let jieba: Jieba | undefined;

/** Code-point offsets of the word ends of `text` (ascending), or undefined if the segmenter changed the text. */
export function wordEndsSync(text: string): Uint32Array | undefined {
  if (text === '') return new Uint32Array(0);
  jieba ??= require('nodejieba') as Jieba;
  const words = jieba.cut(text);
  if (words.join('') !== text) return undefined;
  const ends = new Uint32Array(words.length);
  let p = 0;
  for (let i = 0; i < words.length; i++) ends[i] = p += words[i].length === 1 ? 1 : codePointLength(words[i]);
  return ends;
}

// The worker's code (evaluated, so the bundle needs no second entry point); nodejieba's path comes from here.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const jieba = require(workerData.jieba);
parentPort.on('message', ({ id, text, stop }) => {
  // asked to stop: end after the queued messages (terminating during a nodejieba call aborts the whole process)
  if (stop) return parentPort.close();
  let ends = null;
  try {
    const words = text === '' ? [] : jieba.cut(text);
    if (words.join('') === text) {
      ends = new Uint32Array(words.length);
      let p = 0;
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        let n = w.length;
        for (let k = 0; k < w.length; k++) { const c = w.charCodeAt(k); if (c >= 0xd800 && c <= 0xdbff) n--; }
        ends[i] = p += n;
      }
    }
  } catch (e) { ends = null; }
  parentPort.postMessage({ id, ends }, ends ? [ends.buffer] : []);
});
`;

export class WordSegmenter {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, { text: string; resolve: (ends: Uint32Array | undefined) => void }>();

  /** Segments a text; resolves with the word-end offsets (undefined when the segmenter changed the text). */
  segment(text: string): Promise<Uint32Array | undefined> {
    const worker = this.start();
    if (!worker) return Promise.resolve(wordEndsSync(text));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { text, resolve });
      worker.postMessage({ id, text });
    });
  }

  /**
   * Stops the worker, at the end of an export: after it finished, nothing is pending; after an error or a
   * cancellation, pending requests resolve as unsegmented (their documents are not written). The worker is asked to
   * end after what it has queued rather than terminated: terminating it in the middle of a nodejieba call aborts the
   * process (a cancelled export would take the language server down).
   */
  close(): void {
    const w = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (w) w.postMessage({ stop: true });
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve(undefined);
    }
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { jieba: require.resolve('nodejieba') } });
      w.unref();
      w.on('message', ({ id, ends }: { id: number; ends: Uint32Array | null }) => {
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        // null means the segmenter changed the text or threw: the caller falls back to characters
        p.resolve(ends ?? undefined);
      });
      w.on('error', () => {
        this.failed = true;
        this.worker = undefined;
        this.drain();
      });
      this.worker = w;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  /** Finishes every pending request on this thread. */
  private drain(): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve(wordEndsSync(p.text));
    }
  }
}
