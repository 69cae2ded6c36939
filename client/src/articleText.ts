// Whether a text looks like a Chinese news article: the rule behind `newsAnnotator.articleMinCjkShare`.
// Pure (no VS Code API) so it is unit-tested directly.

/** How much of the text's start is examined. */
export const ARTICLE_SAMPLE_LENGTH = 2048;

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x20000 && cp <= 0x3134f) || // Extensions B–H
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation: 。、「」〇
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms: ，：（）０-９
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    cp === 0x2014 || cp === 0x2018 || cp === 0x2019 || cp === 0x201c || cp === 0x201d || cp === 0x2026 || cp === 0x00b7
  );
}

/** Neutral characters count for neither side: white space, ASCII digits and ASCII punctuation. */
function isNeutral(cp: number): boolean {
  return cp <= 0x20 || (cp < 0x80 && !((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a))) || cp === 0xfeff || cp === 0xa0;
}

/**
 * Share of Chinese characters and punctuation among the characters of the first ARTICLE_SAMPLE_LENGTH code units
 * that are not white space, ASCII digits or ASCII punctuation. 0 for a text with no such characters.
 */
export function cjkShare(text: string): number {
  const sample = text.slice(0, ARTICLE_SAMPLE_LENGTH);
  let cjk = 0;
  let counted = 0;
  for (const ch of sample) {
    const cp = ch.codePointAt(0)!;
    if (isNeutral(cp)) continue;
    counted++;
    if (isCjk(cp)) cjk++;
  }
  return counted === 0 ? 0 : cjk / counted;
}

/** The article rule for a `.txt` file that matched the glob. */
export function looksLikeArticle(text: string, minShare: number): boolean {
  if (minShare <= 0) return true;
  return cjkShare(text) >= minShare;
}
