// Chinese word segmentation with POS tags, giving exactly nodejieba's `tag` (cppjieba PosTagger::Tag over
// MixSegment::Cut with the HMM) from the project's own lexicon file, in typed arrays:
//  1. the text is split at separators (space, tab, line feed, ，。), each separator a word of its own;
//  2. each stretch gets the dictionary's most probable route (maxProbabilityRoute.ts);
//  3. runs of one-character words of the route (except the user dictionary's one-character words) are cut again by
//     the HMM (hmmSegmenter.ts);
//  4. each word gets its POS tag (posTags.ts).
// Without the HMM (`cut(text, false)`, nodejieba's `cut(text)`), step 3 is skipped. Text is handled as code points;
// a lone surrogate becomes U+FFFD, as nodejieba's conversion to UTF-8 makes it, and so appears in the words.
import { isSeparator } from './constants';
import { DictionaryTrie } from './dictionaryTrie';
import { HmmSegmenter } from './hmmSegmenter';
import { Lexicon, sharedLexicon } from './lexiconFile';
import { MaxProbabilityRoute, routeFor } from './maxProbabilityRoute';
import { SpecialTagIds, lookupTag } from './posTags';

export interface TaggedWord {
  word: string;
  tag: string;
}

export class WordTagger {
  readonly tagNames: string[];
  private readonly trie: DictionaryTrie;
  private readonly special: SpecialTagIds;
  private readonly emptyTag: number;
  private readonly hmm: HmmSegmenter;
  private route: MaxProbabilityRoute | undefined;

  // the text being segmented: code points, and the UTF-16 offset of each (n + 1)
  private cps = new Int32Array(256);
  private utf16 = new Int32Array(257);
  private n = 0;
  /** The text with lone surrogates replaced by U+FFFD (the words are slices of it). */
  private source = '';

  /** The last segmentation: `count` words, word k ending at code point wordEnd[k], tag id wordTag[k]. */
  count = 0;
  wordEnd = new Int32Array(256);
  wordTag = new Uint8Array(256);
  private withTags = true;

  constructor(private readonly lexicon: Lexicon) {
    this.trie = lexicon.trie;
    const names = lexicon.tagNames.slice();
    const id = (t: string) => {
      let i = names.indexOf(t);
      if (i < 0) i = names.push(t) - 1;
      return i;
    };
    this.special = { m: id('m'), eng: id('eng'), x: id('x') };
    this.emptyTag = lexicon.tagNames.indexOf('');
    this.tagNames = names;
    this.hmm = new HmmSegmenter(lexicon.hmm);
  }

  /** nodejieba's tag(text): the words and their POS tags. */
  tag(text: string): TaggedWord[] {
    const count = this.segment(text, true, true);
    const out: TaggedWord[] = new Array(count);
    const { wordEnd, wordTag, utf16, tagNames, source } = this;
    let prev = 0;
    for (let k = 0; k < count; k++) {
      const end = utf16[wordEnd[k]];
      out[k] = { word: source.slice(prev, end), tag: tagNames[wordTag[k]] };
      prev = end;
    }
    return out;
  }

  /** nodejieba's cut(text, hmm): the words (hmm false: the dictionary route alone, nodejieba's default). */
  cut(text: string, hmm = false): string[] {
    const count = this.segment(text, hmm, false);
    const out: string[] = new Array(count);
    const { wordEnd, utf16, source } = this;
    let prev = 0;
    for (let k = 0; k < count; k++) {
      const end = utf16[wordEnd[k]];
      out[k] = source.slice(prev, end);
      prev = end;
    }
    return out;
  }

  /** Whether the last text segmented had no lone surrogate (so its words are slices of the text itself). */
  get wellFormed(): boolean {
    return this.source.length === 0 || this.sourceIsText;
  }
  private sourceIsText = true;

  /** The UTF-16 offset where code point `i` of the last text starts (i = number of code points: its length). */
  utf16Offset(i: number): number {
    return this.utf16[i];
  }

  /**
   * Segments `text` into this.count words (this.wordEnd: code-point ends; this.wordTag: tag ids into tagNames when
   * `tags`). The arrays are reused by the next call.
   */
  segment(text: string, hmm = true, tags = true): number {
    this.decode(text);
    const n = this.n;
    if (this.wordEnd.length < n) {
      this.wordEnd = new Int32Array(Math.max(n, 2 * this.wordEnd.length));
      this.wordTag = new Uint8Array(this.wordEnd.length);
    }
    this.count = 0;
    this.withTags = tags;
    const cps = this.cps;
    let pos = 0;
    while (pos < n) {
      let end = pos + 1;
      if (!isSeparator(cps[pos])) while (end < n && !isSeparator(cps[end])) end++;
      this.mixCut(pos, end, hmm);
      pos = end;
    }
    return this.count;
  }

  private decode(text: string): void {
    const len = text.length;
    if (this.cps.length < len) {
      this.cps = new Int32Array(Math.max(len, 2 * this.cps.length));
      this.utf16 = new Int32Array(this.cps.length + 1);
    }
    const { cps, utf16 } = this;
    let n = 0;
    let lone = false;
    for (let i = 0; i < len; i++) {
      utf16[n] = i;
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < len ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          i++;
        } else {
          c = 0xfffd;
          lone = true;
        }
      }
      cps[n++] = c;
    }
    utf16[n] = len;
    this.n = n;
    this.sourceIsText = !lone;
    this.source = lone ? replaceLoneSurrogates(text) : text;
  }

  private add(end: number, tag: number): void {
    this.wordEnd[this.count] = end;
    this.wordTag[this.count] = tag;
    this.count++;
  }

  private readonly addHmmWord = (start: number, end: number): void => {
    this.add(end, this.withTags ? lookupTag(this.trie, this.trie.find(this.cps, start, end), this.cps, start, end, this.emptyTag, this.special) : 0);
  };

  /** MixSegment::Cut over cps[from..to). */
  private mixCut(from: number, to: number, hmm: boolean): void {
    const route = (this.route = routeFor(this.route, this.trie, this.lexicon.minWeight, to - from));
    const { cps, trie, emptyTag, special, withTags } = this;
    route.run(cps, from, to);
    const { choice, length } = route;
    const singles = this.lexicon.userSingles;
    const anySingles = singles.size > 0;
    const n = to - from;
    let i = 0;
    while (i < n) {
      const len = length[i];
      if (len > 1 || !hmm || (anySingles && singles.has(cps[from + i]))) {
        this.add(from + i + len, withTags ? lookupTag(trie, choice[i], cps, from + i, from + i + len, emptyTag, special) : 0);
        i += len;
        continue;
      }
      // a run of one-character words, cut again by the HMM
      let j = i + 1;
      while (j < n && length[j] === 1 && !(anySingles && singles.has(cps[from + j]))) j++;
      this.hmm.cut(cps, from + i, from + j, this.addHmmWord);
      i = j;
    }
  }
}

function replaceLoneSurrogates(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : text[i];
  }
  return out;
}

let shared: WordTagger | undefined;

/** The process's word tagger (its lexicon is loaded on first use, once per process). */
export function sharedWordTagger(): WordTagger {
  return (shared ??= new WordTagger(sharedLexicon()));
}
