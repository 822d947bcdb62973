/**
 * The string formats of the JSON Schemas, for the generated validators
 * (scripts/load/gen-validators.ts): ajv-formats' full formats, with a quick check in front of
 * `date-time` and `date` for the forms Opsbook and most tools write (`2026-03-02T09:00:00+01:00`,
 * `2026-03-02T08:00:00Z`, `2026-03-02`). A string the quick check accepts is one ajv-formats
 * accepts too; any other string is judged by ajv-formats itself, so the formats mean exactly
 * what they meant. Tickets hold a dozen instants each, and ajv-formats' regular expressions and
 * splits were a third of a ticket's schema check.
 */
import type { FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

type StringFormat = FormatDefinition<string> & { validate: (value: string) => boolean };

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two-digit number at `i`, or NaN. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/** `YYYY-MM-DD` at the start of the text, a real day. */
function startsWithDay(text: string): boolean {
  const high = twoDigits(text, 0);
  const low = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  if (!(high >= 0 && low >= 0 && month >= 1 && month <= 12 && day >= 1)) return false;
  const year = high * 100 + low;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month] as number));
}

/** `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, with every part in range. */
function plainDateTime(text: string): boolean {
  const n = text.length;
  if ((n !== 20 && n !== 25) || text.charCodeAt(10) !== 84 || !startsWithDay(text)) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  if (!(twoDigits(text, 11) <= 23 && twoDigits(text, 14) <= 59 && twoDigits(text, 17) <= 59)) return false;
  if (n === 20) return text.charCodeAt(19) === 90;
  const sign = text.charCodeAt(19);
  return (
    (sign === 43 || sign === 45) &&
    text.charCodeAt(22) === 58 &&
    twoDigits(text, 20) <= 23 &&
    twoDigits(text, 23) <= 59
  );
}

const fullDateTime = fullFormats['date-time'] as StringFormat;
const fullDate = fullFormats.date as StringFormat;

/** Every format of ajv-formats, `date-time` and `date` with the quick check in front. */
export const schemaFormats: Record<string, unknown> = {
  ...fullFormats,
  'date-time': {
    ...fullDateTime,
    validate: (text: string) => plainDateTime(text) || fullDateTime.validate(text),
  },
  date: {
    ...fullDate,
    validate: (text: string) => (text.length === 10 && startsWithDay(text)) || fullDate.validate(text),
  },
};
