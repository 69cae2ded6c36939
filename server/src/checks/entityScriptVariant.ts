// entity-script-variant: An entity name written in traditional characters in one place and simplified in another.
import { entityVariants } from './entityVariants';
import { defineRule } from './types';

export const entityScriptVariant = defineRule({
  id: 'entity-script-variant',
  defaultSeverity: 'warning',
  description: 'An entity name written in traditional characters in one place and simplified in another (張偉 / 张伟).',
  descriptionZh: '同一名称在文中繁体、简体两种写法（張偉 / 张伟）。',
  check: (context) => entityVariants(context, 'entity-script-variant'),
});
