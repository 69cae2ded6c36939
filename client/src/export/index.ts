// Export and import of labelled datasets from the editor: the commands newsAnnotator.exportDataset,
// newsAnnotator.importDataset and newsAnnotator.cancelDatasetJob. The language server does the work
// (server/src/lsp/export.ts, the same code as `news-annotator export|import`).
import * as vscode from 'vscode';
import type { ClientSource } from '../tagging';
import { DatasetJobs } from './datasetJobs';
import { ExportCommand, ExportCommandOptions } from './exportCommand';
import { ImportCommand, ImportCommandOptions } from './importCommand';

export type { ExportCommandOptions, ExportCommandResult } from './exportCommand';
export type { ImportCommandOptions, ImportCommandResult } from './importCommand';

export function activateExport(context: vscode.ExtensionContext, source: ClientSource, output: vscode.LogOutputChannel): void {
  const jobs = new DatasetJobs(source);
  const exporter = new ExportCommand(context, source, jobs, output);
  const importer = new ImportCommand(exporter, jobs, output);
  context.subscriptions.push(
    jobs,
    vscode.commands.registerCommand('newsAnnotator.exportDataset', (arg?: ExportCommandOptions | vscode.Uri, selected?: vscode.Uri[]) =>
      exporter.run(arg, Array.isArray(selected) ? selected : undefined),
    ),
    vscode.commands.registerCommand('newsAnnotator.importDataset', (arg?: ImportCommandOptions | vscode.Uri) => importer.run(arg)),
    // the notification's Cancel button, as a command (keybindings, tests); returns how many jobs were cancelled
    vscode.commands.registerCommand('newsAnnotator.cancelDatasetJob', () => jobs.cancelAll()),
  );
}
