/**
 * The units of the calendar modules (docs/sla.md): every instant is **epoch milliseconds**
 * (`number`, UTC, as `Date.parse` returns it), every local date an **epoch day number** (the
 * local date read as if it were a UTC date, divided by a day). Kept apart so that spec checks,
 * zone offsets, holidays and the day table agree on them without importing each other.
 */

import { DAY_MS, INSTANT_LIMIT } from '../../model/time.ts';

export { INSTANT_LIMIT };
export const MINUTE = 60_000;
export const DAY = DAY_MS;
export const YEAR = 365 * DAY;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of a plain `YYYY-MM-DD` date, or NaN when it is no valid date. */
export function epochDayOfDate(text: string): number {
  const m = PLAIN_DATE.exec(text);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return Number.NaN;
  }
  return ms / DAY;
}

export function assertInstant(ms: number, name: string): void {
  if (!Number.isFinite(ms) || Math.abs(ms) > INSTANT_LIMIT - 2 * YEAR) {
    throw new RangeError(`${name} must be an instant in epoch milliseconds, got ${ms}`);
  }
}
