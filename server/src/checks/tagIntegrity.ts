// Tag integrity (the editor's tagging state, not the text's figures): a tag whose text no longer matches, a label not
// in the schema, a suggestion left unreviewed in a file marked reviewed, tags that overlap where the schema forbids
// it. Pure: the stored tags, suggestions, schema labels and review flag in; findings out, each carrying the range
// object its item came with (the client passes LSP ranges), so the caller needs no offset conversion.
import type { Severity } from './types';

export const TAG_RULES = [
  {
    id: 'tag-mismatch',
    defaultSeverity: 'warning',
    description: 'A stored tag whose text no longer matches the article at its offsets (the article was edited outside the editor); Re-anchor Tags moves it to the nearest occurrence of its text.',
    descriptionZh: '已存标注的文本与文章中该位置的文本不再一致（文章在编辑器外被修改）；“重新定位标注”可将其移到最近的同文本处。',
  },
  {
    id: 'tag-label-unknown',
    defaultSeverity: 'warning',
    description: 'A stored tag whose label is not in the label schema in force (.news-annotator/schema.json or the default labels).',
    descriptionZh: '已存标注的标签不在当前标签方案中（.news-annotator/schema.json 或默认标签）。',
  },
  {
    id: 'tag-suggestion-unreviewed',
    defaultSeverity: 'warning',
    description: 'A machine suggestion neither accepted nor rejected in a file marked as reviewed.',
    descriptionZh: '文件已标记为审核完毕，但仍有机器建议既未接受也未拒绝。',
  },
  {
    id: 'tag-overlap',
    defaultSeverity: 'warning',
    description: 'Two stored tags that overlap although the schema does not let both labels overlap ("mayOverlap": true on both).',
    descriptionZh: '两个已存标注相互重叠，而标签方案不允许这两个标签重叠（两者都须设 "mayOverlap": true）。',
  },
] as const satisfies readonly { id: string; defaultSeverity: Severity; description: string; descriptionZh: string }[];

export type TagRuleId = (typeof TAG_RULES)[number]['id'];

export interface TagItem<R> {
  label: string;
  text: string;
  /** Code points, end exclusive (for overlap). */
  start: number;
  end: number;
  range: R;
}

export interface TagIntegrityInput<R> {
  tags: readonly TagItem<R>[];
  /** Tags whose text no longer matches, with the store's message. */
  mismatches: readonly (TagItem<R> & { message?: string })[];
  suggestions: readonly TagItem<R>[];
  labels: readonly { name: string; mayOverlap: boolean }[];
  reviewed: boolean;
}

export interface TagFinding<R> {
  rule: TagRuleId;
  severity: Severity;
  range: R;
  message: string;
  messageZh: string;
  /** The other tag of an overlap. */
  related?: { range: R; message: string; messageZh: string };
}

export function tagIntegrity<R>(input: TagIntegrityInput<R>, rules: Partial<Record<string, Severity | 'off'>> = {}): TagFinding<R>[] {
  const severity = (id: TagRuleId) => {
    const s = rules[id];
    return s === 'off' || s === 'error' || s === 'warning' || s === 'info' ? s : TAG_RULES.find((r) => r.id === id)!.defaultSeverity;
  };
  const out: TagFinding<R>[] = [];
  const push = (rule: TagRuleId, f: Omit<TagFinding<R>, 'rule' | 'severity'>) => {
    const s = severity(rule);
    if (s !== 'off') out.push({ rule, severity: s, ...f });
  };
  for (const m of input.mismatches) {
    push('tag-mismatch', {
      range: m.range,
      message: m.message ?? `The ${m.label} tag '${m.text}' no longer matches the text here`,
      messageZh: `${m.label}标注“${m.text}”与此处文本不再一致`,
    });
  }
  const labels = new Map(input.labels.map((l) => [l.name, l]));
  for (const t of input.tags) {
    if (labels.has(t.label)) continue;
    push('tag-label-unknown', {
      range: t.range,
      message: `The label ${t.label} of '${t.text}' is not in the label schema (${input.labels.map((l) => l.name).join(', ')})`,
      messageZh: `“${t.text}”的标签${t.label}不在标签方案中（${input.labels.map((l) => l.name).join('、')}）`,
    });
  }
  if (input.reviewed) {
    for (const s of input.suggestions) {
      push('tag-suggestion-unreviewed', {
        range: s.range,
        message: `The ${s.label} suggestion '${s.text}' is neither accepted nor rejected, but the file is marked as reviewed`,
        messageZh: `${s.label}建议“${s.text}”既未接受也未拒绝，但文件已标记为审核完毕`,
      });
    }
  }
  const sorted = [...input.tags].sort((a, b) => a.start - b.start || b.end - a.end);
  const open: TagItem<R>[] = [];
  for (const t of sorted) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i].end <= t.start) open.splice(i, 1);
    for (const o of open) {
      if (labels.get(o.label)?.mayOverlap && labels.get(t.label)?.mayOverlap) continue;
      push('tag-overlap', {
        range: t.range,
        message: `The ${t.label} tag '${t.text}' overlaps the ${o.label} tag '${o.text}'; the schema lets labels overlap only when both have "mayOverlap": true`,
        messageZh: `${t.label}标注“${t.text}”与${o.label}标注“${o.text}”重叠；标签方案只允许两者都设 "mayOverlap": true 的标签重叠`,
        related: { range: o.range, message: `the ${o.label} tag '${o.text}'`, messageZh: `${o.label}标注“${o.text}”` },
      });
    }
    open.push(t);
  }
  return out;
}
