/**
 * Shared argument handling: strict flag parsing with one-line errors, and `--at`.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { FIRST_YEAR, LAST_YEAR, SUPPORTED_YEARS_PATTERN } from '../model/time.ts';
import { ExitError } from './errors.ts';
import type { CommandIo } from './io.ts';

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message =
      (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ??
      'bad arguments';
    throw new ExitError(`${message} (see opsbook ${command} --help)`);
  }
}

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ExitError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

/** The instant of `--at` in epoch milliseconds; the wall clock when absent. */
export function parseAt(value: string | undefined, io: CommandIo): number {
  if (value === undefined) return io.now();
  return parseInstantFlag(value, 'at');
}

/** An instant given with `--<flag>` in epoch milliseconds; exit 2 naming the flag when it is none. */
export function parseInstantFlag(value: string, flag: string): number {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    throw new ExitError(
      `--${flag} "${value}" needs a UTC offset, e.g. 2026-03-02T12:00:00Z or 2026-03-02T13:00:00+01:00`,
    );
  }
  let ms: number;
  try {
    ms = Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    throw new ExitError(`--${flag} "${value}" is not a valid ISO 8601 instant`);
  }
  // As in the files: the year as written (an extended `+275760-…` year is none of them).
  if (!new RegExp(SUPPORTED_YEARS_PATTERN).test(value)) {
    throw new ExitError(`--${flag} "${value}" is outside the supported years ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  return ms;
}

/** A `YYYY-MM-DD` flag's value, or exit 2 when it is no real date in the supported years. */
export function parseDateFlag(flag: string, value: string): string {
  let valid = false;
  try {
    valid = Temporal.PlainDate.from(value, { overflow: 'reject' }).toString() === value;
  } catch {
    // not a date at all
  }
  if (!valid) throw new ExitError(`--${flag} "${value}" is not a date YYYY-MM-DD`);
  if (!new RegExp(SUPPORTED_YEARS_PATTERN).test(value)) {
    throw new ExitError(`--${flag} "${value}" is outside the supported years ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  return value;
}

/** An instant as local ISO 8601 with offset in a zone, to the second: `2026-03-02T13:00:00+01:00`. */
export function localIso(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(ms / 1000) * 1000)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}
