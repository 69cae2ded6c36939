// "Diagnose": what an editor or annotator must fix before publishing — malformed figures, impossible dates, weekdays
// that do not match their date, ranges written backwards, entity names written two ways, mixed date formats.
// Pure: text + analyze() result in, findings out (code-point offsets). No VS Code, no protocol. One rule per file
// (./registry.ts lists them); a rule is a pure function of the text and its spans, so callers may cache per text.
// Stored tags that no longer match their text are reported by the tagging code, not here.
import { OffsetMap } from '../core/offsets';
import type { AnalysisResult } from '../core/types';
import { RULES, RuleId } from './registry';
import type { CheckContext, Finding as RuleFinding, RawFinding, RuleSetting } from './types';
import { foldWidth } from './width';

export { RULES, RULE_IDS, isRuleId } from './registry';
export type { RuleId } from './registry';
export type { Fix, RelatedFinding, RuleSetting, Severity, TextEdit } from './types';

/** A finding of one of the registered rules. */
export interface Finding extends RuleFinding {
  rule: RuleId;
}
export { foldWidth } from './width';

export interface CheckOptions {
  /** Per-rule severity or 'off'; rules not named keep their default severity. Unknown ids are ignored. */
  rules?: Partial<Record<string, RuleSetting>>;
}

/** Findings for one document, sorted by position. `analysis` is analyze(text)'s result (entities, resolved dates). */
export function checkDocument(text: string, analysis: AnalysisResult, options: CheckOptions = {}): Finding[] {
  const map = new OffsetMap(text);
  const memo = new Map<string, unknown>();
  const context: CheckContext = {
    text,
    half: foldWidth(text),
    analysis,
    map,
    shared<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id];
    const severity = setting === 'off' || setting === 'error' || setting === 'warning' || setting === 'info' ? setting : rule.defaultSeverity;
    if (severity === 'off') continue;
    for (const f of dropNested(rule.check(context))) {
      const finding: Finding = { rule: rule.id, severity, start: map.toCodePoint(f.start), end: map.toCodePoint(f.end), message: f.message, messageZh: f.messageZh };
      if (f.related?.length) finding.related = f.related.map((r) => ({ ...r, start: map.toCodePoint(r.start), end: map.toCodePoint(r.end) }));
      if (f.fixes?.length) {
        finding.fixes = f.fixes.map((fix) => ({
          ...fix,
          edits: fix.edits.map((e) => ({ start: map.toCodePoint(e.start), end: map.toCodePoint(e.end), newText: e.newText })),
        }));
      }
      findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
}

/** Drops a finding lying inside another finding of the same rule (李 明 inside 李 明亮), and exact duplicates. */
function dropNested(findings: RawFinding[]): RawFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawFinding[] = [];
  let lastEnd = -1;
  for (const f of sorted) {
    if (f.end <= lastEnd) continue;
    out.push(f);
    lastEnd = Math.max(lastEnd, f.end);
  }
  return out;
}
