// A burst of edits leaves the server's heap full of garbage that V8 collects only when something allocates again, so
// a server that goes quiet keeps the memory of its busiest moment (`npm run bench:soak`: 191 MiB before 30 s of
// edits, 279 MiB 15 s after them, of which about 42 MiB live). Once the server has had work and then IDLE_COLLECT_MS
// of quiet, it runs one full, compacting collection (about 90 ms with a 200,000-character article open; a keystroke
// in that moment waits for it, so the quiet is long enough to be a pause in reading, not in typing). It needs node's
// gc(), which the server is started with (--expose-gc in SERVER_NODE_ARGS, server/src/lsp/protocol.ts); without it
// nothing happens.
import * as v8 from 'v8';

/** Quiet time (ms) after work before the collection runs. */
export const IDLE_COLLECT_MS = 10_000;

export interface IdleCollector {
  /** The server has worked (an edit, an analysis): the collection runs after the next quiet spell. */
  touch(): void;
  /** Collections run so far. */
  readonly runs: number;
  dispose(): void;
}

type Collect = () => void;

/**
 * Node's gc() with compaction: a plain full collection frees the dead objects but leaves the old-space pages they
 * were scattered over (after `npm run bench:soak`, heap total 65–76 MiB for 38 MiB used), so V8's flag for
 * compacting on every full collection is set for this one collection only. Null without gc().
 */
export function compactingCollection(gc: Collect | undefined): Collect | null {
  if (!gc) return null;
  return () => {
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/** `collect`: what runs after the quiet (null: nothing is scheduled); by default the compacting collection. */
export function createIdleCollector(collect: Collect | null = compactingCollection((globalThis as { gc?: Collect }).gc), quietMs = IDLE_COLLECT_MS): IdleCollector {
  let timer: NodeJS.Timeout | undefined;
  let lastWork = 0;
  let runs = 0;
  // One timer for a burst: a keystroke only notes the time, and the timer waits again for what is left of the quiet.
  const wake = (): void => {
    const quiet = Date.now() - lastWork;
    if (quiet < quietMs) {
      timer = setTimeout(wake, quietMs - quiet);
      timer.unref?.();
      return;
    }
    timer = undefined;
    runs++;
    collect?.();
  };
  return {
    touch() {
      if (!collect) return;
      lastWork = Date.now();
      if (!timer) {
        timer = setTimeout(wake, quietMs);
        timer.unref?.();
      }
    },
    get runs() {
      return runs;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
