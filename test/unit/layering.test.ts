// The layering of the code, checked on the import statements of every source file (type-only imports included):
// no import cycles, and each layer imports only from the layers below it.
//   core/ (types, recognisers of figures and dates, document date, offsets, decoding) and segmentation/ (jieba's word
//   segmentation and POS tags) ← ner/ (entities) ← analysis/ (analyze, incremental analysis: the orchestration above the recognisers) ← everything else.
// The core and ner know nothing of VS Code or the protocol; the client imports from the server side only the
// protocol modules.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(rel));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** Module specifiers a file imports: import/export … from, import(), require(), type-only ones included. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[^\w.])(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm;
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return undefined;
}

const files = [...sourceFiles('server/src'), ...sourceFiles('client/src')];
const graph = new Map<string, { local: string[]; external: string[] }>();
for (const f of files) {
  const specs = importsOf(fs.readFileSync(path.join(root, f), 'utf8'));
  graph.set(f, {
    local: specs.map((s) => resolve(f, s)).filter((s): s is string => s !== undefined),
    external: specs.filter((s) => !s.startsWith('.')),
  });
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(g: Map<string, { local: string[] }>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v)?.local ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || g.get(v)?.local.includes(v)) found.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return found;
}

test('the import graph finds what it should: the parser sees type-only, re-export and require imports', () => {
  assert.deepEqual(
    importsOf(`import type { A } from './a';\nexport { B } from "../b";\nconst c = require('./c');\n// import { D } from './d';\nimport './e';\nexport * from './f';`),
    ['./a', '../b', './c', './e', './f'],
  );
  assert.deepEqual(cycles(new Map([['a', { local: ['b'] }], ['b', { local: ['a'] }], ['c', { local: ['a'] }]])), [['a', 'b']]);
  assert.ok(graph.get('server/src/analysis/analyze.ts')!.local.includes('server/src/ner/entities.ts'));
});

test('no import cycles, type-only imports included', () => {
  assert.deepEqual(cycles(graph), []);
});

/** Which folders each layer may import from (its own folder always). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'server/src/core': [],
  'server/src/segmentation': ['server/src/core'],
  'server/src/ner': ['server/src/core', 'server/src/segmentation'],
  'server/src/analysis': ['server/src/core', 'server/src/ner', 'server/src/segmentation'],
};

test('core/, segmentation/ and ner/ sit below analysis/: no import up the layers', () => {
  const wrong: string[] = [];
  for (const [file, { local }] of graph) {
    const layer = Object.keys(MAY_IMPORT).find((l) => file.startsWith(l + '/'));
    if (!layer) continue;
    for (const target of local) {
      const ok = target.startsWith(layer + '/') || MAY_IMPORT[layer].some((l) => target.startsWith(l + '/'));
      if (!ok) wrong.push(`${file} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the core, segmentation, ner and analysis know nothing of VS Code or the protocol', () => {
  const wrong: string[] = [];
  for (const [file, { external }] of graph) {
    if (!Object.keys(MAY_IMPORT).some((l) => file.startsWith(l + '/'))) continue;
    for (const spec of external) if (/^vscode($|-)/.test(spec)) wrong.push(`${file} → ${spec}`);
  }
  assert.deepEqual(wrong, []);
});

test('the client imports from the server side only the protocol module (server/src/lsp/protocol.ts)', () => {
  const wrong: string[] = [];
  for (const [file, { local }] of graph) {
    if (!file.startsWith('client/src/')) continue;
    for (const target of local) if (target.startsWith('server/') && target !== 'server/src/lsp/protocol.ts') wrong.push(`${file} → ${target}`);
  }
  assert.deepEqual(wrong, []);
});
