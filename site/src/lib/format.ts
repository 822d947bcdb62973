/**
 * Server-side text of dates and numbers in the page language and the organisation's zone. The
 * language script (site/src/client/i18n.js) re-renders the same elements in the reader's language
 * with the same options: /opsbook.js hands it `intlOptions` as data. Formatters are built once per
 * build.
 */
import { intlLocale } from '../i18n/index.ts';
import { site } from './model.ts';

let instantFormat: Intl.DateTimeFormat | null = null;
let dateFormat: Intl.DateTimeFormat | null = null;
let percentFormat: Intl.NumberFormat | null = null;

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

/** "23 Nov 2026, 07:12 CET" for a UTC ISO instant, in the organisation's zone. */
export function formatInstant(iso: string): string {
  instantFormat ??= new Intl.DateTimeFormat(intlLocale(), instantOptions(site().model.organization.timezone));
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : instantFormat.format(ms);
}

/** "23 Nov 2026" for a local date `YYYY-MM-DD` (already in the organisation's zone). */
export function formatDate(date: string): string {
  dateFormat ??= new Intl.DateTimeFormat(intlLocale(), DATE_OPTIONS);
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : dateFormat.format(ms);
}

let monthFormat: Intl.DateTimeFormat | null = null;

/** "November 2026" for a local month `YYYY-MM`. */
export function formatMonth(month: string): string {
  monthFormat ??= new Intl.DateTimeFormat(intlLocale(), MONTH_OPTIONS);
  const ms = Date.parse(`${month}-01T00:00:00Z`);
  return Number.isNaN(ms) ? month : monthFormat.format(ms);
}

/** "99.96 %" for an availability in percent (rounded down). */
export function formatPercent(value: number): string {
  percentFormat ??= new Intl.NumberFormat(intlLocale(), PERCENT_OPTIONS);
  return percentFormat.format(value / 100);
}

/** Working minutes as "2 h 05 min" (the same in every language the site has). */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}
