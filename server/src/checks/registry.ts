// Every Diagnose rule, one file each, in the order they are listed (help text, settings, README).
import { changeRateMismatch } from './changeRateMismatch';
import { dateFormatMixed } from './dateFormatMixed';
import { dateInvalid } from './dateInvalid';
import { dateWeekdayMismatch } from './dateWeekdayMismatch';
import { entityBracketVariant } from './entityBracketVariant';
import { entityScriptVariant } from './entityScriptVariant';
import { entitySpaceVariant } from './entitySpaceVariant';
import { entityWidthVariant } from './entityWidthVariant';
import { figureMalformed } from './figureMalformed';
import { partsWholeMismatch } from './partsWholeMismatch';
import { rangeReversed } from './rangeReversed';
import { usagePercentRange } from './usagePercentRange';
import { usageFullWidthDigits } from './usageFullWidthDigits';
import { usageNumeralMixed } from './usageNumeralMixed';
import { usageShortYear } from './usageShortYear';
import { usageThousandsSeparator } from './usageThousandsSeparator';

export const RULES = [
  figureMalformed,
  dateInvalid,
  dateWeekdayMismatch,
  rangeReversed,
  entityWidthVariant,
  entityScriptVariant,
  entitySpaceVariant,
  entityBracketVariant,
  dateFormatMixed,
  changeRateMismatch,
  partsWholeMismatch,
  usagePercentRange,
  usageFullWidthDigits,
  usageNumeralMixed,
  usageShortYear,
  usageThousandsSeparator,
] as const;

export type RuleId = (typeof RULES)[number]['id'];
export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
