// The document creation time (DCT). (Being written: see issue 2.)
import { DocumentDate } from './types';

export interface DocumentDateHints {
  explicit?: string;
  fileName?: string;
}

export function findDocumentDate(_text: string, hints: DocumentDateHints = {}): DocumentDate {
  if (hints.explicit) return { date: hints.explicit, source: 'explicit' };
  return { source: 'none' };
}
