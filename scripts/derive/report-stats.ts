/**
 * Small, deterministic statistics for the periodic report: counts by key, medians and means,
 * shares. Numbers are rounded once, here, so JSON and Markdown say the same.
 */

/** Plain code-point order: the same on every machine and in every locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts as a plain object with keys in code-point order. */
export type Counts = Record<string, number>;

export class Counter {
  // A box per key: counting a key seen before is one look-up (a report counts each of 100,000
  // tickets under a dozen keys).
  readonly #map = new Map<string, { n: number }>();

  add(key: string, n = 1): void {
    const box = this.#map.get(key);
    if (box) box.n += n;
    else this.#map.set(key, { n });
  }

  get(key: string): number {
    return this.#map.get(key)?.n ?? 0;
  }

  /** Keys in code-point order, optionally with some keys always present (with 0). */
  toObject(always: readonly string[] = []): Counts {
    for (const k of always) if (!this.#map.has(k)) this.#map.set(k, { n: 0 });
    return Object.fromEntries(
      [...this.#map.entries()].sort((a, b) => byCodePoint(a[0], b[0])).map(([k, box]) => [k, box.n]),
    );
  }
}

/** Entries by count, largest first, then by key: the order of "top" lists. */
export function rankCounts(counts: Counts): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]));
}

/** Rounded to `digits` decimals; -0 becomes 0. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}

/** A share 0..1 to four decimals, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 4) : null;
}

export interface Summary {
  count: number;
  /** In the unit of the values, to one decimal; null without values. */
  median: number | null;
  mean: number | null;
}

/** Count, median and mean of the values. */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { count: 0, median: null, mean: null };
  let sum = 0;
  for (const v of values) sum += v;
  return { count: n, median: round(median(values), 1), mean: round(sum / n, 1) };
}

/**
 * The median: the middle value in ascending order, or the mean of the two middle values. Found
 * by selection (quickselect), in linear time rather than by sorting all values (the report's
 * handling times hold a value per ticket); with NaN among the values, by sorting (NaN last).
 */
export function median(values: readonly number[]): number {
  const n = values.length;
  const a = Float64Array.from(values);
  const mid = n >> 1;
  if (a.some(Number.isNaN)) {
    a.sort();
    return n % 2 === 1 ? (a[mid] as number) : ((a[mid - 1] as number) + (a[mid] as number)) / 2;
  }
  select(a, mid);
  if (n % 2 === 1) return a[mid] as number;
  // After the selection every value before `mid` is at most a[mid]: the largest of them is the other middle value.
  let below = a[0] as number;
  for (let i = 1; i < mid; i++) if ((a[i] as number) > below) below = a[i] as number;
  return (below + (a[mid] as number)) / 2;
}

/** Reorders `a` so that a[k] is the value sorting puts there, with none larger before it and none smaller after it. */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // The median of three as the pivot; Hoare partition.
    const m = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[m] as number;
    const z = a[hi] as number;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** The map's value for `key`, created by `make` when absent. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
