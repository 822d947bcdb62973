/**
 * Dates of exports: local wall-clock times written in a pattern (`dd/MM/yyyy HH:mm`) without a
 * zone, turned into instants with the zone the export was made in. A text that does not match
 * the pattern, or names no real date, is refused: an import never guesses a date.
 */
import { Temporal } from 'temporal-polyfill';

export type DateParser = (text: string) => number | null;

const TOKENS: Record<
  string,
  {
    re: string;
    field:
      | 'year'
      | 'year2'
      | 'monthName'
      | 'month'
      | 'day'
      | 'hour'
      | 'hour12'
      | 'minute'
      | 'second'
      | 'ampm';
  }
> = {
  yyyy: { re: '(\\d{4})', field: 'year' },
  yy: { re: '(\\d{2})', field: 'year2' },
  MMM: { re: '([A-Za-z]{3})', field: 'monthName' },
  MM: { re: '(\\d{2})', field: 'month' },
  M: { re: '(\\d{1,2})', field: 'month' },
  dd: { re: '(\\d{2})', field: 'day' },
  d: { re: '(\\d{1,2})', field: 'day' },
  HH: { re: '(\\d{2})', field: 'hour' },
  H: { re: '(\\d{1,2})', field: 'hour' },
  hh: { re: '(\\d{2})', field: 'hour12' },
  h: { re: '(\\d{1,2})', field: 'hour12' },
  mm: { re: '(\\d{2})', field: 'minute' },
  ss: { re: '(\\d{2})', field: 'second' },
  a: { re: '([AaPp][Mm])', field: 'ampm' },
};
const TOKEN = /yyyy|yy|MMM|MM|M|dd|d|HH|H|hh|h|mm|ss|a/g;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A parser for local times in `format`, read in `timeZone`; null for a text it cannot read. */
export function dateParser(format: string, timeZone: string): DateParser {
  const fields: (typeof TOKENS)[string]['field'][] = [];
  let source = '';
  let last = 0;
  const withSeconds = format.includes('ss');
  for (const match of format.matchAll(TOKEN)) {
    source += escapeRegExp(format.slice(last, match.index));
    const token = TOKENS[match[0]];
    if (token) {
      source += token.re;
      fields.push(token.field);
      // Seconds the pattern does not name are allowed after the minutes (exports vary in precision).
      if (token.field === 'minute' && !withSeconds) {
        source += '(?::(\\d{2}))?';
        fields.push('second');
      }
    }
    last = match.index + match[0].length;
  }
  source += escapeRegExp(format.slice(last));
  const pattern = new RegExp(`^${source}(?:\\.\\d+)?$`);
  return (text) => {
    const m = pattern.exec(text.trim());
    if (!m) return null;
    const v: Record<string, string> = {};
    fields.forEach((field, i) => {
      v[field] = m[i + 1] ?? '';
    });
    let hour = Number(v.hour ?? 0);
    if (v.hour12 !== undefined) {
      const h = Number(v.hour12);
      if (h < 1 || h > 12) return null;
      const pm = (v.ampm ?? '').toLowerCase() === 'pm';
      hour = (h % 12) + (pm ? 12 : 0);
    }
    // Two-digit years are this century's: exports that write them are recent.
    const year = v.year2 !== undefined ? 2000 + Number(v.year2) : Number(v.year);
    const month =
      v.monthName !== undefined ? MONTHS.indexOf(v.monthName.toLowerCase()) + 1 : Number(v.month ?? 1);
    if (month < 1) return null;
    return localToInstant(
      {
        year,
        month,
        day: Number(v.day ?? 1),
        hour,
        minute: Number(v.minute ?? 0),
        second: Number(v.second || 0),
      },
      timeZone,
    );
  };
}

// The zone's offset is looked up once per local hour: Temporal is exact but slow, and an
// export has hundreds of thousands of times in a few thousand hours.
const hourCache = new Map<string, number | null>();
const HOUR = 3_600_000;

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localToInstant(fields: LocalTime, timeZone: string): number | null {
  const { year, month, day, hour, minute, second } = fields;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const key = `${timeZone} ${year}-${month}-${day} ${hour}`;
  let start = hourCache.get(key);
  if (start === undefined) {
    start = exactInstant({ year, month, day, hour, minute: 0, second: 0 }, timeZone);
    const end = exactInstant({ year, month, day, hour, minute: 59, second: 59 }, timeZone);
    // An hour in which the offset changes is computed exactly, minute by minute.
    if (start !== null && end !== start + HOUR - 1000) start = null;
    hourCache.set(key, start);
    if (start === null) return exactInstant(fields, timeZone);
  }
  if (start === null) return exactInstant(fields, timeZone);
  return start + minute * 60_000 + second * 1000;
}

function exactInstant(fields: LocalTime, timeZone: string): number | null {
  try {
    const local = Temporal.PlainDateTime.from(fields, { overflow: 'reject' });
    // In the hour the clocks go back, the earlier of the two readings; in the hour they skip,
    // the time after the gap (Temporal's `compatible`, as calendars and ServiceNow do it).
    return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  } catch {
    return null;
  }
}

/** An ISO 8601 instant with an offset (APIs and Markdown front matter), or null. */
export function parseIsoInstant(text: string): number | null {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return null;
  try {
    return Temporal.Instant.from(text.trim()).epochMilliseconds;
  } catch {
    return null;
  }
}

/** Whether `zone` is an IANA time zone Temporal knows. */
export function isTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
