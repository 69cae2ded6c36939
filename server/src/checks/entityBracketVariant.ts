// entity-bracket-variant: A company name with full-width brackets in one place and half-width in another.
import { entityVariants } from './entityVariants';
import { defineRule } from './types';

export const entityBracketVariant = defineRule({
  id: 'entity-bracket-variant',
  defaultSeverity: 'warning',
  description: 'A company name with full-width brackets in one place and half-width in another (（苏州） / (苏州)).',
  descriptionZh: '同一名称中的括号全角、半角混用（（苏州） / (苏州)）。',
  check: (context) => entityVariants(context, 'entity-bracket-variant'),
});
