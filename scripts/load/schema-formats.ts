/**
 * The string formats of the JSON Schemas, for the generated validators
 * (scripts/load/gen-validators.ts): ajv-formats' full formats, with a quick check in front of
 * `date-time` and `date` for the forms Opsbook and most tools write (`2026-03-02T09:00:00+01:00`,
 * `2026-03-02T08:00:00Z`, `2026-03-02`), and of `uri` for plain web addresses
 * (`https://status.example.com/path`). A string the quick check accepts is one ajv-formats
 * accepts too; any other string is judged by ajv-formats itself, so the formats mean exactly
 * what they meant. Tickets hold a dozen instants each, and ajv-formats' regular expressions and
 * splits were a third of a ticket's schema check; its `uri` expression takes about 1 ms a string
 * (6 ms the first time), for `organization.url` in every command that reads opsbook.yaml.
 */
import type { FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { plainEpochDay, plainInstantMs } from '../model/time.ts';

type StringFormat = FormatDefinition<string> & { validate: (value: string) => boolean };

const fullDateTime = fullFormats['date-time'] as StringFormat;
const fullDate = fullFormats.date as StringFormat;
/** A plain function in ajv-formats (the generated validators call it as one). */
const fullUri = fullFormats.uri as (text: string) => boolean;

/**
 * http(s), a host of letters, digits, `-`, `.`, `_` and `~`, a port, path segments of the same
 * characters and a query of those and `=` and `&`: each part a narrower form of RFC 3986's.
 */
const PLAIN_WEB_ADDRESS =
  /^https?:\/\/[a-z0-9\-._~]+(?::\d{1,5})?(?:\/[a-z0-9\-._~]*)*(?:\?[a-z0-9\-._~=&]*)?$/i;

/** Every format of ajv-formats, `date-time`, `date` and `uri` with the quick check in front. */
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
  uri: (text: string) => PLAIN_WEB_ADDRESS.test(text) || fullUri(text),
};
