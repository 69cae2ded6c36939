// The one validator for a document date given by a person or stored in a file: `--dct`, a JSONL line's "dct", the
// `newsAnnotator.documentDate` setting, the per-file store and the editor's "Set Document Date" box all accept exactly
// this form. Dependency-free so that the editor (through the protocol module) can check input as it is typed.

/** The accepted form, as shown in messages and help texts. */
export const DOCUMENT_DATE_FORM = 'YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]';

/** The accepted form as a JSON-schema pattern (the setting's `pattern` in package.json allows '' besides). */
export const DOCUMENT_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?)?$';

/** Why a value was refused: not of the form, not a real calendar date (2023-02-30), or not a real time (24:00). */
export type DocumentDateProblem = 'form' | 'date' | 'time';

export type DocumentDateCheck = { ok: true; value: string } | { ok: false; problem: DocumentDateProblem; message: string };

/**
 * Checks a document date: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], a real calendar date (leap years counted) and a real
 * time of day (00:00 to 23:59:59). Surrounding blanks are ignored; `value` is the trimmed text.
 */
export function checkDocumentDate(raw: string): DocumentDateCheck {
  const value = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return { ok: false, problem: 'form', message: `'${value}' is not a date of the form ${DOCUMENT_DATE_FORM}` };
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || day.getUTCFullYear() !== y || day.getUTCMonth() + 1 !== mo || day.getUTCDate() !== d) {
    return { ok: false, problem: 'date', message: `'${value}' is not a real date` };
  }
  if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59))) {
    return { ok: false, problem: 'time', message: `'${value}' is not a real time of day` };
  }
  return { ok: true, value };
}

/** True for a value checkDocumentDate accepts. */
export function isDocumentDate(value: string): boolean {
  return checkDocumentDate(value).ok;
}
