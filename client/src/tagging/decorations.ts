// Paints tags and suggestions in article editors: a confirmed tag has a solid background in its label's colour,
// a machine suggestion a dotted underline in that colour; both show their label right after the span.
import * as vscode from 'vscode';
import type { TaggingState, WireRange } from '../../../server/src/annotations/taggingProtocol';
import type { TaggingClient } from './taggingClient';

type Kind = 'confirmed' | 'suggestion';

const UNKNOWN_COLOR = '#888888';

export function toRange(r: WireRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** #rgb / #rrggbb / #rrggbbaa → #rrggbb + alpha hex. */
function withAlpha(color: string, alpha: string): string {
  let c = color.replace('#', '');
  if (c.length === 3) c = c.split('').map((x) => x + x).join('');
  return `#${c.slice(0, 6)}${alpha}`;
}

export class TagDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Ranges last painted per editor document and decoration key (for the tests and the benchmark). */
  readonly painted = new Map<string, Map<string, vscode.Range[]>>();
  private readonly paintedEmitter = new vscode.EventEmitter<{ uri: string; version: number }>();
  readonly onDidPaint = this.paintedEmitter.event;

  constructor(private readonly tagging: TaggingClient) {
    this.disposables.push(
      tagging.onDidChangeState((state) => this.paintState(state)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
      this.paintedEmitter,
    );
  }

  private type(kind: Kind, label: string, color: string): vscode.TextEditorDecorationType {
    const key = `${kind}|${label}|${color}`;
    let t = this.types.get(key);
    if (!t) {
      const after: vscode.ThemableDecorationAttachmentRenderOptions = {
        contentText: label,
        color: kind === 'confirmed' ? color : withAlpha(color, 'b0'),
        fontStyle: kind === 'suggestion' ? 'italic' : 'normal',
        margin: '0 0.3em 0 0.15em',
        textDecoration: 'none; font-size: 0.7em; vertical-align: super',
      };
      t = vscode.window.createTextEditorDecorationType(
        kind === 'confirmed'
          ? {
              backgroundColor: withAlpha(color, '40'),
              border: `1px solid ${withAlpha(color, 'a0')}`,
              borderRadius: '2px',
              after,
              rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
            }
          : {
              textDecoration: `underline dotted ${color} 2px`,
              after,
              rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
            },
      );
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
      const color = colors.get(label) ?? UNKNOWN_COLOR;
      const t = this.type(kind, label, color);
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

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
