// What a Diagnose rule is and what it reports. Pure: no VS Code, no protocol. A rule reads the text and the
// analysis (figure, date and entity spans) and returns findings in UTF-16 offsets; checkDocument (./index.ts)
// applies the severity settings and converts every offset to code points.
import type { OffsetMap } from '../core/offsets';
import type { AnalysisResult } from '../core/types';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

export interface RelatedFinding {
  start: number;
  end: number;
  message: string;
  messageZh: string;
}

/** One replacement of the text: [start, end) replaced by newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A rewrite that certainly fixes a finding (the right rate, the right total, the missing % sign, half-width digits). */
export interface Fix {
  title: string;
  titleZh: string;
  /** Non-overlapping edits, ascending. */
  edits: TextEdit[];
}

/** A finding as a rule produces it: UTF-16 offsets, no rule id or severity yet. */
export interface RawFinding {
  start: number;
  end: number;
  message: string;
  messageZh: string;
  related?: RelatedFinding[];
  fixes?: Fix[];
}

/** A finding as reported: with its rule and severity, and start/end, related and fixes in code points (end exclusive). */
export interface Finding extends RawFinding {
  rule: string;
  severity: Severity;
}

/** The document as every rule sees it. */
export interface CheckContext {
  text: string;
  /** The text with full-width ASCII folded to half-width, one UTF-16 unit for one (see foldWidth). */
  half: string;
  /** analyze(text)'s result: spans in code points, the document date. */
  analysis: AnalysisResult;
  /** Converts the analysis' code-point offsets to the text's UTF-16 offsets and back. */
  map: OffsetMap;
  /** A value several rules share (the date scan, the entity-variant comparison), computed once per document. */
  shared<T>(key: string, compute: () => T): T;
}

export interface RuleDefinition<Id extends string = string> {
  id: Id;
  defaultSeverity: Severity;
  description: string;
  descriptionZh: string;
  check(context: CheckContext): RawFinding[];
}

/** Declares a rule with its id kept as a literal type. */
export function defineRule<const Id extends string>(rule: RuleDefinition<Id>): RuleDefinition<Id> {
  return rule;
}
