/**
 * The validators' `date-time`, `date` and `uri` formats (scripts/load/schema-formats.ts) take a
 * quick path for the common forms; these tests hold them to ajv-formats' answer on every string.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/random.ts';
import { schemaFormats } from '../../scripts/load/schema-formats.ts';
import { checkAgainstSchema } from '../../scripts/load/schema-validation.ts';

type Check = { validate: (text: string) => boolean };

/**
 * The seeds and, per seed, `perSeed` copies with one or two edits each: a character replaced,
 * deleted or inserted from `alphabet`, or (with `digits`, half the edits) a digit changed into
 * another.
 */
function mutated(
  seeds: readonly string[],
  options: { seed: number; perSeed: number; alphabet: string; digits: boolean },
): string[] {
  const rnd = mulberry32(options.seed);
  const { alphabet } = options;
  const strings = [...seeds];
  for (const seed of seeds) {
    for (let k = 0; k < options.perSeed; k++) {
      const chars = [...seed];
      const edits = 1 + Math.floor(rnd() * 2);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * chars.length);
        const what = rnd();
        const c = alphabet[Math.floor(rnd() * alphabet.length)] as string;
        if (options.digits && what < 0.5 && /\d/.test(chars[at] ?? ''))
          chars[at] = String(Math.floor(rnd() * 10));
        else if (what < 0.6) chars[at] = c;
        else if (what < 0.8) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      strings.push(chars.join(''));
    }
  }
  return strings;
}
const ours = (name: string) => schemaFormats[name] as Check;
const reference = (name: string) => fullFormats[name as keyof typeof fullFormats] as Check;

describe('the schemas’ date-time and date formats', () => {
  it('answer as ajv-formats does on hand-picked and mutated instants and days', () => {
    const seeds = [
      '2026-03-02T09:00:00+01:00',
      '2026-03-02T08:00:00Z',
      '2024-02-29T23:59:59-12:00',
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '2026-12-31T23:59:60Z',
      '2026-06-30T23:59:60+00:00',
      '2026-04-31T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-00-10T10:00:00Z',
      '2026-01-00T10:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:00+24:00',
      '2026-01-01T10:00:00+01:60',
      '2026-01-01t10:00:00z',
      '2026-01-01 10:00:00+01:00',
      '2026-01-01T10:00:00.123+01:00',
      '2026-01-01T10:00:00+0100',
      '2026-01-01T10:00:00+01',
      '2026-01-01T10:00:00',
      '2026-01-01T10:00Z',
      '２０２６-01-01T10:00:00Z',
      '2026-03-02',
      '2024-02-29',
      '2025-02-29',
      '2026-3-02',
    ];
    // Half the edits change one digit into another: mostly still the same form.
    const strings = mutated(seeds, {
      seed: 42,
      perSeed: 400,
      alphabet: '0123456789-:TtZz+ .x',
      digits: true,
    });
    let accepted = 0;
    for (const text of strings) {
      for (const name of ['date-time', 'date']) {
        const answer = ours(name).validate(text);
        expect(answer, `${name} ${JSON.stringify(text)}`).toBe(reference(name).validate(text));
        if (answer) accepted++;
      }
    }
    // The mutations keep many strings valid, so both answers are exercised.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('still refuse a day that does not exist in a ticket', () => {
    const ticket = {
      id: 'INC-2026-0001',
      title: 'Mail is down',
      kind: 'incident',
      status: 'new',
      impact: 'high',
      urgency: 'high',
      reported_at: '2026-02-29T09:00:00+01:00',
    };
    expect(checkAgainstSchema('ticket', ticket).ok).toBe(false);
    expect(checkAgainstSchema('ticket', { ...ticket, reported_at: '2028-02-29T09:00:00+01:00' }).ok).toBe(
      true,
    );
  });

  it('answer `uri` as ajv-formats does on hand-picked and mutated addresses', () => {
    const seeds = [
      'https://status.example-it.de',
      'http://status.example.com:8080/opsbook/',
      'https://example.org/a/b.html?x=1&y=two',
      'https://example.org/path with space',
      'https://exa mple.org',
      'https://',
      'https:/example.org',
      'https://example.org:99999999/',
      'https://[::1]/status',
      'mailto:desk@example.org',
      'https://user@example.org/',
      'https://example.org/%41%zz',
      'ftp://files.example.org/x',
      'status.example.org',
      '//example.org/x',
      'HTTPS://EXAMPLE.ORG/Upper',
      'https://exämple.org/',
    ];
    const alphabet = 'az09-._~:/?#[]@!$&()*+,;=% "<>\\^`{|}ä';
    const strings = mutated(seeds, { seed: 7, perSeed: 300, alphabet, digits: false });
    const uri = schemaFormats.uri as (text: string) => boolean;
    const full = fullFormats.uri as (text: string) => boolean;
    let accepted = 0;
    for (const text of strings) {
      const answer = uri(text);
      expect(answer, JSON.stringify(text)).toBe(full(text));
      if (answer) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
