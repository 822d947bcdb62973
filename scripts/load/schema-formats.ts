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
import { plainEpochDay, plainInstantMs } from '../model/time.ts';

type StringFormat = FormatDefinition<string> & { validate: (value: string) => boolean };

const fullDateTime = fullFormats['date-time'] as StringFormat;
const fullDate = fullFormats.date as StringFormat;

/** Every format of ajv-formats, `date-time` and `date` with the quick check in front. */
export const schemaFormats: Record<string, unknown> = {
  ...fullFormats,
  'date-time': {
    ...fullDateTime,
    validate: (text: string) => !Number.isNaN(plainInstantMs(text)) || fullDateTime.validate(text),
  },
  date: {
    ...fullDate,
    validate: (text: string) =>
      (text.length === 10 && !Number.isNaN(plainEpochDay(text))) || fullDate.validate(text),
  },
};
