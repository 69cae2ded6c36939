// Messages for comparing an article's tags with another annotator's and adjudicating the differences.
// Plain types only, so both sides (and the tests) can import this file without pulling in either library.
import type { Decision } from '../agreement/adjudication';

export type { Decision };
import type { DisagreementKind } from '../agreement/disagreements';
import type { WireRange } from '../annotations/taggingProtocol';

/** Whose tags to compare with: a folder laid out like the workspace, or a git branch of the workspace's repository. */
export type OtherAnnotator = { folder: string } | { branch: string };

export interface ComparisonParams {
  /** The article (file URI). */
  uri: string;
  other: OtherAnnotator;
  /** The curated folder that adjudication writes to (its decision log is read to tell what is decided). */
  curated?: string;
}

export interface AdjudicateParams extends ComparisonParams {
  curated: string;
  /** The disagreement's key (from ComparisonState). */
  key: string;
  decision: Decision;
}


export interface ComparedTag {
  label: string;
  text: string;
  range: WireRange;
}

export interface WireDisagreement {
  key: string;
  kind: DisagreementKind;
  range: WireRange;
  mine: ComparedTag[];
  theirs: ComparedTag[];
  /** The decision taken in the curated folder, if any. */
  decided?: Decision['choice'];
}

export interface ComparisonState {
  uri: string;
  /** How the other annotator is named in messages: the folder's path or "branch NAME". */
  otherName: string;
  /** The other annotator's tags (for decorations). */
  theirs: ComparedTag[];
  disagreements: WireDisagreement[];
  /** Tags both gave. */
  agreed: number;
  /** Problems found on the way (the other .ann missing, tags not matching the text). */
  problems: string[];
  curated?: string;
  /** The curated .ann written (after an adjudication). */
  curatedAnn?: string;
}

export const CompareAnnotationsRequest = 'newsAnnotator/compareAnnotations';
export const AdjudicateRequest = 'newsAnnotator/adjudicate';
