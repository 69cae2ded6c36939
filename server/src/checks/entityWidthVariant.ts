// entity-width-variant: An entity name written with full-width characters in one place and half-width in another.
import { entityVariants } from './entityVariants';
import { defineRule } from './types';

export const entityWidthVariant = defineRule({
  id: 'entity-width-variant',
  defaultSeverity: 'warning',
  description: 'An entity name written with full-width characters in one place and half-width in another (ＩＢＭ / IBM).',
  descriptionZh: '同一名称在文中全角、半角两种写法（ＩＢＭ / IBM）。',
  check: (context) => entityVariants(context, 'entity-width-variant'),
});
