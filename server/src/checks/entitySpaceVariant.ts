// entity-space-variant: An entity name written with a space inside in one place and without in another.
import { entityVariants } from './entityVariants';
import { defineRule } from './types';

export const entitySpaceVariant = defineRule({
  id: 'entity-space-variant',
  defaultSeverity: 'warning',
  description: 'An entity name written with a space inside in one place and without in another (李 明 / 李明). Typeset bylines ((记者 李 明)) are allowed by the guidelines and not flagged.',
  descriptionZh: '同一名称在文中有空格、无空格两种写法（李 明 / 李明）。按标注规范，署名（（记者 李 明））中的空格不提示。',
  check: (context) => entityVariants(context, 'entity-space-variant'),
});
