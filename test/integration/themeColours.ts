// Resolves which foreground colour a VS Code colour theme gives a TextMate scope, the way semanticTokenScopes
// fall back to TextMate rules. Used by the integration suite (on the host's own theme files) and runnable by hand:
//   node --import tsx test/integration/themeColours.ts <vscode appRoot>
import * as fs from 'fs';
import * as path from 'path';

interface ThemeRule {
  scope?: string | string[];
  settings?: { foreground?: string };
}

interface ThemeFile {
  include?: string;
  tokenColors?: ThemeRule[] | string;
}

function stripJsonComments(text: string): string {
  // Theme files are JSONC: drop // and /* */ comments outside strings, and trailing commas.
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) break;
    } else out += c;
  }
  return out.replace(/,(\s*[\]}])/g, '$1');
}

/** The theme's token rules, its includes first (later rules override earlier ones). */
export function loadThemeRules(file: string): ThemeRule[] {
  const theme = JSON.parse(stripJsonComments(fs.readFileSync(file, 'utf8'))) as ThemeFile;
  const base = theme.include ? loadThemeRules(path.resolve(path.dirname(file), theme.include)) : [];
  let own: ThemeRule[] = [];
  if (Array.isArray(theme.tokenColors)) own = theme.tokenColors;
  else if (typeof theme.tokenColors === 'string') own = loadThemeRules(path.resolve(path.dirname(file), theme.tokenColors));
  return [...base, ...own];
}

/**
 * The foreground of a single scope such as "entity.name.function": the rule whose selector is the longest dot-prefix
 * of the scope wins, later rules win ties. Selectors with parent scopes ("meta.x entity.y") never match a lone scope.
 */
export function foregroundOf(rules: ThemeRule[], scope: string): string | undefined {
  let best: { length: number; colour: string } | undefined;
  for (const rule of rules) {
    const colour = rule.settings?.foreground;
    if (!colour || rule.scope === undefined) continue;
    const selectors = (Array.isArray(rule.scope) ? rule.scope : rule.scope.split(',')).map((s) => s.trim());
    for (const sel of selectors) {
      if (!sel || sel.includes(' ')) continue;
      if (scope === sel || scope.startsWith(sel + '.')) {
        if (!best || sel.length >= best.length) best = { length: sel.length, colour: colour.toLowerCase() };
      }
    }
  }
  return best?.colour;
}

/** For each token type, the colour of the first of its fallback scopes the theme colours. */
export function coloursForTokenTypes(
  rules: ThemeRule[],
  scopes: Record<string, string[]>,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [type, list] of Object.entries(scopes)) {
    result[type] = list.map((s) => foregroundOf(rules, s)).find((c) => c !== undefined);
  }
  return result;
}

export const DEFAULT_THEMES = ['light_plus.json', 'dark_plus.json', 'light_modern.json', 'dark_modern.json', '2026-light.json', '2026-dark.json'];

if (require.main === module) {
  const appRoot = process.argv[2];
  if (!appRoot) {
    console.error('usage: node --import tsx test/integration/themeColours.ts <vscode appRoot>');
    process.exit(2);
  }
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
  const scopes: Record<string, string[]> = manifest.contributes.semanticTokenScopes[0].scopes;
  for (const name of DEFAULT_THEMES) {
    const file = path.join(appRoot, 'extensions', 'theme-defaults', 'themes', name);
    if (!fs.existsSync(file)) continue;
    const colours = coloursForTokenTypes(loadThemeRules(file), scopes);
    const distinct = new Set(Object.values(colours)).size;
    console.log(`${name}: ${distinct}/${Object.keys(colours).length} distinct`, JSON.stringify(colours));
  }
}
