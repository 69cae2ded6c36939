// Shared by the rule tests: run analyze() and checkDocument() on a text and read findings back as text slices.
import { analyze } from '../../server/src/analysis/analyze';
import { checkDocument, Finding, RuleId } from '../../server/src/checks';
import { applyFixes } from '../../server/src/checks/fixes';

export function findingsOf(rule: RuleId, text: string): Finding[] {
  return checkDocument(text, analyze(text, { groups: ['figures', 'dates'] })).filter((f) => f.rule === rule);
}

/** The flagged text of each finding of the rule. */
export function flagged(rule: RuleId, text: string): string[] {
  const cps = [...text];
  return findingsOf(rule, text).map((f) => cps.slice(f.start, f.end).join(''));
}

/** The text after applying the first fix of every finding of the rule. */
export function fixed(rule: RuleId, text: string): string {
  return applyFixes(text, findingsOf(rule, text).flatMap((f) => (f.fixes?.length ? [f.fixes[0]] : [])));
}
