/**
 * SLA target durations (docs/sla.md): `Nm` / `Nh` are minutes / hours of working time on the
 * policy's business calendar, `Nbd` is N business days. N is a whole number, 0 included.
 */

/** A target in working minutes (`30m`, `8h`) or in business days (`2bd`). */
export type Duration = { kind: 'working'; minutes: number } | { kind: 'business-days'; days: number };

/**
 * Upper bounds that keep a typo (`80000bd`) from making the calendar tables span millennia:
 * 10,000,000 working minutes is 19 years around the clock, 10,000 business days about 40 years.
 */
const MAX_WORKING_MINUTES = 10_000_000;
const MAX_BUSINESS_DAYS = 10_000;

const DURATION = /^(\d{1,9})(m|h|bd)$/;

/** The duration that `text` denotes, or null when it is not one (see {@link durationProblem}). */
export function parseDuration(text: string): Duration | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  switch (match[2]) {
    case 'm':
      return n <= MAX_WORKING_MINUTES ? { kind: 'working', minutes: n } : null;
    case 'h':
      return n * 60 <= MAX_WORKING_MINUTES ? { kind: 'working', minutes: n * 60 } : null;
    default:
      return n <= MAX_BUSINESS_DAYS ? { kind: 'business-days', days: n } : null;
  }
}

/** Why `text` is no valid duration, for a finding; null when it is one. */
export function durationProblem(text: string): string | null {
  if (parseDuration(text) !== null) return null;
  const match = DURATION.exec(text);
  if (match) {
    return match[2] === 'bd'
      ? `duration "${text}" is longer than ${MAX_BUSINESS_DAYS} business days`
      : `duration "${text}" is longer than ${MAX_WORKING_MINUTES} working minutes`;
  }
  return `"${text}" is no duration: expected a whole number followed by m (minutes), h (hours) or bd (business days), e.g. 30m, 8h, 2bd`;
}

/** The duration as it is written in opsbook.yaml (`90m` stays `90m`, whole hours become `Nh`). */
export function formatDuration(duration: Duration): string {
  if (duration.kind === 'business-days') return `${duration.days}bd`;
  return duration.minutes % 60 === 0 && duration.minutes > 0
    ? `${duration.minutes / 60}h`
    : `${duration.minutes}m`;
}
