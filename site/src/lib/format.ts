/**
 * Server-side text of dates and numbers in the page language and the organisation's zone
 * (formatters.ts, built once per build).
 */
import { intlLocale } from '../i18n/index.ts';
import { type Formatters, formatters } from './formatters.ts';
import { site } from './model.ts';

export { formatMinutes, intlOptions } from './formatters.ts';

let built: Formatters | null = null;

/** The formatters of this build: its language, the organisation's zone. */
export function pageFormatters(): Formatters {
  built ??= formatters(intlLocale(), site().model.organization.timezone);
  return built;
}

/** "23 Nov 2026, 07:12 CET" for a UTC ISO instant, in the organisation's zone. */
export const formatInstant = (iso: string): string => pageFormatters().instant(iso);

/** "23 Nov 2026" for a local date `YYYY-MM-DD` (already in the organisation's zone). */
export const formatDate = (date: string): string => pageFormatters().date(date);

/** "November 2026" for a local month `YYYY-MM`. */
export const formatMonth = (month: string): string => pageFormatters().month(month);

/** "99.96 %" for an availability in percent (rounded down). */
export const formatPercent = (value: number): string => pageFormatters().percent(value);
