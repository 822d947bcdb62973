/**
 * The report's medians (MTTA, MTTR) are found by selection, not by sorting every value; they
 * must be what sorting gives: the middle value, or the mean of the two middle ones.
 */
import { describe, expect, it } from 'vitest';
import { median, summarize } from '../../scripts/derive/report-stats.ts';

/** The definition: sort ascending, take the middle. */
function sortedMedian(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe('median', () => {
  it('is what sorting gives, for lists of every length, with repeats, ascending, descending and shuffled', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let t = 0; t < 4000; t++) {
      const n = 1 + Math.floor(random() * 60);
      const kind = t % 4;
      const values = Array.from({ length: n }, () =>
        kind === 0
          ? Math.floor(random() * 5)
          : kind === 1
            ? random() * 1000 - 500
            : kind === 2
              ? 7
              : random() * 3,
      );
      if (t % 3 === 0) values.sort((a, b) => a - b);
      if (t % 5 === 0) values.sort((a, b) => b - a);
      expect(median(values)).toBe(sortedMedian(values));
    }
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 1])).toBe(5.5);
    expect(summarize([30, 10, 20, 1000])).toEqual({ count: 4, median: 25, mean: 265 });
  });

  it('sorts NaN last, as sorting does', () => {
    expect(median([Number.NaN, 1, 2])).toBe(2);
    expect(median([3, Number.NaN, 1, 2])).toBe(2.5);
  });
});
