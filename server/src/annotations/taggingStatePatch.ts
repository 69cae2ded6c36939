// The tagging state's suggestions sent as a change to the list the client already has, not the whole list: after a
// keystroke in a long article the list is the same except the suggestions of the edited paragraph, and those after
// it moved by the same amount (code points, lines, and characters on the edited line). A patch says how many to keep
// at the start, which new ones follow, how many old ones end the list and how they moved; the client applies it to
// the state it has (taggingClient.ts), or asks for the whole state when it does not have the base. Pure functions,
// shared by both ends; applySuggestionsPatch(prev, diffSuggestions(prev, next)) equals next for any two lists.
import type { SuggestionShift, SuggestionsPatch, WirePosition, WireRange, WireSuggestion } from './taggingProtocol';

const NO_SHIFT: SuggestionShift = { cp: 0, line: 0, fromLine: -1, character: 0 };

function shiftPosition(p: WirePosition, shift: SuggestionShift): WirePosition {
  return { line: p.line + shift.line, character: p.line === shift.fromLine ? p.character + shift.character : p.character };
}

/** A suggestion moved by a shift (the same object without one); its key follows its offsets. */
export function shiftSuggestion(s: WireSuggestion, shift: SuggestionShift): WireSuggestion {
  if (shift.cp === 0 && shift.line === 0 && shift.character === 0) return s;
  const start = s.start + shift.cp;
  const end = s.end + shift.cp;
  const range: WireRange = { start: shiftPosition(s.range.start, shift), end: shiftPosition(s.range.end, shift) };
  return { ...s, start, end, key: `${start}:${end}:${s.label}`, range };
}

/** Whether two suggestions are the same in every field. */
export function sameSuggestion(a: WireSuggestion, b: WireSuggestion): boolean {
  return sameShifted(a, b, NO_SHIFT);
}

const shiftedPosition = (p: WirePosition, q: WirePosition, shift: SuggestionShift) =>
  q.line === p.line + shift.line && q.character === (p.line === shift.fromLine ? p.character + shift.character : p.character);

/** Whether shiftSuggestion(a, shift) would equal b in every field (without making it). */
function sameShifted(a: WireSuggestion, b: WireSuggestion, shift: SuggestionShift): boolean {
  const moved = shift.cp !== 0 || shift.line !== 0 || shift.character !== 0;
  if (b.start !== a.start + shift.cp || b.end !== a.end + shift.cp) return false;
  if (!shiftedPosition(a.range.start, b.range.start, shift) || !shiftedPosition(a.range.end, b.range.end, shift)) return false;
  if (moved ? b.key !== `${b.start}:${b.end}:${a.label}` : b.key !== a.key) return false;
  let n = 0;
  for (const k in a) {
    n++;
    if (k === 'start' || k === 'end' || k === 'range' || k === 'key') continue;
    const x = (a as any)[k];
    const y = (b as any)[k];
    if (x !== y && (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || JSON.stringify(x) !== JSON.stringify(y))) return false;
  }
  for (const _ in b) n--;
  // shiftSuggestion adds `key` when a moved suggestion had none
  return n === 0 || (moved && n === -1 && !('key' in a));
}

/** A patch turning `prev` into `next` (any two lists; small when `next` is `prev` after an edit). */
export function diffSuggestions(prev: readonly WireSuggestion[], next: readonly WireSuggestion[]): SuggestionsPatch {
  const steps = diffSuggestionSteps(prev, next, Infinity);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * diffSuggestions() a piece at a time: yields after about every `every` suggestions compared, so a caller can let
 * other work run in between (the language server after a keystroke in a long article), and returns the patch.
 */
export function* diffSuggestionSteps(
  prev: readonly WireSuggestion[],
  next: readonly WireSuggestion[],
  every = 2000,
): Generator<void, SuggestionsPatch, void> {
  const max = Math.min(prev.length, next.length);
  let keep = 0;
  for (let budget = every; keep < max && sameSuggestion(prev[keep], next[keep]); keep++) {
    if (--budget <= 0) {
      yield;
      budget = every;
    }
  }
  let tail = 0;
  let shift = NO_SHIFT;
  if (keep < prev.length && keep < next.length) {
    const a = prev[prev.length - 1];
    const b = next[next.length - 1];
    shift = { cp: b.start - a.start, line: b.range.start.line - a.range.start.line, fromLine: -1, character: 0 };
    // Backwards while the old suggestion moved by the shift is the new one; the first whose character moved too
    // (scanning backwards: the last on the edited line) fixes the edited line, unless a later one on that line
    // already matched without moving.
    let lowestLine = Infinity;
    let budget = every;
    while (tail < prev.length - keep && tail < next.length - keep) {
      if (--budget <= 0) {
        yield;
        budget = every;
      }
      const o = prev[prev.length - 1 - tail];
      const n = next[next.length - 1 - tail];
      if (sameShifted(o, n, shift)) {
        tail++;
        lowestLine = Math.min(lowestLine, o.range.start.line);
        continue;
      }
      if (shift.fromLine !== -1 || o.range.start.line >= lowestLine) break;
      const tried = { ...shift, fromLine: o.range.start.line, character: n.range.start.character - o.range.start.character };
      if (!sameShifted(o, n, tried)) break;
      shift = tried;
    }
  }
  return { keep, insert: next.slice(keep, next.length - tail), tail, shift };
}

/** The list a patch makes of `prev`. */
export function applySuggestionsPatch(prev: readonly WireSuggestion[], patch: SuggestionsPatch): WireSuggestion[] {
  const out = prev.slice(0, patch.keep);
  for (const s of patch.insert) out.push(s);
  for (let k = prev.length - patch.tail; k < prev.length; k++) out.push(shiftSuggestion(prev[k], patch.shift));
  return out;
}

