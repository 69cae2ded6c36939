// A language-server session for benchmarks: starts the bundled server (dist/server/server.js, as the editor runs it)
// over stdio, answers its configuration and refresh requests, and times requests. Shared by npm run bench and
// bench:soak.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_NODE_ARGS } from '../../server/src/lsp/protocol';

export const root = path.resolve(__dirname, '..', '..');

export interface Session {
  connection: MessageConnection;
  child: ChildProcess;
  /** Milliseconds from spawning to the initialize answer. */
  startMs: number;
  /** The latest diagnostics per URI, with when they came (performance.now()). */
  diagnostics: Map<string, { version?: number; diagnostics: unknown[]; at: number }>;
  /** Resolves when diagnostics for `uri` at `version` arrive. */
  diagnosticsFor(uri: string, version: number): Promise<number>;
  refreshes: number;
  /** The server's resident set size and its peak (KiB), from /proc. */
  memory(): { rssKiB: number; peakKiB: number };
  open(uri: string, text: string, version?: number): void;
  close(): Promise<void>;
}

export async function startServer(settings: Record<string, unknown> = {}): Promise<Session> {
  const serverFile = path.join(root, 'dist', 'server', 'server.js');
  if (!fs.existsSync(serverFile)) throw new Error(`${serverFile} is missing: run npm run build first`);
  const t0 = performance.now();
  // The node options the extension starts the server with, then NEWS_ANNOTATOR_SERVER_NODE_ARGS: extra ones (e.g.
  // --cpu-prof to profile it).
  const nodeArgs = [...SERVER_NODE_ARGS, ...(process.env.NEWS_ANNOTATOR_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, serverFile, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics: Session['diagnostics'] = new Map();
  const waiting: { uri: string; version: number; resolve(at: number): void }[] = [];
  const session: Session = {
    connection,
    child,
    startMs: 0,
    diagnostics,
    refreshes: 0,
    diagnosticsFor(uri, version) {
      const d = diagnostics.get(uri);
      if (d && d.version === version) return Promise.resolve(d.at);
      return new Promise((resolve) => waiting.push({ uri, version, resolve }));
    },
    memory() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rssKiB: kib('VmRSS'), peakKiB: kib('VmHWM') };
    },
    open(uri, text, version = 1) {
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version, text } });
    },
    async close() {
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      await new Promise((r) => setTimeout(r, 100));
      connection.dispose();
      child.kill();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
    const at = performance.now();
    diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics, at });
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i].uri === p.uri && p.version !== undefined && p.version >= waiting[i].version) waiting.splice(i, 1)[0].resolve(at);
    }
  });
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/semanticTokens/refresh', () => {
    session.refreshes++;
    return null;
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((item) =>
      item.section === 'newsAnnotator'
        ? { labels: { enabled: { figures: true, dates: true, entities: true } }, documentDate: '', largeFileThreshold: 0, ...settings }
        : null,
    ),
  );
  connection.onRequest(() => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true, semanticTokens: { refreshSupport: true } } },
  });
  session.startMs = performance.now() - t0;
  connection.sendNotification('initialized', {});
  return session;
}

/** The sample corpus repeated to `size` UTF-16 code units (a long article). */
export function sampleArticle(size: number): string {
  const corpus = path.join(root, 'test', 'fixtures', 'corpus');
  const articles = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith('.news') || (f.endsWith('.txt') && f !== 'README.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(corpus, f), 'utf8'));
  let text = '';
  for (let i = 0; text.length < size; i++) text += articles[i % articles.length] + '\n';
  return text.slice(0, size);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Line and character (UTF-16) of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
