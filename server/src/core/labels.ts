// The label table: every fact about a label in one row, and every recogniser group in one row. Everything else is
// derived from these two tables: the Label and LabelGroup types (core/types.ts), the recognisers' priority on
// overlaps (analysis/analyze.ts), hover descriptions (core/describe.ts), the default label schema's colours and keys
// (annotations/labelSchema.ts), the Label Studio labelling config (formats/labelStudio.ts), the semantic-token legend
// (lsp/semanticTokens.ts), the settings' group flags (lsp/settings.ts). What cannot be derived at run time —
// package.json's `semanticTokenTypes` / `semanticTokenScopes` / `newsAnnotator.labels.enabled`, both package.nls
// files, the l10n bundle and the schema file's JSON schema — is checked against these tables by
// test/unit/labelTable.test.ts, which names what to add where.
//
// To add a label: one row in LABEL_TABLE (and its recogniser), then run that test.
// No imports: this file sits at the bottom of the layers.

export interface LabelRow {
  readonly label: string;
  readonly group: string;
  /** When two spans of the same length overlap, the lower number wins. */
  readonly priority: number;
  /** The label's colour in the editor (text, outline, written label) and in Label Studio; #rrggbb. */
  readonly colour: string;
  /** The key typed in the label picker (default schema). */
  readonly key: string;
  /** The word in hovers ("**MONEY** · amount of money · …"), English; a key of the l10n bundle. */
  readonly description: string;
  /** The semantic token type (package.json `semanticTokenTypes`). */
  readonly tokenType: string;
  /** TextMate scopes for themes without semantic colours (package.json `semanticTokenScopes`). */
  readonly tokenScopes: readonly string[];
  /** The token type's description in package.nls.json and package.nls.zh-cn.json (`semanticToken.LABEL`). */
  readonly title: string;
  readonly titleZh: string;
}

export const LABEL_TABLE = [
  { label: 'PER', group: 'entities', priority: 10, colour: '#cf1736', key: '1', description: 'person',
    tokenType: 'newsPer', tokenScopes: ['entity.name.function'], title: 'Person name (PER)', titleZh: '人名（PER）' },
  { label: 'LOC', group: 'entities', priority: 9, colour: '#17cf17', key: '2', description: 'place',
    tokenType: 'newsLoc', tokenScopes: ['entity.name.type', 'support.class'], title: 'Place name (LOC)', titleZh: '地名（LOC）' },
  { label: 'ORG', group: 'entities', priority: 8, colour: '#1754cf', key: '3', description: 'organisation',
    tokenType: 'newsOrg', tokenScopes: ['keyword.control'], title: 'Organisation name (ORG)', titleZh: '机构名（ORG）' },
  { label: 'MONEY', group: 'figures', priority: 3, colour: '#cf6317', key: '4', description: 'amount of money',
    tokenType: 'newsMoney', tokenScopes: ['constant.numeric'], title: 'Amount of money (MONEY)', titleZh: '金额（MONEY）' },
  { label: 'PERCENT', group: 'figures', priority: 4, colour: '#17cfa1', key: '5', description: 'percentage',
    tokenType: 'newsPercent', tokenScopes: ['constant.regexp'], title: 'Percentage (PERCENT)', titleZh: '百分比（PERCENT）' },
  { label: 'QUANTITY', group: 'figures', priority: 5, colour: '#17b0cf', key: '6', description: 'quantity',
    tokenType: 'newsQuantity', tokenScopes: ['variable.other.constant', 'variable.other.enummember'],
    title: 'Physical quantity (QUANTITY)', titleZh: '物理量（QUANTITY）' },
  { label: 'CARDINAL', group: 'figures', priority: 6, colour: '#cfa117', key: '7', description: 'count',
    tokenType: 'newsCardinal', tokenScopes: ['variable'], title: 'Count (CARDINAL)', titleZh: '数量（CARDINAL）' },
  { label: 'ORDINAL', group: 'figures', priority: 7, colour: '#b0cf17', key: '8', description: 'ordinal',
    tokenType: 'newsOrdinal', tokenScopes: ['constant.character.escape'], title: 'Ordinal (ORDINAL)', titleZh: '序数（ORDINAL）' },
  { label: 'DATE', group: 'dates', priority: 0, colour: '#9117cf', key: '9', description: 'date',
    tokenType: 'newsDate', tokenScopes: ['string'], title: 'Date (DATE)', titleZh: '日期（DATE）' },
  { label: 'TIME', group: 'dates', priority: 1, colour: '#cf17a1', key: '0', description: 'time of day',
    tokenType: 'newsTime', tokenScopes: ['keyword', 'storage.type'], title: 'Time of day (TIME)', titleZh: '时刻（TIME）' },
  { label: 'DURATION', group: 'dates', priority: 2, colour: '#3617cf', key: '-', description: 'duration',
    tokenType: 'newsDuration', tokenScopes: ['comment'], title: 'Duration (DURATION)', titleZh: '时长（DURATION）' },
] as const satisfies readonly LabelRow[];

export interface LabelGroupRow {
  readonly group: string;
  /** The recogniser is slow enough to be skipped above newsAnnotator.largeFileThreshold characters. */
  readonly skippedWhenLarge: boolean;
  /** The group's setting (`newsAnnotator.labels.enabled.GROUP`): its description in both package.nls files. */
  readonly title: string;
  readonly titleZh: string;
}

/** The recogniser groups, in the order they run. */
export const LABEL_GROUP_TABLE = [
  { group: 'figures', skippedWhenLarge: false, title: 'Figures', titleZh: '数字' },
  { group: 'dates', skippedWhenLarge: false, title: 'Dates', titleZh: '日期' },
  { group: 'entities', skippedWhenLarge: true, title: 'Named entities', titleZh: '命名实体' },
] as const satisfies readonly LabelGroupRow[];

export type Label = (typeof LABEL_TABLE)[number]['label'];
export type LabelGroup = (typeof LABEL_GROUP_TABLE)[number]['group'];
export type LabelsOf<G extends LabelGroup> = Extract<(typeof LABEL_TABLE)[number], { group: G }>['label'];

/** Every label, in the table's order (the order of the default schema and of exports' label lists). */
export const ALL_LABELS: readonly Label[] = LABEL_TABLE.map((r) => r.label);
/** Every group, in the order the recognisers run. */
export const ALL_GROUPS: readonly LabelGroup[] = LABEL_GROUP_TABLE.map((r) => r.group);

/** The labels of a group, in the table's order. */
export function labelsOf<G extends LabelGroup>(group: G): readonly LabelsOf<G>[] {
  return LABEL_TABLE.filter((r) => r.group === group).map((r) => r.label as LabelsOf<G>);
}

const BY_LABEL = new Map<string, (typeof LABEL_TABLE)[number]>(LABEL_TABLE.map((r) => [r.label, r]));

/** The row of a label, or undefined for a name that is not one of ours (a custom schema label). */
export function labelRow(label: string): (typeof LABEL_TABLE)[number] | undefined {
  return BY_LABEL.get(label);
}

export function isKnownLabel(name: string): name is Label {
  return BY_LABEL.has(name);
}

/** A label's recogniser group. */
export function groupOf(label: Label): LabelGroup {
  return BY_LABEL.get(label)!.group;
}
