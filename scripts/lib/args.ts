/**
 * Shared argument handling: strict flag parsing with one-line errors, and `--at`.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
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
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    throw new ExitError(`--${flag} "${value}" is not a valid ISO 8601 instant`);
  }
}

/** The local date (YYYY-MM-DD) of an instant in a time zone; UTC when the zone is unknown. */
export function localDate(ms: number, timeZone: string): string {
  const instant = Temporal.Instant.fromEpochMilliseconds(ms);
  try {
    return instant.toZonedDateTimeISO(timeZone).toPlainDate().toString();
  } catch {
    return instant.toZonedDateTimeISO('UTC').toPlainDate().toString();
  }
}

/** An instant as local ISO 8601 with offset in a zone, to the second: `2026-03-02T13:00:00+01:00`. */
export function localIso(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(ms / 1000) * 1000)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}
