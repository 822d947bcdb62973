/**
 * Text of dates and numbers in one language and zone, with no tie to a build: the pages reach
 * them through format.ts (the build's language and the organisation's zone), and the ticket pages
 * that the integration writes after Astro's build (site/integrations/ticket-pages.ts) directly.
 * The language script (site/src/client/i18n.js) re-renders the same elements in the reader's
 * language with the same options: /opsbook.js hands it `intlOptions` as data.
 */
import { DAY_MS, pad2 } from '../../../scripts/model/time.ts';
import { zoneOffsetAt } from '../../../scripts/model/zone-offsets.ts';

/**
 * Options for an instant: Intl refuses `timeZoneName` together with `dateStyle`/`timeStyle`,
 * so the medium date and short time are spelled out by their parts.
 */
function instantOptions(timeZone: string): Intl.DateTimeFormatOptions {
  return {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  };
}

/** A local date, already in the organisation's zone. */
const DATE_OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };

/** A local month `YYYY-MM` (the archive's headings): "November 2026". */
const MONTH_OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', timeZone: 'UTC' };

/** Rounded down, so a day with a short outage never reads 100 %. */
const PERCENT_OPTIONS: Intl.NumberFormatOptions = {
  style: 'percent',
  maximumFractionDigits: 2,
  roundingMode: 'floor',
};

/** All three, as /opsbook.js hands them to the language script. */
export function intlOptions(timeZone: string) {
  return {
    instant: instantOptions(timeZone),
    date: DATE_OPTIONS,
    month: MONTH_OPTIONS,
    percent: PERCENT_OPTIONS,
  };
}

export interface Formatters {
  /** "23 Nov 2026, 07:12 CET" for a UTC ISO instant, in the zone. */
  instant(iso: string): string;
  /** "23 Nov 2026" for a local date `YYYY-MM-DD` (already in the zone). */
  date(date: string): string;
  /** "November 2026" for a local month `YYYY-MM`. */
  month(month: string): string;
  /** "99.96 %" for an availability in percent (rounded down). */
  percent(value: number): string;
}

/** Formatters for a language (its Intl tag) and a zone; each Intl object is built on first use. */
export function formatters(locale: string, timeZone: string): Formatters {
  let date: Intl.DateTimeFormat | null = null;
  let month: Intl.DateTimeFormat | null = null;
  let percent: Intl.NumberFormat | null = null;
  const instants = new Map<string, string>();
  let days: DayTexts | null = null;
  return {
    instant(iso) {
      // A ticket's page shows most of its instants more than once (start, first update, report).
      const known = instants.get(iso);
      if (known !== undefined) return known;
      days ??= new DayTexts(new Intl.DateTimeFormat(locale, instantOptions(timeZone)), timeZone);
      const ms = Date.parse(iso);
      const shown = Number.isNaN(ms) ? iso : days.format(ms);
      if (instants.size >= 10_000) instants.clear();
      instants.set(iso, shown);
      return shown;
    },
    date(value) {
      date ??= new Intl.DateTimeFormat(locale, DATE_OPTIONS);
      const ms = Date.parse(`${value}T00:00:00Z`);
      return Number.isNaN(ms) ? value : date.format(ms);
    },
    month(value) {
      month ??= new Intl.DateTimeFormat(locale, MONTH_OPTIONS);
      const ms = Date.parse(`${value}-01T00:00:00Z`);
      return Number.isNaN(ms) ? value : month.format(ms);
    },
    percent(value) {
      percent ??= new Intl.NumberFormat(locale, PERCENT_OPTIONS);
      return percent.format(value / 100);
    },
  };
}

const MINUTE_MS = 60_000;

/** A day's text, with the hour and the minute to put in: `before` HH `mid` MM `after`. */
interface DayText {
  before: string;
  mid: string;
  after: string;
}

/**
 * An instant's text through the text of its local day: Intl takes about 10 µs to format one
 * instant with its zone's name, and the ticket pages of a large desk show millions of instants.
 * For each UTC day the zone's offset (scripts/model/zone-offsets.ts) is taken at its first and
 * last minute; when it is the same (a whole number of minutes) and so is the zone's name, no
 * change of offset falls in that day, and an instant's local time is the instant plus that
 * offset. Its text is then its local day's (formatted once by Intl) with its hour and minute put
 * in. Any other day is formatted by Intl instant by instant. The tests compare both, minute by
 * minute, on days when zones change.
 */
class DayTexts {
  readonly #format: Intl.DateTimeFormat;
  readonly #timeZone: string;
  /** By UTC day: the offset in ms, or null where Intl formats each instant. */
  readonly #offsets = new Map<number, number | null>();
  /** By UTC day and local day (see `format`): the local day's text, or null for Intl's own. */
  readonly #texts = new Map<number, DayText | null>();

  constructor(format: Intl.DateTimeFormat, timeZone: string) {
    this.#format = format;
    this.#timeZone = timeZone;
  }

  format(ms: number): string {
    const utcDay = Math.floor(ms / DAY_MS);
    const offset = this.#offsetOf(utcDay);
    if (offset === null) return this.#format.format(ms);
    const local = ms + offset;
    const localDay = Math.floor(local / DAY_MS);
    const minutes = Math.floor((local - localDay * DAY_MS) / MINUTE_MS);
    const hour = Math.floor(minutes / 60);
    const minute = minutes - hour * 60;
    const key = utcDay * 4 + (localDay - utcDay + 1);
    let text = this.#texts.get(key);
    if (text === undefined) {
      text = this.#dayText(ms, hour, minute);
      if (this.#texts.size >= 20_000) this.#texts.clear();
      this.#texts.set(key, text);
    }
    if (text === null) return this.#format.format(ms);
    return `${text.before}${pad2(hour)}${text.mid}${pad2(minute)}${text.after}`;
  }

  /** The zone's offset through the UTC day, or null when it changes in the day (or its name does). */
  #offsetOf(utcDay: number): number | null {
    const known = this.#offsets.get(utcDay);
    if (known !== undefined) return known;
    const first = utcDay * DAY_MS;
    const last = first + DAY_MS - MINUTE_MS;
    const offset = this.#offsetAt(first);
    const same =
      offset !== null &&
      offset % MINUTE_MS === 0 &&
      this.#offsetAt(last) === offset &&
      this.#zoneName(first) === this.#zoneName(last);
    if (this.#offsets.size >= 20_000) this.#offsets.clear();
    this.#offsets.set(utcDay, same ? offset : null);
    return same ? offset : null;
  }

  #offsetAt(ms: number): number | null {
    try {
      return zoneOffsetAt(this.#timeZone, ms);
    } catch {
      // Outside what the zone data covers: Intl formats it.
      return null;
    }
  }

  #zoneName(ms: number): string | undefined {
    return this.#format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
  }

  /** The text of the local day of `ms`, whose local hour and minute are given, or null. */
  #dayText(ms: number, hour: number, minute: number): DayText | null {
    // Cut from `format`'s text, not from the parts joined: V8 gives them different spaces
    // (ru-RU: a no-break space before "г." in one, a space in the other).
    const text = this.#format.format(ms);
    const parts = this.#format.formatToParts(ms);
    if (parts.some((part) => part.type === 'dayPeriod')) return null;
    let at = 0;
    let hourAt = -1;
    let minuteAt = -1;
    for (const part of parts) {
      if (part.type === 'hour') hourAt = at;
      if (part.type === 'minute') minuteAt = at;
      at += part.value.length;
    }
    if (
      at !== text.length ||
      hourAt < 0 ||
      minuteAt < hourAt + 2 ||
      text.slice(hourAt, hourAt + 2) !== pad2(hour) ||
      text.slice(minuteAt, minuteAt + 2) !== pad2(minute)
    )
      return null;
    return {
      before: text.slice(0, hourAt),
      mid: text.slice(hourAt + 2, minuteAt),
      after: text.slice(minuteAt + 2),
    };
  }
}

/** Working minutes as "2 h 05 min" (the same in every language the site has). */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}
