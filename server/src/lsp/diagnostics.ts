// "Diagnose" in the editor: checkDocument() findings published as diagnostics (source "News Annotator", code = rule
// id, related information pointing at the other spelling). Settings: newsAnnotator.diagnostics.enable and
// newsAnnotator.diagnostics.rules (rule id → "off" | "info" | "warning" | "error"). Messages are Chinese when the
// client's locale is zh-*. Tagging's own diagnostics (annotations that no longer match their text) go through the
// client's DiagnosticCollection 'news-annotator-tagging', so publishing the server's set per URI does not clobber them.
// The checks run on a worker thread (./checkPool.ts) after a 300 ms typing pause; a run for an older version is
// aborted and its findings dropped.
// Quick fixes: a finding's certain rewrites travel in the diagnostic's `data` (UTF-16 ranges) and come back as
// code actions of kind quickfix on that diagnostic, so the server keeps no state for them.
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, DiagnosticSeverity, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckOptions, Finding, RuleSetting, isRuleId } from '../checks';
import { OffsetMap } from '../core/offsets';
import type { ServerContext } from './serverContext';
import { CheckPool, createCheckPool } from './checkPool';

export const DIAGNOSTIC_SOURCE = 'News Annotator';

export interface DiagnosticsSettings {
  enable: boolean;
  rules: Partial<Record<string, RuleSetting>>;
}

export const DEFAULT_DIAGNOSTICS_SETTINGS: DiagnosticsSettings = { enable: true, rules: {} };

/** The `newsAnnotator.diagnostics` section as the client sent it; unknown rule ids and values are dropped. */
export function normaliseDiagnosticsSettings(raw: unknown): DiagnosticsSettings {
  const r = (raw ?? {}) as { enable?: unknown; rules?: unknown };
  const rules: Partial<Record<string, RuleSetting>> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
      if (isRuleId(id) && (value === 'off' || value === 'info' || value === 'warning' || value === 'error')) rules[id] = value;
    }
  }
  return { enable: typeof r.enable === 'boolean' ? r.enable : true, rules };
}

/** True for a VS Code display language that gets the Chinese messages (zh-cn, zh-tw, zh-hans, …). */
export function isChineseLocale(locale: string | undefined): boolean {
  return !!locale && /^zh(?:[-_]|$)/i.test(locale);
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Findings (code points) → LSP diagnostics (UTF-16 line/character) for one document. */
export function toDiagnostics(document: TextDocument, findings: readonly Finding[], chinese: boolean): Diagnostic[] {
  const map = new OffsetMap(document.getText());
  const range = (start: number, end: number) => ({
    start: document.positionAt(map.toUtf16(start)),
    end: document.positionAt(map.toUtf16(end)),
  });
  return findings.map((f) => {
    const d: Diagnostic = {
      range: range(f.start, f.end),
      severity: SEVERITY[f.severity],
      code: f.rule,
      source: DIAGNOSTIC_SOURCE,
      message: chinese ? f.messageZh : f.message,
    };
    if (f.fixes?.length) {
      const data: DiagnosticFixData = {
        fixes: f.fixes.map((fix) => ({ title: chinese ? fix.titleZh : fix.title, edits: fix.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })) })),
      };
      d.data = data;
    }
    if (f.related?.length) {
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: document.uri, range: range(r.start, r.end) },
        message: chinese ? r.messageZh : r.message,
      }));
    }
    return d;
  });
}

/** What a diagnostic carries for its quick fixes (LSP ranges of the document version it was computed on). */
export interface DiagnosticFixData {
  fixes: { title: string; edits: TextEdit[] }[];
}

/** Quick-fix code actions for the News Annotator diagnostics in a code-action request (one per fix). */
export function quickFixes(params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const data = d.data as Partial<DiagnosticFixData> | undefined;
    for (const fix of Array.isArray(data?.fixes) ? data.fixes : []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: data!.fixes!.length === 1,
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    }
  }
  return actions;
}

/** The display language the server runs under: the client's (initialize params), else VS Code's NLS config. */
function environmentLocale(): string | undefined {
  try {
    const nls = process.env.VSCODE_NLS_CONFIG;
    if (nls) return JSON.parse(nls).locale;
  } catch {
    /* not set by VS Code */
  }
  return undefined;
}

/**
 * How long after the last change the checks run (ms): 300. (The checks run on a worker thread: the editor's thread
 * only lists the analysis' spans and converts the findings, so a long article no longer needs a longer pause.)
 */
export function typingPause(_length: number): number {
  return 300;
}

/** Publishes diagnostics for open documents after each change (debounced), on open, and on settings changes. */
export function registerDiagnostics(context: ServerContext, pool: CheckPool = createCheckPool()): { close(): Promise<void> } {
  const { connection, documents } = context;
  const timers = new Map<string, NodeJS.Timeout>();
  /** The running check of each document, aborted when a newer version comes. */
  const running = new Map<string, AbortController>();
  const published = new Set<string>();
  const chinese = () => isChineseLocale(context.locale() ?? environmentLocale());

  async function diagnosticsSettings(uri: string): Promise<DiagnosticsSettings> {
    try {
      return normaliseDiagnosticsSettings(await connection.workspace.getConfiguration({ scopeUri: uri, section: 'newsAnnotator.diagnostics' }));
    } catch {
      return DEFAULT_DIAGNOSTICS_SETTINGS; // the client cannot answer workspace/configuration
    }
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await diagnosticsSettings(uri);
    let diagnostics: Diagnostic[] = [];
    if (settings.enable) {
      // read segment by segment: after a keystroke in a long article most segments are the ones packed last time
      const analysis = await context.completeView(uri);
      if (!analysis) return;
      const options: CheckOptions = { rules: settings.rules };
      const current = documents.get(uri);
      if (!current || current.version !== version) return; // a newer run is scheduled
      running.get(uri)?.abort();
      const abort = new AbortController();
      running.set(uri, abort);
      let findings: Finding[];
      try {
        findings = await pool.check(current.getText(), analysis, options, abort.signal);
      } catch (err) {
        if (abort.signal.aborted) return; // the document changed: a newer run is scheduled
        throw err;
      } finally {
        if (running.get(uri) === abort) running.delete(uri);
      }
      const now = documents.get(uri);
      if (!now || now.version !== version) return;
      diagnostics = toDiagnostics(now, findings, chinese());
    }
    if (diagnostics.length === 0 && !published.has(uri)) return;
    if (diagnostics.length) published.add(uri);
    else published.delete(uri);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    running.get(uri)?.abort();
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri).catch((err) => connection.console.error(`Diagnostics failed for ${uri}: ${(err as Error).message}`));
      }, delay),
    );
  }

  connection.onCodeAction((params) => quickFixes(params));
  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  // The checks read the whole document (about 0.5 ms per 1,000 characters) on the worker thread after a pause.
  documents.onDidChangeContent((e) => schedule(e.document.uri, typingPause(e.document.getText().length)));
  documents.onDidClose((e) => {
    running.get(e.document.uri)?.abort();
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  context.onDidChangeSettings(() => {
    for (const document of documents.all()) schedule(document.uri, 100);
  });
  return { close: () => pool.close() };
}
