/**
 * Instants and their units, in one place. Instants in the model are ISO 8601 strings with an
 * offset (validated by the schemas); arithmetic happens on epoch milliseconds. A function here
 * names the unit it takes or gives: `…Ms` epoch milliseconds, `…Seconds` epoch seconds (Git),
 * `iso…` text. Plain dates (`YYYY-MM-DD`) are counted in epoch days.
 */

/**
 * The years Opsbook computes with: times and dates in files outside them are validation errors
 * (`time/range`) and `--at` outside them exits 2. Far enough for any ticket's history, and
 * near enough that date libraries (`date-holidays`, Temporal) and calendar tables stay in
 * their comfortable range.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;
/** The JSON Schemas' pattern for an instant or date in those years (as written, offset aside). */
export const SUPPORTED_YEARS_PATTERN = '^(19[0-9]{2}|2[0-9]{3})-';

const HAS_OFFSET = /T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch milliseconds of an ISO 8601 / RFC 3339 instant with offset, or NaN when it is not one.
 * Accepts what the schemas accept: `t`/space separators, `z`, offsets `+01`, `+0100`, `+01:00`;
 * a leap second (`:60`) counts as the last millisecond of its minute.
 */
export function instantMs(iso: string): number {
  const plain = plainInstantMs(iso);
  if (!Number.isNaN(plain)) return plain;
  // The common form, `YYYY-MM-DDTHH:MM:SS` plus `Z` or `±HH:MM`, goes straight to Date.parse.
  const n = iso.length;
  const tail = iso.charCodeAt(n - 1);
  if (
    iso.charCodeAt(10) === 84 /* T */ &&
    (n === 20 ? tail === 90 /* Z */ : n === 25 && iso.charCodeAt(n - 3) === 58) /* : */ &&
    HAS_OFFSET.test(iso)
  ) {
    const fast = Date.parse(iso);
    if (!Number.isNaN(fast)) return fast;
  }
  const m = RFC3339.exec(iso);
  if (!m) return Number.NaN;
  // The regex's first three groups are not optional, so they are set whenever it matched.
  const [, date, hm, sec, fraction = '', zone = 'Z'] = m;
  const offset = /^[Zz]$/.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(':', '').slice(3) || '00'}`;
  if (sec === '60') return Date.parse(`${date}T${hm}:59.999${offset}`);
  return Date.parse(`${date}T${hm}:${sec}${fraction}${offset}`);
}

/** The two-digit number at `i`, or NaN. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * `YYYY-MM-DDTHH:MM:SS` plus `Z` or `±HH:MM`, every part in its range, counted by hand (the SLA
 * clocks read a dozen instants per ticket, and this is several times quicker than Date.parse);
 * NaN for any other text, which instantMs then reads as before. A number here is an instant
 * every RFC 3339 reader accepts: the schemas' `date-time` check takes it as its quick path.
 */
export function plainInstantMs(iso: string): number {
  const n = iso.length;
  if (n !== 20 && n !== 25) return Number.NaN;
  if (iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58) return Number.NaN;
  const days = plainEpochDay(iso);
  const hour = twoDigits(iso, 11);
  const minute = twoDigits(iso, 14);
  const second = twoDigits(iso, 17);
  if (Number.isNaN(days) || !(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  let offsetMinutes = 0;
  if (n === 20) {
    if (iso.charCodeAt(19) !== 90) return Number.NaN;
  } else {
    const sign = iso.charCodeAt(19);
    const offsetHour = twoDigits(iso, 20);
    const offsetMinute = twoDigits(iso, 23);
    if ((sign !== 43 && sign !== 45) || iso.charCodeAt(22) !== 58) return Number.NaN;
    if (!(offsetHour <= 23 && offsetMinute <= 59)) return Number.NaN;
    offsetMinutes = (sign === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000;
}

/**
 * Days since 1970-01-01 of the `YYYY-MM-DD` the text starts with, counted by hand; NaN unless
 * those are ASCII digits naming a day that exists.
 */
export function plainEpochDay(text: string): number {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (Number.isNaN(year) || !(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    return Number.NaN;
  }
  return daysFromCivil(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm, as isoUtc). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A whole number from 0 to 99 as two digits (`7` → `07`): the fields of dates and times. */
export const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Milliseconds in a day of plain-date arithmetic (no zones, so no daylight saving). */
export const DAY_MS = 86_400_000;

/** Temporal's instant range: ±10^8 days around the epoch. */
export const INSTANT_LIMIT = 8.64e15;

/** Epoch milliseconds to `YYYY-MM-DDTHH:MM:SSZ` (no milliseconds unless there are some). */
export function isoUtc(ms: number): string {
  const seconds = ms / 1000;
  if (!Number.isInteger(seconds) || ms < 0 || ms >= 253402300800000) {
    const iso = new Date(ms).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
  }
  // Whole seconds in years 1970-9999, formatted by hand: the SLA output has hundreds of
  // thousands of these. Civil date from days since the epoch (H. Hinnant's algorithm).
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mm = Math.floor(rest / 60);
  const ss = rest - mm * 60;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}Z`;
}

/** Epoch milliseconds to `YYYY-MM-DDTHH:MM:SSZ`, the milliseconds cut (rounded down to the second). */
export function isoUtcToSecond(ms: number): string {
  return isoUtc(Math.floor(ms / 1000) * 1000);
}

/** Epoch seconds (Git's unit) to `YYYY-MM-DDTHH:MM:SSZ`. */
export function isoUtcOfSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Epoch milliseconds to `YYYY-MM-DDTHH:MM:SS.sssZ`, always with milliseconds: the form the
 * Statuspage API, Discord and the Atom feed write.
 */
export function isoUtcMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** An ISO instant with any offset rewritten as UTC with milliseconds (as isoUtcMillis). */
export function isoUtcMillisOf(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

/** Epoch milliseconds to RFC 5545's UTC date-time `20261221T070000Z` (whole seconds, rounded down). */
export function icalendarUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Days since 1970-01-01 of a plain `YYYY-MM-DD` date (calendar arithmetic without zones). */
export function epochDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The plain `YYYY-MM-DD` date of a count of epoch days (the inverse of epochDay). */
export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
