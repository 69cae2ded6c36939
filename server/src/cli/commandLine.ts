// What every `news-annotator` command does the same way: parse its options (with -h/--help), report usage errors
// (exit code 2), read an article file with a clear message, and write to a stream honouring backpressure.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, ParseArgsConfig } from 'util';
import { SPAN_VALUE_KEYS, Span } from '../core/types';
import { DecodeError, decodeFile } from '../core/textDecoding';
import { DocumentDateStore } from '../core/documentDateStore';
import { checkDocumentDate } from '../core/documentDateFormat';
import { findWorkspaceModel } from '../learning/modelStore';

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends ParseArgsOptions> = O & { help: { type: 'boolean'; short: 'h'; default: false } };
/** parseArgs' result for a command's options plus -h/--help, positionals allowed. */
export type ParsedCommandLine<O extends ParseArgsOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: WithHelp<O> }>
>;

export class CommandLine {
  /**
   * @param name the command's name, as typed after `news-annotator`
   * @param help the text printed by --help
   * @param usageHint what follows a usage error: the whole help text, or a pointer to --help
   */
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly usageHint: 'help' | 'pointer',
  ) {}

  /**
   * Parses argv with the given options plus -h/--help. Returns the exit code instead when the command is done:
   * 0 after printing the help, 2 after reporting an option parseArgs refused.
   */
  parse<O extends ParseArgsOptions>(argv: string[], options: O): ParsedCommandLine<O> | number {
    let parsed: ParsedCommandLine<O>;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { ...options, help: { type: 'boolean', short: 'h', default: false } } as WithHelp<O>,
      });
    } catch (err) {
      return this.usageError((err as Error).message);
    }
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(this.help + '\n');
      return 0;
    }
    return parsed;
  }

  /** Reports a usage error on stderr and returns exit code 2. */
  usageError(message: string): number {
    const hint = this.usageHint === 'help' ? `\n${this.help}` : `Run 'news-annotator ${this.name} --help' for usage.`;
    process.stderr.write(`news-annotator ${this.name}: ${message}\n${hint}\n`);
    return 2;
  }
}

/**
 * The text of an article file, decoded (UTF-8, GB18030/GBK, Big5), or undefined after a clear message on stderr
 * when it cannot be read or decoded.
 */
export function readArticle(file: string): string | undefined {
  try {
    return decodeFile(fs.readFileSync(file), file).text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not an article file (give the files in it)' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    const message = err instanceof DecodeError ? err.message : `${file}: ${reason}`;
    process.stderr.write(`news-annotator: ${message}\n`);
    return undefined;
  }
}

const dateStore = new DocumentDateStore();

/**
 * The date chosen for a file with the editor's "Set Document Date for This File", from the nearest
 * `.news-annotator/document-dates.json` above it; the document-date policy (core/documentDate.ts) puts it before
 * --dct, as in the editor. An unreadable store is reported on stderr and ignored.
 */
export function storedDocumentDate(file: string): string | undefined {
  try {
    return dateStore.lookup(file);
  } catch (err) {
    process.stderr.write(`news-annotator: ${(err as Error).message} (ignored for ${file})\n`);
    return undefined;
  }
}

/** The usage error for a --dct value (the one document-date validator), or undefined when it is valid or absent. */
export function dctProblem(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const check = checkDocumentDate(value);
  return check.ok ? undefined : `--dct: ${check.message}`;
}

/** Writes a chunk, resolving once the stream can take more (backpressure); rejects on a write error. */
export function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

/** The span fields the CLI prints, in a stable order, without undefined values. */
export function compactSpan(s: Span): Record<string, unknown> {
  const o: Record<string, unknown> = { start: s.start, end: s.end, label: s.label, text: s.text };
  for (const key of SPAN_VALUE_KEYS) {
    if (s[key] !== undefined) o[key] = s[key];
  }
  return o;
}

/**
 * A folder's own entity model (`news-annotator train --from DIR`, or the editor's update) applies to the files in it:
 * unless $NEWS_ANNOTATOR_NER_MODEL says otherwise, the nearest one above the first file is used, by this thread and
 * the worker threads (they inherit the environment). Said on stderr.
 */
export function useWorkspaceModel(command: string, file: string): void {
  if (process.env.NEWS_ANNOTATOR_NER_MODEL) return;
  const found = findWorkspaceModel(file);
  if (!found) return;
  process.env.NEWS_ANNOTATOR_NER_MODEL = found;
  process.stderr.write(`news-annotator ${command}: using the folder's own entity model ${found}\n`);
}
