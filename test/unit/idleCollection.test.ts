// lsp/idleCollection.ts: after a burst of work and a quiet spell the language server collects its garbage once, so
// its memory goes back down (npm run bench:soak measures how far); the node options it is started with give it gc().
import test, { mock } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { compactingCollection, createIdleCollector } from '../../server/src/lsp/idleCollection';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/lsp/protocol';

test('one collection after the quiet that follows a burst, none while work goes on', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    let collected = 0;
    const idle = createIdleCollector(() => collected++, 1000);
    for (let k = 0; k < 50; k++) {
      idle.touch();
      mock.timers.tick(100); // a keystroke every 100 ms for 5 s
    }
    assert.equal(collected, 0);
    mock.timers.tick(899);
    assert.equal(collected, 0, 'not before the quiet is over');
    mock.timers.tick(1);
    assert.equal(collected, 1);
    mock.timers.tick(60_000);
    assert.equal(collected, 1, 'a quiet server is not collected again and again');
    idle.touch();
    mock.timers.tick(1000);
    assert.equal(collected, 2, 'the next burst gets its own collection');
    assert.equal(idle.runs, 2);
    idle.touch();
    idle.dispose();
    mock.timers.tick(5000);
    assert.equal(collected, 2, 'nothing after dispose');
  } finally {
    mock.timers.reset();
  }
});

test('without gc() nothing is scheduled', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const idle = createIdleCollector(null, 1000);
    idle.touch();
    mock.timers.tick(5000);
    assert.equal(idle.runs, 0);
  } finally {
    mock.timers.reset();
  }
});

test("the server's node options and environment start node with gc()", () => {
  const r = spawnSync(process.execPath, [...SERVER_NODE_ARGS, '-e', "process.stdout.write(typeof gc + ' ' + process.env.MALLOC_MMAP_THRESHOLD_)"], {
    env: { ...process.env, ...SERVER_ENV },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `function ${SERVER_ENV.MALLOC_MMAP_THRESHOLD_}`);
});

test('the compacting collection calls gc() once, and is null without gc()', () => {
  let calls = 0;
  compactingCollection(() => calls++)!();
  assert.equal(calls, 1);
  assert.equal(compactingCollection(undefined), null);
});
