// A language-server session for benchmarks: starts the bundled server (dist/server/server.js, as the editor runs it)
// over stdio, answers its configuration and refresh requests, and times requests. Shared by npm run bench and
// bench:soak.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/lsp/protocol';

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
  // The node options and environment the extension starts the server with, then NEWS_ANNOTATOR_SERVER_NODE_ARGS:
  // extra options (e.g. --cpu-prof to profile it).
  const nodeArgs = [...SERVER_NODE_ARGS, ...(process.env.NEWS_ANNOTATOR_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, serverFile, '--stdio'], { cwd: root, env: { ...process.env, ...SERVER_ENV }, stdio: ['pipe', 'pipe', 'inherit'] });
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

/** One keystroke sent by MiddleKeystrokes: its document version, when it was sent, and the token delta it got. */
export interface Keystroke {
  version: number;
  sentAt: number;
  delta: { resultId?: string };
}

/**
 * Keystrokes at one place of an open article (opened at version 1), as the benchmarks type them: 据 inserted at the
 * UTF-16 offset `at`, then deleted again, in turn. Each is sent as didChange, then the token delta and a hover three
 * characters on are asked for at once; their times from sending (ms) are kept in tokensMs and hoverMs.
 */
export class MiddleKeystrokes {
  readonly tokensMs: number[] = [];
  readonly hoverMs: number[] = [];
  private sent = 0;
  private readonly pos: { line: number; character: number };

  constructor(
    private readonly session: Session,
    private readonly uri: string,
    text: string,
    at: number,
    private resultId: string | undefined,
  ) {
    this.pos = positionAt(text, at);
  }

  /** Sends the next keystroke; resolves when both its token delta and its hover have answered. */
  async press(): Promise<Keystroke> {
    const { session, uri, pos } = this;
    const insert = this.sent % 2 === 0;
    const version = this.sent + 2;
    this.sent++;
    const change = insert
      ? { range: { start: pos, end: pos }, text: '据' }
      : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
    const sentAt = performance.now();
    session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const [delta] = await Promise.all([
      session.connection
        .sendRequest<{ resultId?: string }>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: this.resultId })
        .then((r) => {
          this.tokensMs.push(performance.now() - sentAt);
          this.resultId = r.resultId;
          return r;
        }),
      session.connection
        .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: pos.line, character: pos.character + 3 } })
        .then(() => this.hoverMs.push(performance.now() - sentAt)),
    ]);
    return { version, sentAt, delta };
  }
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
