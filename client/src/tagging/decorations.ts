// Paints tags and suggestions in article editors, in one colour per label (labelColours.ts: the schema's colour at
// a lightness readable on the theme's background) used for the text and for its label:
//   - a confirmed tag: its text in the label colour on a light tint of it, with a solid outline;
//   - a machine suggestion: its text in the label colour with a dotted underline, no tint and no outline.
// Outlines and underlines take no room, so the decorations never change a line's width. Labels written in the text
// (setting newsAnnotator.labels.display: "colour" = none, "confirmed" = after confirmed tags, "all" = after every
// span, suggestions as "LABEL?") are inlay hints: VS Code lays them out with the text and wraps lines around them,
// so a label never pushes text past the right edge.
import * as vscode from 'vscode';
import type { TaggingState, WireRange } from '../../../server/src/lsp/protocol';
import type { TaggingClient } from './taggingClient';
import { CONFIRMED_TINT_ALPHA, labelShades } from './labelColours';
import { ARTICLE_LANGUAGE } from '../articleFiles';

type Kind = 'confirmed' | 'suggestion';
export type LabelDisplay = 'colour' | 'confirmed' | 'all';

const UNKNOWN_COLOUR = '#888888';

export function toRange(r: WireRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** #rgb / #rrggbb / #rrggbbaa → #rrggbb + alpha hex. */
function withAlpha(color: string, alpha: number): string {
  let c = color.replace('#', '');
  if (c.length === 3) c = c.split('').map((x) => x + x).join('');
  return `#${c.slice(0, 6)}${alpha.toString(16).padStart(2, '0')}`;
}

/** The label display mode of a document (or the workspace default). */
export function labelDisplay(scope?: vscode.ConfigurationScope): LabelDisplay {
  const value = vscode.workspace.getConfiguration('newsAnnotator', scope).get<string>('labels.display', 'colour');
  return value === 'confirmed' || value === 'all' ? value : 'colour';
}

/** The command "Choose Label Display…": colour only / labels on confirmed tags / all labels (user setting). */
export async function chooseLabelDisplay(mode?: LabelDisplay): Promise<LabelDisplay | undefined> {
  if (!mode) {
    const current = labelDisplay(vscode.window.activeTextEditor?.document.uri);
    const items: (vscode.QuickPickItem & { value: LabelDisplay })[] = [
      { label: vscode.l10n.t('Colour only'), value: 'colour', detail: vscode.l10n.t('No label names in the text; hover a span to see its label.') },
      { label: vscode.l10n.t('Labels on confirmed tags'), value: 'confirmed', detail: vscode.l10n.t('The label name after each confirmed tag.') },
      { label: vscode.l10n.t('All labels'), value: 'all', detail: vscode.l10n.t('The label name after every tag and suggestion (suggestions as LABEL?).') },
    ];
    for (const i of items) if (i.value === current) i.description = vscode.l10n.t('current');
    mode = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('How tags and suggestions are shown') }))?.value;
    if (!mode) return undefined;
  }
  await vscode.workspace.getConfiguration('newsAnnotator').update('labels.display', mode, vscode.ConfigurationTarget.Global);
  return mode;
}

/** The decoration options of one kind and label colour, per theme kind (high-contrast themes use the same shades). */
export function decorationOptions(kind: Kind, color: string): vscode.DecorationRenderOptions {
  const shades = labelShades(color);
  const themed = (shade: string): vscode.ThemableDecorationRenderOptions =>
    kind === 'confirmed'
      ? { color: shade, backgroundColor: withAlpha(shade, CONFIRMED_TINT_ALPHA), outline: `1px solid ${shade}` }
      : { color: shade, textDecoration: `underline dotted ${shade} 2px; text-underline-offset: 3px` };
  return {
    light: themed(shades.light),
    dark: themed(shades.dark),
    borderRadius: kind === 'confirmed' ? '2px' : undefined,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
}

export class TagDecorations implements vscode.Disposable, vscode.InlayHintsProvider {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Ranges last painted per editor document and decoration key (for the tests and the benchmark). */
  readonly painted = new Map<string, Map<string, vscode.Range[]>>();
  private readonly paintedEmitter = new vscode.EventEmitter<{ uri: string; version: number }>();
  readonly onDidPaint = this.paintedEmitter.event;
  private readonly hintsEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsEmitter.event;

  constructor(private readonly tagging: TaggingClient) {
    this.disposables.push(
      tagging.onDidChangeState((state) => {
        this.paintState(state);
        this.hintsEmitter.fire();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsAnnotator.labels.display')) this.hintsEmitter.fire();
      }),
      vscode.languages.registerInlayHintsProvider({ language: ARTICLE_LANGUAGE }, this),
      this.paintedEmitter,
      this.hintsEmitter,
    );
  }

  private type(kind: Kind, color: string): vscode.TextEditorDecorationType {
    const key = `${kind}|${color}`;
    let t = this.types.get(key);
    if (!t) {
      t = vscode.window.createTextEditorDecorationType(decorationOptions(kind, color));
      this.types.set(key, t);
    }
    return t;
  }

  paintAll(): void {
    for (const state of this.tagging.all()) this.paintState(state);
  }

  /** Paints one article's state in every visible editor showing it. */
  paintState(state: TaggingState): void {
    const colors = new Map(state.labels.map((l) => [l.name, l.color]));
    const byType = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    const keyed = new Map<string, vscode.Range[]>();
    // every known type gets a (possibly empty) list, so removed tags disappear
    for (const t of this.types.values()) byType.set(t, []);
    const add = (kind: Kind, label: string, range: WireRange) => {
      const t = this.type(kind, colors.get(label) ?? UNKNOWN_COLOUR);
      const r = toRange(range);
      if (!byType.has(t)) byType.set(t, []);
      byType.get(t)!.push(r);
      const k = `${kind}|${label}`;
      if (!keyed.has(k)) keyed.set(k, []);
      keyed.get(k)!.push(r);
    };
    for (const tag of state.tags) add('confirmed', tag.label, tag.range);
    for (const s of state.suggestions) add('suggestion', s.label, s.range);
    let any = false;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== state.uri) continue;
      for (const [t, ranges] of byType) editor.setDecorations(t, ranges);
      any = true;
    }
    this.painted.set(state.uri, keyed);
    if (any) this.paintedEmitter.fire({ uri: state.uri, version: state.version });
  }

  /** The labels written after spans, as inlay hints (laid out and wrapped with the text). */
  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const mode = labelDisplay(document.uri);
    const state = this.tagging.get(document.uri);
    if (mode === 'colour' || !state) return [];
    const hints: vscode.InlayHint[] = [];
    const add = (label: string, wire: WireRange, suggestion: boolean) => {
      const r = toRange(wire);
      if (!range.contains(r.end)) return;
      const hint = new vscode.InlayHint(r.end, suggestion ? `${label}?` : label);
      hint.paddingLeft = true;
      hint.tooltip = suggestion
        ? vscode.l10n.t('Suggestion: {0} (not confirmed)', label)
        : vscode.l10n.t('Tag: {0} (confirmed)', label);
      hints.push(hint);
    };
    for (const tag of state.tags) add(tag.label, tag.range, false);
    if (mode === 'all') for (const s of state.suggestions) add(s.label, s.range, true);
    return hints;
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
