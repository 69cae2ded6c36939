// The command "Import Dataset…" (newsAnnotator.importDataset): pick the format, the exported files or folders and
// the article folder to merge into; the import runs on the language server under a cancellable progress
// notification. Tags already present are not duplicated; conflicts and malformed input lines (with line numbers) are
// listed in the output channel. Open articles pick up their new tags from the rewritten .ann files.
//
// Options object (skips the pickers it answers):
//   { "format": "doccano", "inputs": ["/data/out/all.jsonl"], "into": "/work/corpus", "includeSuggestions": false }
import * as vscode from 'vscode';
import type { ImportSummary } from '../../../server/src/lsp/protocol';
import { ImportParams, ImportRequest, ImportResult } from '../../../server/src/lsp/protocol';
import { DatasetJobs, JobCancelled } from './datasetJobs';
import { ExportCommand } from './exportCommand';
import { countsText, errorMessage, saveUnsavedArticles, toFsPath } from './shared';

export interface ImportCommandOptions {
  format?: string;
  /** Exported files or folders holding them (paths or file URIs). */
  inputs?: (string | vscode.Uri)[];
  /** The article folder to merge into. */
  into?: string | vscode.Uri;
  /** Import spans marked as unreviewed suggestions as tags too (default: skipped and counted). */
  includeSuggestions?: boolean;
  /** Save unsaved articles in the target folder without asking. */
  saveUnsaved?: boolean;
  quiet?: boolean;
}

export interface ImportCommandResult {
  status: 'imported' | 'cancelled' | 'failed' | 'dismissed';
  summary?: ImportSummary;
  done?: number;
  problems?: string[];
  elapsedMs?: number;
  message?: string;
}

export class ImportCommand {
  constructor(
    private readonly exporter: ExportCommand,
    private readonly jobs: DatasetJobs,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async run(arg?: ImportCommandOptions | vscode.Uri): Promise<ImportCommandResult> {
    const options: ImportCommandOptions = arg instanceof vscode.Uri ? { inputs: [arg] } : { ...(arg ?? {}) };
    try {
      return await this.runWith(options);
    } catch (err) {
      if (err instanceof JobCancelled) return { status: 'cancelled', done: 0 };
      const message = errorMessage(err);
      this.output.error(`Import failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Import failed: {0}', message));
      return { status: 'failed', message };
    }
  }

  private async runWith(options: ImportCommandOptions): Promise<ImportCommandResult> {
    let format = options.format;
    if (!format) {
      const known = await this.exporter.formats();
      const picked = await vscode.window.showQuickPick(known.map((f) => ({ label: f.name, detail: f.description })), {
        title: vscode.l10n.t('Import Dataset: format'), ignoreFocusOut: true,
      });
      if (!picked) return { status: 'dismissed' };
      format = picked.label;
    }
    let inputs = options.inputs?.map(toFsPath);
    if (!inputs?.length) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: true, canSelectFolders: true, canSelectMany: true, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: vscode.l10n.t('Import'), title: vscode.l10n.t('Import Dataset: exported files or folders ({0})', format),
      });
      if (!picked?.length) return { status: 'dismissed' };
      inputs = picked.map((u) => u.fsPath);
    }
    let into = options.into === undefined ? undefined : toFsPath(options.into);
    if (!into) {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      const picked = await vscode.window.showQuickPick(
        [
          ...folders.map((f) => ({ label: f.uri.fsPath, description: f.name, choose: false })),
          { label: vscode.l10n.t('Choose a folder…'), description: '', choose: true },
        ],
        { title: vscode.l10n.t('Import Dataset: article folder to merge the tags into'), ignoreFocusOut: true },
      );
      if (!picked) return { status: 'dismissed' };
      if (picked.choose) {
        const chosen = await vscode.window.showOpenDialog({
          canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: folders[0]?.uri,
          openLabel: vscode.l10n.t('Import Here'), title: vscode.l10n.t('Import Dataset: article folder'),
        });
        if (!chosen?.length) return { status: 'dismissed' };
        into = chosen[0].fsPath;
      } else into = picked.label;
    }
    let includeSuggestions = options.includeSuggestions;
    if (includeSuggestions === undefined) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Tags only'), detail: vscode.l10n.t('Spans the file marks as unreviewed suggestions are skipped and counted.'), value: false },
          { label: vscode.l10n.t('Tags and unreviewed suggestions, as tags'), value: true },
        ],
        { title: vscode.l10n.t('Import Dataset: suggestions'), ignoreFocusOut: true },
      );
      if (!picked) return { status: 'dismissed' };
      includeSuggestions = picked.value;
    }

    if (!(await saveUnsavedArticles([into], options.saveUnsaved === true, 'import'))) return { status: 'dismissed' };

    const params: ImportParams = { format, inputs, intoDir: into, includeSuggestions };
    this.output.info(`Import ${format} from ${inputs.join(', ')} into ${into}${includeSuggestions ? ' with suggestions' : ''}`);
    const result = await this.jobs.run<ImportResult>(vscode.l10n.t('Importing dataset'), ImportRequest, params, (p) =>
      vscode.l10n.t('{0} documents', p.done),
    );
    for (const p of result.problems) this.output.warn(p);
    if (result.cancelled || !result.summary) {
      this.output.info(`Import cancelled after ${result.done} documents; those are kept`);
      if (!options.quiet) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Import cancelled after {0} documents; the tags imported so far are kept.', result.done));
      }
      return { status: 'cancelled', done: result.done, problems: result.problems, elapsedMs: result.elapsedMs };
    }
    this.report(result.summary, result.elapsedMs, options.quiet === true);
    return { status: 'imported', summary: result.summary, done: result.done, problems: result.problems, elapsedMs: result.elapsedMs };
  }

  private report(s: ImportSummary, elapsedMs: number, quiet: boolean): void {
    this.output.info(`Imported ${s.documents} documents (${s.documentsCreated} new articles) in ${(elapsedMs / 1000).toFixed(2)} s, ${s.tagsAdded} tags added`);
    this.output.info(`Tags added per label: ${countsText(s.tagsPerLabel)}`);
    this.output.info(`Already present: ${s.duplicates} tags (values filled in for ${s.valuesAdded})`);
    if (s.suggestionsSkipped) this.output.info(`Suggestions skipped: ${s.suggestionsSkipped}`);
    for (const c of s.conflicts) this.output.warn(`${c.file}: conflict: imported ${c.imported} overlaps existing ${c.existing}; not imported`);
    this.output.info(`Files written: ${s.filesWritten.length}`);
    for (const f of s.filesWritten) this.output.info(`  ${f}`);
    if (quiet) return;
    let message = vscode.l10n.t('Imported {0} documents ({1} new articles): {2} tags added — {3}. {4} already present.', s.documents, s.documentsCreated, s.tagsAdded, countsText(s.tagsPerLabel), s.duplicates);
    if (s.suggestionsSkipped) message += ' ' + vscode.l10n.t('{0} suggestions skipped.', s.suggestionsSkipped);
    const trouble = s.conflicts.length + s.problems.length;
    if (trouble) message += ' ' + vscode.l10n.t('{0} conflicts and {1} problems (see the output).', s.conflicts.length, s.problems.length);
    const details = vscode.l10n.t('Show Details');
    const show = trouble ? vscode.window.showWarningMessage(message, details) : vscode.window.showInformationMessage(message, details);
    void show.then((choice) => {
      if (choice === details) this.output.show(true);
    });
  }
}
