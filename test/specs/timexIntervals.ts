// Shared by the date scorers: TIMEX3 values (ours, and Recognizers-Text's resolutions) as comparable intervals.
//
// A calendar value (2024, 2024-05, 2024-Q2, 2024-W19, 2023-07-03/2023-07-09, 2021-W01/P2W …) becomes
// "cal:FIRST..LAST" (inclusive days, via the hover's timexRange), a clock value "time:DAY HH:MM:SS" (DAY "-" when
// the value carries none; a range "time:A..B"), a part of the day "time:DAY EV", a duration "dur:MONTHS,SECONDS".
// Two values are interval-exact when these strings are equal; a value with no fixed interval (PAST_REF, XXXX-06-18)
// compares as written.
import { timexRange } from '../../server/src/core/describe';

const pad = (n: number) => String(n).padStart(2, '0');

/** A duration's length as [months, seconds] (P6M = P0.5Y, PT30M = PT0.5H); undefined when it is not one. */
export function durationLength(timex: string): [number, number] | undefined {
  const m = /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/.exec(timex);
  if (!m || timex === 'P' || timex.endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return [n(1) * 12 + n(2), ((n(3) * 7 + n(4)) * 24 + n(5)) * 3600 + n(6) * 60 + n(7)];
}

/** HH, HH:MM or HH:MM:SS → HH:MM:SS; part-of-day codes and unknown clocks as written. */
function clock(c: string): string {
  const m = /^(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(c);
  if (!m) return c;
  return `${m[1]}:${m[2] ?? '00'}:${m[3] ?? '00'}`;
}

/** One end of a clock value: "DAY HH:MM:SS" (DAY "-" when none is written). */
function point(timex: string): string {
  const k = timex.indexOf('T');
  const d = timex.slice(0, k);
  return `${d || '-'} ${clock(timex.slice(k + 1))}`;
}

/** Our TIMEX3 value as a comparable interval string. */
export function canonical(timex: string | undefined): string {
  if (!timex) return '';
  if (timex.startsWith('P')) {
    const d = durationLength(timex);
    return d ? `dur:${d[0]},${d[1]}` : timex;
  }
  const slash = timex.indexOf('/');
  if (slash > 0) {
    const a = timex.slice(0, slash);
    const b = timex.slice(slash + 1);
    if (!b.startsWith('P') && (a.includes('T') || b.includes('T'))) return `time:${point(a)}..${point(b)}`;
    const r = timexRange(timex);
    return r ? `cal:${r.start}..${r.end}` : timex;
  }
  if (timex.includes('T')) return `time:${point(timex)}`;
  const r = timexRange(timex);
  return r ? `cal:${r.start}..${r.end}` : timex;
}

function dayBefore(iso: string): string {
  const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) - 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-09-04 10:00:00" or "10:00:00" → "2024-09-04 10:00:00" / "- 10:00:00". */
function rtPoint(v: string): string {
  return v.includes(' ') ? v : `- ${v}`;
}

/**
 * The interval strings one Recognizers-Text resolution value may stand for (its daterange ends are read both as
 * exclusive and as inclusive, since the library writes both; ambiguous past/future values each count).
 */
export function rtCanonicals(v: { timex?: string; type?: string; value?: string; start?: string; end?: string }): string[] {
  const out: string[] = [];
  const timex = v.timex ?? '';
  if (v.type === 'duration') {
    const d = durationLength(timex);
    if (d) out.push(`dur:${d[0]},${d[1]}`);
    return out;
  }
  const pod = /^([\dX]{4}-[\dX]{2}-[\dX]{2})?T(MO|MI|AF|EV|NI|DT)$/.exec(timex);
  if (pod) {
    const d = pod[1] && !pod[1].includes('X') ? pod[1] : v.start?.slice(0, 10) ?? v.value?.slice(0, 10) ?? '-';
    out.push(`time:${pod[1] ? d : '-'} ${pod[2]}`);
    return out;
  }
  switch (v.type) {
    case 'date':
      if (v.value) out.push(`cal:${v.value}..${v.value}`);
      break;
    case 'daterange':
      if (v.start && v.end) out.push(`cal:${v.start}..${dayBefore(v.end)}`, `cal:${v.start}..${v.end}`);
      else if (v.start) out.push(`cal:${v.start}..`);
      break;
    case 'datetime':
    case 'time':
      if (v.value) out.push(`time:${rtPoint(v.value)}`);
      break;
    case 'timerange':
    case 'datetimerange':
      if (v.start && v.end) out.push(`time:${rtPoint(v.start)}..${rtPoint(v.end)}`);
      break;
  }
  if (timex) out.push(canonical(timex));
  return out;
}

/** Recognizers-Text's type names as our labels. */
export function rtLabel(typeName: string): string {
  const t = typeName.replace(/^datetimeV2\./, '');
  if (t === 'date' || t === 'daterange') return 'DATE';
  if (t === 'duration') return 'DURATION';
  if (t === 'set') return 'SET';
  return 'TIME';
}

/** Recognizers-Text's Mod values as ours. */
export function rtMod(mod: string | undefined): string | undefined {
  if (!mod) return undefined;
  const map: Record<string, string> = {
    before: 'before', after: 'after', since: 'since_start', until: 'on_or_before', approx: 'approx', more: 'more_than',
    less: 'less_than', start: 'start', end: 'end', mid: 'mid',
  };
  return map[mod] ?? mod;
}

/** A DCT "YYYY-MM-DD[THH:MM[:SS]]" as the library's reference Date (local time, as the library reads it). */
export function referenceDate(dct: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(dct)!;
  return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}
