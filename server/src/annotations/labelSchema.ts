// The label schema: which labels can be tagged, their colour, their key and whether they may overlap other tags.
// Read from `.news-annotator/schema.json` in the workspace; the default is the guidelines' label set.
// An invalid schema file is reported (with positions, for diagnostics) and the default stays in force.
import { LABEL_TABLE } from '../core/labels';

export interface LabelDefinition {
  name: string;
  /** CSS colour: #rgb, #rrggbb or #rrggbbaa. */
  color: string;
  /** One character typed in the label picker (and shown next to the label). */
  key: string;
  /** Whether tags of this label may overlap other tags (both labels must allow it). */
  mayOverlap: boolean;
}

export interface LabelSchema {
  labels: LabelDefinition[];
  /** Where the schema came from: 'default' or the schema file's path. */
  source: string;
}

export interface SchemaProblem {
  /** English text. */
  message: string;
  /** The same as a template with {0}-style arguments, for localisation. */
  template: string;
  args: (string | number)[];
  /** UTF-16 offset range in the schema file text where the problem is. */
  start: number;
  end: number;
}

/** Relative path of the schema file inside a workspace folder. */
export const SCHEMA_FILE = '.news-annotator/schema.json';

/**
 * The guidelines' labels with the label table's colours and keys. (The colours are hues about 30° apart, HSL
 * saturation 80 %, lightness 45 %; the editor moves each one's lightness until its text reaches 4.5:1 on the
 * default light, dark and high-contrast backgrounds: client/src/tagging/labelColours.ts.)
 */
export function defaultSchema(): LabelSchema {
  return {
    source: 'default',
    labels: LABEL_TABLE.map((row) => ({ name: row.label, color: row.colour, key: row.key, mayOverlap: false })),
  };
}

/** Colour used for labels found in an .ann file but missing from the schema. */
export const UNKNOWN_LABEL_COLOUR = '#888888';

const COLOUR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_\-]*$/;

/**
 * Parses and validates a schema file's text. On any problem the result's schema is the default
 * (a half-valid schema would silently change what users tag) and the problems say what to fix.
 */
export function parseSchema(text: string, source: string): { schema: LabelSchema; problems: SchemaProblem[] } {
  const fallback = { schema: defaultSchema(), problems: [] as SchemaProblem[] };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    const msg = (err as Error).message.replace(/, "[\s\S]*" is not valid JSON$/, '');
    const at = jsonErrorOffset(text);
    const template = 'Invalid JSON: {0}. The default labels are used until this is fixed.';
    fallback.problems.push({ message: fill(template, [msg]), template, args: [msg], start: at, end: at + 1 });
    return fallback;
  }
  const problems: SchemaProblem[] = [];
  const locate = (needle: string | undefined, from = 0): { start: number; end: number } => {
    if (needle !== undefined) {
      const i = text.indexOf(needle, from);
      if (i >= 0) return { start: i, end: i + needle.length };
    }
    return { start: 0, end: 1 };
  };
  const problem = (template: string, args: (string | number)[], where: { start: number; end: number }) => {
    template += ' The default labels are used until this is fixed.';
    problems.push({ message: fill(template, args), template, args, ...where });
  };

  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problem('The schema must be an object with a "labels" array.', [], { start: 0, end: 1 });
  } else {
    const root = json as Record<string, unknown>;
    for (const k of Object.keys(root)) {
      if (k !== 'labels' && k !== '$schema') problem('Unknown property "{0}".', [k], locate(`"${k}"`));
    }
    const labels = root.labels;
    if (!Array.isArray(labels) || labels.length === 0) {
      problem('"labels" must be a non-empty array of labels.', [], locate('"labels"'));
    } else {
      const names = new Set<string>();
      const keys = new Map<string, string>();
      let cursor = locate('"labels"').start;
      labels.forEach((l, i) => {
        const here = typeof l === 'object' && l && typeof (l as any).name === 'string'
          ? locate(JSON.stringify((l as any).name), cursor)
          : locate('{', cursor);
        cursor = here.end;
        const where = `labels[${i}]`;
        if (typeof l !== 'object' || l === null || Array.isArray(l)) {
          problem('{0} must be an object with "name" and "color".', [where], here);
          return;
        }
        const d = l as Record<string, unknown>;
        for (const k of Object.keys(d)) {
          if (!['name', 'color', 'key', 'mayOverlap', 'description'].includes(k)) {
            problem('{0}: unknown property "{1}".', [where, k], here);
          }
        }
        if (typeof d.name !== 'string' || !NAME_RE.test(d.name)) {
          problem('{0}: "name" must be a label name of letters, digits, "_" or "-" (brat type names).', [where], here);
        } else if (names.has(d.name)) {
          problem('{0}: label "{1}" appears twice.', [where, d.name], here);
        } else names.add(d.name);
        if (typeof d.color !== 'string' || !COLOUR_PATTERN.test(d.color)) {
          problem('{0}: "color" must be a colour like "#4363d8".', [where], here);
        }
        if (d.key !== undefined) {
          if (typeof d.key !== 'string' || [...d.key].length !== 1 || /\s/.test(d.key)) {
            problem('{0}: "key" must be a single character.', [where], here);
          } else if (keys.has(d.key)) {
            problem('{0}: key "{1}" is already used by {2}.', [where, d.key, keys.get(d.key)!], here);
          } else keys.set(d.key, String(d.name));
        }
        if (d.mayOverlap !== undefined && typeof d.mayOverlap !== 'boolean') {
          problem('{0}: "mayOverlap" must be true or false.', [where], here);
        }
      });
    }
  }
  if (problems.length) {
    return { schema: defaultSchema(), problems };
  }
  const labels = ((json as any).labels as any[]).map((d) => ({
    name: d.name as string,
    color: d.color as string,
    key: (d.key as string | undefined) ?? '',
    mayOverlap: d.mayOverlap === true,
  }));
  return { schema: { source, labels }, problems };
}

function fill(template: string, args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

export function findLabel(schema: LabelSchema, name: string): LabelDefinition | undefined {
  return schema.labels.find((l) => l.name === name);
}

/** Offset of the first JSON syntax error in a text (JSON.parse's messages do not always say where). */
export function jsonErrorOffset(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : 0;
  } catch (at) {
    return Math.min(at as number, Math.max(0, text.length - 1));
  }
}
