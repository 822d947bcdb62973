/**
 * Zone offsets in numbers: the zone's UTC offset transitions are read once from Temporal per
 * stretch of years, every later local→UTC step is a binary search over them (Temporal per
 * instant would dominate the SLA clocks' time). And, from them, the one way Opsbook tells the
 * local date of an instant (`localDate`) and its local wall-clock time (`localWallClock`).
 */
import { Temporal } from 'temporal-polyfill';
import { DAY_MS as DAY, INSTANT_LIMIT, pad2 } from './time.ts';

const YEAR = 365 * DAY;

/**
 * The UTC offsets of one zone over a stretch of instants `[lo, hi)`: `offsets[i]` holds from
 * `transitions[i]` on, `baseOffset` before the first transition. Grown on demand.
 */
export interface ZoneOffsets {
  readonly zone: string;
  lo: number;
  hi: number;
  transitions: number[];
  offsets: number[];
  baseOffset: number;
}

function coverZone(z: ZoneOffsets, t: number): void {
  let lo: number;
  let hi: number;
  if (z.lo >= z.hi) {
    lo = t - 3 * YEAR;
    hi = t + 3 * YEAR;
  } else {
    const grow = Math.max(3 * YEAR, (z.hi - z.lo) / 2);
    lo = t < z.lo ? t - grow : z.lo;
    hi = t >= z.hi ? t + grow : z.hi;
  }
  lo = Math.max(Math.floor(lo), -INSTANT_LIMIT);
  hi = Math.min(Math.ceil(hi), INSTANT_LIMIT);
  if (!(t >= lo && t < hi)) throw new RangeError(`instant ${t} is outside the supported range`);
  let zdt = Temporal.Instant.fromEpochMilliseconds(lo).toZonedDateTimeISO(z.zone);
  const transitions: number[] = [];
  const offsets: number[] = [];
  const baseOffset = zdt.offsetNanoseconds / 1e6;
  for (;;) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= hi) break;
    transitions.push(next.epochMilliseconds);
    offsets.push(next.offsetNanoseconds / 1e6);
    zdt = next;
  }
  z.lo = lo;
  z.hi = hi;
  z.transitions = transitions;
  z.offsets = offsets;
  z.baseOffset = baseOffset;
}

/** UTC offset in milliseconds (local = UTC + offset) of `zone` at instant `t`. */
export function offsetAt(z: ZoneOffsets, t: number): number {
  if (!(t >= z.lo && t < z.hi)) coverZone(z, t);
  const tr = z.transitions;
  let lo = 0;
  let hi = tr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tr[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? z.baseOffset : (z.offsets[lo - 1] as number);
}

/**
 * The instant of a local wall-clock time (`wall` = the local date-time read as if it were UTC,
 * in epoch milliseconds) with Temporal's `compatible` disambiguation: a skipped time moves
 * forward by the gap, a repeated one takes the earlier instant. Assumes no two offset changes
 * within two days of each other (true of every zone in the tz database since 1970).
 */
export function instantOfWall(z: ZoneOffsets, wall: number): number {
  const before = offsetAt(z, wall - DAY);
  const after = offsetAt(z, wall + DAY);
  if (before === after) return wall - before;
  const a = wall - before;
  const b = wall - after;
  const aValid = offsetAt(z, a) === before;
  const bValid = offsetAt(z, b) === after;
  if (aValid && bValid) return Math.min(a, b);
  if (aValid) return a;
  if (bValid) return b;
  return a;
}

const sharedZones = new Map<string, ZoneOffsets>();

/**
 * The offsets of the zone named `zone`, one record per zone for the whole process (the business
 * calendars and every local date and time share it), its transitions read on demand by offsetAt.
 */
export function zoneOffsetsOf(zone: string): ZoneOffsets {
  let z = sharedZones.get(zone);
  if (!z) {
    z = { zone, lo: 0, hi: 0, transitions: [], offsets: [], baseOffset: 0 };
    sharedZones.set(zone, z);
  }
  return z;
}

/**
 * UTC offset in milliseconds of the zone named `zone` at instant `t` (for output that shows many
 * instants in a few zones). A zone Temporal does not know throws its RangeError.
 */
export function zoneOffsetAt(zone: string, t: number): number {
  return offsetAt(zoneOffsetsOf(zone), t);
}

/** Instants whose local date has four digits in every zone (a day inside the years 1000 to 9999). */
const FOUR_DIGIT_YEARS: readonly [number, number] = [Date.UTC(1000, 0, 2), Date.UTC(9999, 11, 30)];

/**
 * The local wall-clock time of instant `t` in the zone named `zone`: a Date whose UTC fields
 * are the local ones, and the offset in milliseconds. Null for instants outside four-digit years
 * and for offsets that are not whole minutes (local mean time before 1900): callers leave those
 * to Temporal, as everything else is in the tests.
 */
export function localWallClock(zone: string, t: number): { wall: Date; offset: number } | null {
  if (!(t >= FOUR_DIGIT_YEARS[0] && t <= FOUR_DIGIT_YEARS[1])) return null;
  const offset = zoneOffsetAt(zone, t);
  if (offset % 60_000 !== 0) return null;
  return { wall: new Date(t + offset), offset };
}

/** `YYYY-MM-DD` of a localWallClock's wall time. */
export function wallDate(wall: Date): string {
  return `${wall.getUTCFullYear()}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}`;
}

/**
 * The local date (`YYYY-MM-DD`) of an instant (epoch ms) in a time zone; UTC when Temporal does
 * not know the zone (`opsbook validate` reports it). From the zone's offsets read once, else as
 * Temporal gives it.
 */
export function localDate(ms: number, zone: string): string {
  try {
    const local = localWallClock(zone, ms);
    if (local) return wallDate(local.wall);
    return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString();
  } catch (error) {
    if (!(error instanceof RangeError) || zone === 'UTC') throw error;
    return localDate(ms, 'UTC');
  }
}
