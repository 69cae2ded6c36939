// Token text for column formats: whitespace characters (and the backslash) are written as escapes so every line
// keeps its columns and the text can be rebuilt exactly, newlines and CRLF included.
//   ' ' → \s   '\t' → \t   '\n' → \n   '\r' → \r   '\\' → \\   any other whitespace → \uXXXX

const ESCAPES: Record<string, string> = { ' ': '\\s', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };
const NEEDS_ESCAPE = /[\s\\]/u;

/** Code points above U+0020 that \s matches. */
const WIDE_SPACES = new Set([0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

function plainChar(code: number): boolean {
  return code > 0x20 && code !== 0x5c && (code < 0x85 || !(WIDE_SPACES.has(code) || (code >= 0x2000 && code <= 0x200a)));
}

export function escapeToken(token: string): string {
  if (token.length === 1 ? plainChar(token.charCodeAt(0)) : !NEEDS_ESCAPE.test(token)) return token;
  let out = '';
  for (const c of token) {
    if (ESCAPES[c]) out += ESCAPES[c];
    else if (/\s/u.test(c)) out += '\\u' + c.codePointAt(0)!.toString(16).padStart(4, '0');
    else out += c;
  }
  return out;
}

/** Inverse of escapeToken; an unknown escape is kept as written. */
export function unescapeToken(token: string): string {
  if (!token.includes('\\')) return token;
  return token.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (m, e: string) => {
    switch (e[0]) {
      case 's': return ' ';
      case 't': return '\t';
      case 'n': return '\n';
      case 'r': return '\r';
      case '\\': return '\\';
      case 'u': return e.length === 5 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : m;
      default: return m;
    }
  });
}
