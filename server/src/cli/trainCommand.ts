// `news-annotator train --from DIR`: adapts the entity model to the tags of a folder of annotated articles (the same
// update as the editor's "Update Suggestions from My Tags"), after showing on held-out reviewed documents that it is
// not worse.
import * as fs from 'fs';
import * as path from 'path';
import { formatComparison, updateModelFromWorkspace } from '../learning';
import { DEFAULT_HOLDOUT } from '../learning/updateWorkspaceModel';
import { AdaptMethod, DEFAULT_ADAPT, METHOD_ORDER } from '../learning/adaptModel';
import { MODEL_DIR } from '../learning/modelStore';
import { CommandLine, write } from './commandLine';

const HELP = `Usage:
  news-annotator train --from DIR [--out MODEL] [--base MODEL] [--holdout SHARE] [--force] [--method words|all] [--epochs N] [--json]

Adapts the entity model (PER / LOC / ORG) to the decisions stored in DIR: tags in .ann files (in documents marked
reviewed: every name is tagged; in others: the tagged spans only), and suggestions rejected in the review sidecars
(that span is not that label). Part of the reviewed documents is held out (whole documents, the same ones every
run); the model in use and the new one are scored on them, per label, and a new model that is worse is refused.
Two ways of adapting are trained, and the one with the higher F1 on the held-out documents is kept: words (a
correction of the word and character features only) and all (training of every feature and the tag transitions
continued from the model's weights; better when the folder's news differs from what the model was trained on).

Options:
  --from DIR        the folder of articles (.txt/.news with .ann and .review.json beside them)
  --out MODEL       write the new model to this file; without it the model is stored in DIR/${MODEL_DIR}/ner.bin
                    (used by the editor and the CLI for that folder from then on; the one it replaces is kept:
                    go back with --revert)
  --base MODEL      the model to adapt (default: the shipped model, or $NEWS_ANNOTATOR_NER_MODEL)
  --holdout SHARE   share of the reviewed documents held out for the comparison (default ${DEFAULT_HOLDOUT})
  --force           keep the new model even when it is worse or nothing can be held out
  --method M        only this way of adapting: words or all (default: both, the better one on the held-out documents)
  --epochs N        passes over the documents (default ${DEFAULT_ADAPT.epochs})
  --revert          go back to the model DIR used before its last update (no training)
  --json            print the result as JSON on stdout
  -h, --help        this help

Progress goes to stderr. Exit code: 0 when a model was stored, 1 when it was refused (the reason is printed),
2 on bad input.`;

const command = new CommandLine('train', HELP, 'pointer');

export async function run(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, {
    from: { type: 'string' },
    out: { type: 'string' },
    base: { type: 'string' },
    holdout: { type: 'string' },
    force: { type: 'boolean', default: false },
    epochs: { type: 'string' },
    method: { type: 'string' },
    revert: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length) return command.usageError(`unexpected argument '${positionals[0]}' (give the folder with --from)`);
  if (!values.from) return command.usageError('give the folder of annotated articles with --from DIR');
  const root = path.resolve(values.from);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) return command.usageError(`--from: ${values.from} is not a folder`);
  if (values.revert) {
    const { revertWorkspaceModel, workspaceModelInfo } = await import('../learning');
    if (!(await revertWorkspaceModel(root))) {
      process.stderr.write(`news-annotator train: ${values.from} has no model of its own to go back from\n`);
      return 1;
    }
    const info = workspaceModelInfo(root);
    process.stderr.write(info ? `now using ${info.path} (made ${info.createdAt}, ${info.tagsLearned} tags)\n` : 'now using the shipped model\n');
    return 0;
  }
  let holdoutFraction: number | undefined;
  if (values.holdout !== undefined) {
    holdoutFraction = Number(values.holdout);
    if (!(holdoutFraction >= 0 && holdoutFraction < 1)) return command.usageError(`--holdout takes a share from 0 to less than 1, got '${values.holdout}'`);
  }
  let epochs: number | undefined;
  if (values.epochs !== undefined) {
    epochs = Number(values.epochs);
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100) return command.usageError(`--epochs takes a whole number from 1 to 100, got '${values.epochs}'`);
  }
  const method = values.method as AdaptMethod | undefined;
  if (method !== undefined && !METHOD_ORDER.includes(method)) return command.usageError(`--method takes ${METHOD_ORDER.join(' or ')}, got '${values.method}'`);
  const out = values.out ? path.resolve(values.out) : undefined;
  if (out && (!fs.existsSync(path.dirname(out)) || (fs.existsSync(out) && fs.statSync(out).isDirectory()))) {
    return command.usageError(`--out: ${values.out} must be a file in an existing folder`);
  }
  const base = values.base ? path.resolve(values.base) : undefined;
  if (base && !fs.existsSync(base)) return command.usageError(`--base: no such model file ${values.base}`);

  let lastStage = '';
  const tty = process.stderr.isTTY;
  const started = process.cpuUsage();
  let result;
  try {
    result = await updateModelFromWorkspace({
      root, baseModel: base, holdoutFraction, force: values.force, out, epochs, method, inThread: true,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${p.stage}: ${p.done}/${p.total}   `);
        else if (p.stage !== lastStage) process.stderr.write(`${p.stage}…\n`);
        lastStage = p.stage;
      },
    });
  } catch (err) {
    if (tty) process.stderr.write('\n');
    process.stderr.write(`news-annotator train: ${(err as Error).message}\n`);
    return 2;
  }
  if (tty) process.stderr.write('\n');
  const cpu = process.cpuUsage(started);
  for (const p of result.problems) process.stderr.write(`news-annotator train: ${p.file}: ${p.message}\n`);
  if (values.json) {
    await write(process.stdout, JSON.stringify(result, null, 2) + '\n');
  } else {
    const lines = [
      `learned from ${result.tagsLearned} tags and ${result.rejectionsLearned} rejected suggestions in ${result.documentsLearned} documents; ` +
        `${result.heldOutDocuments} reviewed document(s) held out`,
    ];
    const tried = Object.entries(result.methodF1 ?? {});
    if (result.method) lines.push(`adapted by: ${result.method}` + (tried.length > 1 ? ` (held-out F1 ${tried.map(([m, f]) => `${m} ${(100 * f!).toFixed(1)}`).join(', ')})` : ''));
    if (result.before.length) lines.push('held-out scores (model in use → new model):', formatComparison(result.before, result.after));
    lines.push(result.accepted ? `stored ${result.modelPath}` : `not stored: ${result.reason}`);
    if (result.accepted && result.reason) lines.push(`note: ${result.reason}`);
    lines.push(`${result.seconds.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    await write(process.stdout, lines.join('\n') + '\n');
  }
  return result.accepted ? 0 : 1;
}
