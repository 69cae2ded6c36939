// The command "Export Dataset…" (newsAnnotator.exportDataset): quick picks for the formats, the scope (current file,
// a folder, the workspace), unreviewed suggestions, the train/dev/test split and the output folder; unsaved articles
// in the scope are saved first (after asking); then the export runs on the language server under a cancellable
// progress notification and ends with a summary (documents, tags per label, files written) and a button revealing
// the output folder. Details and warnings go to the News Annotator output channel.
//
// For keybindings, tasks and tests the command takes an options object (ExportCommandOptions); whatever it gives is
// not asked, so a complete object runs without any picker, e.g.
//   { "formats": ["doccano", "brat"], "scope": "workspace", "split": { "ratios": [8, 1, 1], "seed": 7 },
//     "outDir": "/data/out", "saveUnsaved": true }
// It resolves with an ExportCommandResult.
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExportSummary } from '../../../server/src/lsp/protocol';
import {
  DatasetFormatInfo, ExportCountsParams, ExportCountsRequest, ExportCountsResult, ExportFormatsRequest, ExportParams, ExportRequest, ExportResult,
} from '../../../server/src/lsp/protocol';
import type { DocumentScope } from '../../../server/src/lsp/protocol';
import type { ClientSource } from '../tagging';
import { DatasetJobs, JobCancelled } from './datasetJobs';
import { countsText, errorMessage, isArticlePath, saveUnsavedArticles, toFsPath, workspaceFolderOf } from './shared';

export interface ExportCommandOptions {
  /** Format names (see `news-annotator export --help`), one name, or "all". */
  formats?: string[] | string;
  /** Which articles: the active editor's file, a folder (asked unless `paths` gives it), or every workspace folder. */
  scope?: 'file' | 'folder' | 'workspace';
  /** Article files and folders to export (paths or file URIs); overrides `scope`. */
  paths?: (string | vscode.Uri)[];
  /**
   * Which articles: "reviewed" (marked reviewed), "tagged" (at least one confirmed tag) or "all". Asked, with the
   * count of each, when the formats are asked too; a caller giving `formats` and no `documents` exports all.
   */
  documents?: DocumentScope;
  /** Also export unreviewed machine suggestions (marked as such where the format can). */
  includeSuggestions?: boolean;
  /** "none", ratios as "0.8,0.1,0.1" or [0.8, 0.1, 0.1], or { ratios, seed }. */
  split?: 'none' | string | number[] | { ratios: number[]; seed?: number };
  /** Seed of the split (default 1). */
  seed?: number;
  /** Output folder; default <workspace folder>/export. */
  outDir?: string | vscode.Uri;
  /** Save unsaved articles in the scope without asking (otherwise a dialog asks). */
  saveUnsaved?: boolean;
  /** Do not show the summary notification at the end (it is still logged). */
  quiet?: boolean;
}

export interface ExportCommandResult {
  /** "dismissed": a picker or dialog was closed, nothing ran. */
  status: 'exported' | 'cancelled' | 'failed' | 'dismissed';
  summary?: ExportSummary;
  /** Documents written and documents in scope. */
  done?: number;
  total?: number;
  warnings?: string[];
  elapsedMs?: number;
  /** For "failed": the error. */
  message?: string;
}

const STATE_KEY = 'newsAnnotator.export.lastChoices';

interface LastChoices {
  formats?: string[];
  documents?: DocumentScope;
  includeSuggestions?: boolean;
  split?: string;
  seed?: number;
}

/** Parses "0.8,0.1,0.1" or "80 10 10"; returns a localised problem, or the ratios. */
export function parseSplitRatios(text: string): number[] | string {
  const parts = text.split(/[\s,，/:]+/).filter(Boolean);
  const nums = parts.map(Number);
  if (parts.length < 2 || parts.length > 3) return vscode.l10n.t('Give two or three numbers: train, dev[, test], e.g. 0.8,0.1,0.1 or 80,10,10.');
  if (nums.some((n) => !Number.isFinite(n) || n < 0)) return vscode.l10n.t('Ratios must be non-negative numbers.');
  if (nums.reduce((a, b) => a + b, 0) <= 0) return vscode.l10n.t('The ratios must not all be zero.');
  return nums;
}

function splitOption(split: ExportCommandOptions['split'], seed: number | undefined): ExportParams['split'] | 'none' | string {
  if (split === undefined || split === 'none') return 'none';
  if (typeof split === 'string') {
    const r = parseSplitRatios(split);
    return typeof r === 'string' ? r : { ratios: r, seed: seed ?? 1 };
  }
  if (Array.isArray(split)) return { ratios: split, seed: seed ?? 1 };
  return { ratios: split.ratios, seed: split.seed ?? seed ?? 1 };
}

export class ExportCommand {
  private formatsCache: DatasetFormatInfo[] | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly source: ClientSource,
    private readonly jobs: DatasetJobs,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async formats(): Promise<DatasetFormatInfo[]> {
    if (!this.formatsCache) {
      await this.source.ready;
      this.formatsCache = await this.source.client.sendRequest<DatasetFormatInfo[]>(ExportFormatsRequest);
    }
    return this.formatsCache;
  }

  /** Entry point: `arg` is an options object, or the folder/file URI(s) of an Explorer context menu. */
  async run(arg?: ExportCommandOptions | vscode.Uri, selected?: vscode.Uri[]): Promise<ExportCommandResult> {
    const options: ExportCommandOptions = arg instanceof vscode.Uri ? { paths: selected?.length ? selected : [arg] } : { ...(arg ?? {}) };
    try {
      return await this.runWith(options);
    } catch (err) {
      if (err instanceof JobCancelled) return { status: 'cancelled', done: 0 };
      const message = errorMessage(err);
      this.output.error(`Export failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', message));
      return { status: 'failed', message };
    }
  }

  private async runWith(options: ExportCommandOptions): Promise<ExportCommandResult> {
    const last = this.context.workspaceState.get<LastChoices>(STATE_KEY) ?? {};
    const known = await this.formats();
    const interactive = options.formats === undefined;

    // formats
    let formats: string[] | undefined;
    if (options.formats !== undefined) {
      formats = options.formats === 'all' ? known.map((f) => f.name) : typeof options.formats === 'string' ? options.formats.split(',').map((s) => s.trim()) : options.formats;
    } else {
      const picked = await vscode.window.showQuickPick(
        known.map((f) => ({ label: f.name, detail: f.description, picked: (last.formats ?? ['doccano']).includes(f.name) })),
        { canPickMany: true, title: vscode.l10n.t('Export Dataset: formats'), placeHolder: vscode.l10n.t('Pick one or more formats (each is written into its own subfolder)'), ignoreFocusOut: true },
      );
      if (!picked?.length) return { status: 'dismissed' };
      formats = picked.map((p) => p.label);
    }

    // scope
    let paths: string[] | undefined = options.paths?.map(toFsPath);
    if (!paths) {
      let scope = options.scope;
      if (!scope) {
        const active = vscode.window.activeTextEditor?.document;
        const items: (vscode.QuickPickItem & { scope: 'file' | 'folder' | 'workspace' })[] = [];
        if (active?.uri.scheme === 'file' && isArticlePath(active.uri.fsPath)) {
          items.push({ label: vscode.l10n.t('Current file'), description: vscode.workspace.asRelativePath(active.uri), scope: 'file' });
        }
        items.push({ label: vscode.l10n.t('A folder…'), scope: 'folder' });
        if (vscode.workspace.workspaceFolders?.length) {
          items.push({ label: vscode.l10n.t('Whole workspace'), description: vscode.workspace.workspaceFolders.map((f) => f.name).join(', '), scope: 'workspace' });
        }
        const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Dataset: which articles'), ignoreFocusOut: true });
        if (!picked) return { status: 'dismissed' };
        scope = picked.scope;
      }
      if (scope === 'file') {
        const active = vscode.window.activeTextEditor?.document;
        if (!active || active.uri.scheme !== 'file' || !isArticlePath(active.uri.fsPath)) {
          throw new Error(vscode.l10n.t('Open an article file (.txt or .news) saved on disk first.'));
        }
        paths = [active.uri.fsPath];
      } else if (scope === 'workspace') {
        paths = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
        if (!paths.length) throw new Error(vscode.l10n.t('Open a folder first.'));
      } else {
        const picked = await vscode.window.showOpenDialog({
          canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
          defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
          openLabel: vscode.l10n.t('Export This Folder'), title: vscode.l10n.t('Export Dataset: folder of articles'),
        });
        if (!picked?.length) return { status: 'dismissed' };
        paths = [picked[0].fsPath];
      }
    }

    // which articles, with the count of each
    let documents = options.documents;
    if (documents === undefined && interactive) {
      const outGuess = options.outDir !== undefined ? toFsPath(options.outDir) : defaultOutDir(paths[0]);
      const counts = await this.source.client.sendRequest<ExportCountsResult>(ExportCountsRequest, { paths, outDir: outGuess } satisfies ExportCountsParams);
      const picked = await pickDocuments(counts, last.documents);
      if (!picked) return { status: 'dismissed' };
      documents = picked;
    }

    // suggestions
    let includeSuggestions = options.includeSuggestions;
    if (includeSuggestions === undefined) {
      const items = [
        { label: vscode.l10n.t('Confirmed tags only'), value: false },
        { label: vscode.l10n.t('Confirmed tags and unreviewed suggestions'), detail: vscode.l10n.t('Suggestions are marked as such where the format can tell them apart.'), value: true },
      ];
      if (last.includeSuggestions) items.reverse();
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Dataset: tags'), ignoreFocusOut: true });
      if (!picked) return { status: 'dismissed' };
      includeSuggestions = picked.value;
    }

    // split
    let split: ExportParams['split'];
    if (options.split !== undefined) {
      const s = splitOption(options.split, options.seed);
      if (typeof s === 'string' && s !== 'none') throw new Error(s);
      split = s === 'none' ? undefined : (s as ExportParams['split']);
    } else {
      const asked = await this.askSplit(last);
      if (asked === 'dismissed') return { status: 'dismissed' };
      split = asked;
    }

    // output folder
    let outDir = options.outDir === undefined ? undefined : toFsPath(options.outDir);
    if (!outDir) {
      const fallback = defaultOutDir(paths[0]);
      const picked = await vscode.window.showQuickPick(
        [
          { label: fallback, description: vscode.l10n.t('default'), choose: false },
          { label: vscode.l10n.t('Choose a folder…'), choose: true },
        ],
        { title: vscode.l10n.t('Export Dataset: output folder (files in it are overwritten)'), ignoreFocusOut: true },
      );
      if (!picked) return { status: 'dismissed' };
      if (picked.choose) {
        const chosen = await vscode.window.showOpenDialog({
          canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.Uri.file(path.dirname(fallback)),
          openLabel: vscode.l10n.t('Export Here'), title: vscode.l10n.t('Export Dataset: output folder'),
        });
        if (!chosen?.length) return { status: 'dismissed' };
        outDir = chosen[0].fsPath;
      } else outDir = fallback;
    }

    await this.context.workspaceState.update(STATE_KEY, {
      formats, documents, includeSuggestions, split: split ? split.ratios.join(',') : 'none', seed: split?.seed ?? last.seed,
    } satisfies LastChoices);

    // unsaved articles: the tags follow the editor's text, the export reads the files
    const saved = await saveUnsavedArticles(paths, options.saveUnsaved === true, 'export');
    if (!saved) return { status: 'dismissed' };

    const params: ExportParams = { formats, paths, outDir, documents, includeSuggestions, split };
    this.output.info(`Export ${formats.join(',')} of ${documents ?? 'all'} articles in ${paths.join(', ')} to ${outDir}${includeSuggestions ? ' with suggestions' : ''}${split ? ` split ${split.ratios.join(',')} seed ${split.seed}` : ''}`);
    const result = await this.jobs.run<ExportResult>(vscode.l10n.t('Exporting dataset'), ExportRequest, params, (p) =>
      vscode.l10n.t('{0} / {1} documents', p.done, p.total ?? '?'),
    );
    for (const w of result.warnings) this.output.warn(w);
    if (result.cancelled || !result.summary) {
      this.output.info(`Export cancelled after ${result.done} of ${result.total} documents; ${outDir} holds a partial export`);
      if (!options.quiet) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Export cancelled after {0} of {1} documents; the output folder holds a partial export.', result.done, result.total));
      }
      return { status: 'cancelled', done: result.done, total: result.total, warnings: result.warnings, elapsedMs: result.elapsedMs };
    }
    this.report(result.summary, result.elapsedMs, options.quiet === true);
    return { status: 'exported', summary: result.summary, done: result.done, total: result.total, warnings: result.warnings, elapsedMs: result.elapsedMs };
  }

  private async askSplit(last: LastChoices): Promise<ExportParams['split'] | undefined | 'dismissed'> {
    const items = [
      { label: vscode.l10n.t('No split'), value: 'none' },
      { label: vscode.l10n.t('80 / 10 / 10 (train / dev / test)'), value: '0.8,0.1,0.1' },
      { label: vscode.l10n.t('Custom ratios…'), value: 'custom' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Export Dataset: train/dev/test split by document'),
      placeHolder: last.split && last.split !== 'none' ? vscode.l10n.t('Last time: {0}', last.split) : undefined,
      ignoreFocusOut: true,
    });
    if (!picked) return 'dismissed';
    if (picked.value === 'none') return undefined;
    let ratios: number[];
    if (picked.value === 'custom') {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Export Dataset: split ratios'),
        prompt: vscode.l10n.t('train, dev[, test] ratios, e.g. 0.7,0.15,0.15 or 90,10 (normalised to their sum)'),
        value: last.split && last.split !== 'none' ? last.split : '0.8,0.1,0.1',
        validateInput: (v) => {
          const r = parseSplitRatios(v);
          return typeof r === 'string' ? r : undefined;
        },
        ignoreFocusOut: true,
      });
      if (text === undefined) return 'dismissed';
      ratios = parseSplitRatios(text) as number[];
    } else ratios = [0.8, 0.1, 0.1];
    const seedText = await vscode.window.showInputBox({
      title: vscode.l10n.t('Export Dataset: split seed'),
      prompt: vscode.l10n.t('An integer; the same seed gives the same split of the same articles.'),
      value: String(last.seed ?? 1),
      validateInput: (v) => (/^\s*-?\d+\s*$/.test(v) && Number.isSafeInteger(Number(v)) ? undefined : vscode.l10n.t('The seed must be an integer.')),
      ignoreFocusOut: true,
    });
    if (seedText === undefined) return 'dismissed';
    return { ratios, seed: Number(seedText) };
  }

  private report(s: ExportSummary, elapsedMs: number, quiet: boolean): void {
    const tags = Object.values(s.tagsPerLabel).reduce((a, b) => a + b, 0);
    const suggestions = Object.values(s.suggestionsPerLabel).reduce((a, b) => a + b, 0);
    const splits = Object.entries(s.documentsPerSplit).map(([k, v]) => `${k} ${v}`).join(', ');
    this.output.info(`Exported ${s.documents} documents as ${s.format} to ${s.outDir} in ${(elapsedMs / 1000).toFixed(2)} s${splits ? ` (${splits})` : ''}`);
    this.output.info(`Tags per label: ${countsText(s.tagsPerLabel)}`);
    if (suggestions) this.output.info(`Suggestions per label: ${countsText(s.suggestionsPerLabel)}`);
    this.output.info(`Files written: ${s.filesWritten.length}`);
    for (const f of s.filesWritten) this.output.info(`  ${f}`);
    if (s.warnings.length) this.output.warn(`Warnings: ${s.warnings.length} (listed above)`);
    if (quiet) return;
    let message = vscode.l10n.t('Exported {0} documents ({1}): {2} tags — {3}. {4} files written.', s.documents, splits || s.format, tags, countsText(s.tagsPerLabel), s.filesWritten.length);
    if (suggestions) message += ' ' + vscode.l10n.t('Unreviewed suggestions: {0}.', suggestions);
    if (s.warnings.length) message += ' ' + vscode.l10n.t('{0} warnings (see the output).', s.warnings.length);
    const reveal = vscode.l10n.t('Reveal Output Folder');
    const details = vscode.l10n.t('Show Details');
    void vscode.window.showInformationMessage(message, reveal, details).then((choice) => {
      if (choice === reveal) void revealFolder(s.outDir);
      else if (choice === details) this.output.show(true);
    });
  }
}

/** <workspace folder>/export, or export/ beside the article or inside the folder. */
function defaultOutDir(firstPath: string): string {
  const folder = workspaceFolderOf(firstPath);
  return path.join(folder ?? (isArticlePath(firstPath) ? path.dirname(firstPath) : firstPath), 'export');
}

/** The scope picker: reviewed / tagged / all, each with its count; the last choice first. */
async function pickDocuments(counts: ExportCountsResult, last: DocumentScope | undefined): Promise<DocumentScope | undefined> {
  const items: (vscode.QuickPickItem & { value: DocumentScope })[] = [
    {
      label: vscode.l10n.t('Reviewed articles only'), value: 'reviewed',
      description: vscode.l10n.t('{0} of {1} articles', counts.reviewed, counts.all),
      detail: vscode.l10n.t('Articles marked reviewed (Mark File as Reviewed).'),
    },
    {
      label: vscode.l10n.t('Tagged articles only'), value: 'tagged',
      description: vscode.l10n.t('{0} of {1} articles', counts.tagged, counts.all),
      detail: vscode.l10n.t('Articles with at least one confirmed tag.'),
    },
    {
      label: vscode.l10n.t('All articles'), value: 'all',
      description: vscode.l10n.t('{0} articles', counts.all),
      detail: vscode.l10n.t('{0} untagged articles are exported as documents with no entities (all O).', counts.all - counts.tagged),
    },
  ];
  const first = items.findIndex((i) => i.value === last);
  if (first > 0) items.unshift(...items.splice(first, 1));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Dataset: reviewed, tagged or all articles'), ignoreFocusOut: true });
  return picked?.value;
}

/** Shows a folder in the Explorer when it is in the workspace, otherwise in the system's file manager. */
export async function revealFolder(folder: string): Promise<void> {
  const uri = vscode.Uri.file(folder);
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  } else await vscode.commands.executeCommand('revealFileInOS', uri);
}
