/**
 * Text of dates and numbers in one language and zone, with no tie to a build: the pages reach
 * them through format.ts (the build's language and the organisation's zone), and the ticket pages
 * that the integration writes after Astro's build (site/integrations/ticket-pages.ts) directly.
 * The language script (site/src/client/i18n.js) re-renders the same elements in the reader's
 * language with the same options: /opsbook.js hands it `intlOptions` as data.
 */

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
  let instant: Intl.DateTimeFormat | null = null;
  let date: Intl.DateTimeFormat | null = null;
  let month: Intl.DateTimeFormat | null = null;
  let percent: Intl.NumberFormat | null = null;
  const instants = new Map<string, string>();
  return {
    instant(iso) {
      // A ticket's page shows most of its instants more than once (start, first update, report).
      const known = instants.get(iso);
      if (known !== undefined) return known;
      instant ??= new Intl.DateTimeFormat(locale, instantOptions(timeZone));
      const ms = Date.parse(iso);
      const shown = Number.isNaN(ms) ? iso : instant.format(ms);
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

/** Working minutes as "2 h 05 min" (the same in every language the site has). */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}
