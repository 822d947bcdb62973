/**
 * Instants in the model are ISO 8601 strings with an offset (validated by the schemas).
 * Arithmetic happens on epoch milliseconds.
 */

const HAS_OFFSET = /T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch milliseconds of an ISO 8601 / RFC 3339 instant with offset, or NaN when it is not one.
 * Accepts what the schemas accept: `t`/space separators, `z`, offsets `+01`, `+0100`, `+01:00`;
 * a leap second (`:60`) counts as the last millisecond of its minute.
 */
export function instantMs(iso: string): number {
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
  const [, date, hm, sec, fraction = '', zone = 'Z'] = m as unknown as string[];
  const offset = /^[Zz]$/.test(zone as string)
    ? 'Z'
    : `${(zone as string).slice(0, 3)}:${(zone as string).replace(':', '').slice(3) || '00'}`;
  if (sec === '60') return Date.parse(`${date}T${hm}:59.999${offset}`);
  return Date.parse(`${date}T${hm}:${sec}${fraction}${offset}`);
}

/** `YYYY-MM-DDTHH:MM:SSZ` (no milliseconds unless there are some). */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** Days since 1970-01-01 of a plain `YYYY-MM-DD` date (calendar arithmetic without zones). */
export function epochDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}
