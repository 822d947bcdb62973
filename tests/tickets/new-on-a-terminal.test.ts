import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../scripts/cli/main.ts';
import { copyFixture } from '../helpers/cli.ts';

/**
 * Runs `opsbook new` on a pretend terminal: each prompt (a line ending in ": ") is answered with
 * the next answer, as a person would; everything written to the terminal is returned.
 */
async function converse(dir: string, args: string[], answers: string[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let screen = '';
  stderr.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    if (!screen.endsWith(': ')) return;
    const answer = answers.shift();
    stdin.write(`${answer ?? ''}\n`);
  });
  let stdout = '';
  const code = await run(['new', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr,
    stdin,
    env: {},
    cwd: dir,
    now: () => Date.parse('2026-11-23T08:30:00Z'),
  });
  return { code, stdout, screen, unused: answers };
}

describe('opsbook new on a terminal', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('asks for everything that decides the SLA and the status page, and re-asks a wrong answer alone', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const result = await converse(
      fixture.dir,
      ['incident'],
      [
        'Printer queue stuck', // title
        'web, printer', // services: unknown "printer"
        'web', // services again
        'huge', // impact: wrong
        'high', // impact again
        'high', // urgency
        'acme corp', // customer: wrong
        'acme', // customer again
        'telepathy', // channel: wrong
        'phone', // channel again
        'major_outage', // effect on web
        'We are investigating.', // public text
        'Called in by the CFO', // note
      ],
    );
    expect(result.code).toBe(0);
    expect(result.unused).toEqual([]);
    expect(result.screen).toContain('unknown service "printer" (known: mail, web); please answer again');
    expect(result.screen).toContain('"huge" is not one of high, medium, low; please answer again');
    expect(result.screen).toContain('"acme corp" is not one of acme; please answer again');
    expect(result.screen).toContain('Customer (acme; empty: internal): ');
    expect(result.stdout).toBe('incidents/2026/INC-2026-0100.md\n');
    const text = readFileSync(join(fixture.dir, 'incidents/2026/INC-2026-0100.md'), 'utf8');
    expect(text).toContain('title: Printer queue stuck\n');
    expect(text).toContain('impact: high\nurgency: high\n');
    expect(text).toContain('services:\n  - id: web\n    effect: major_outage\n');
    expect(text).toContain('customer: acme\nchannel: phone\n');
    expect(text).toContain('    public: We are investigating.\n    note: Called in by the CFO\n');
    // What the ticket got is said at once.
    expect(result.screen).toContain('SLA: policy standard (calendar always, UTC), priority P1');
    expect(result.screen).toContain(
      'response due 2026-11-23 09:30 (UTC); resolution due 2026-11-23 12:30 (UTC)',
    );
    expect(result.screen).toContain('status page: shown, Website major outage');
  });

  it('asks a bad maintenance date again without losing the answers before it', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const result = await converse(
      fixture.dir,
      ['maintenance', '--title', 'Firmware', '--service', 'web'],
      [
        '', // customer: internal
        '', // channel: none
        '', // effect: default under maintenance
        '2026-12-05 20:00', // window start without offset
        '2026-12-05T20:00:00+01:00',
        '2026-12-05T19:00:00+01:00', // end before start
        '2026-12-05T23:00:00+01:00',
        'Short interruptions of the website.',
        '',
      ],
    );
    expect(result.code).toBe(0);
    expect(result.screen).toContain('--from "2026-12-05 20:00" needs a UTC offset');
    expect(result.screen).toContain('the window must end after it starts; please answer again');
    const text = readFileSync(join(fixture.dir, 'incidents/2026/MNT-2026-0002.md'), 'utf8');
    expect(text).toContain(
      'scheduled_for: 2026-12-05T20:00:00+01:00\nscheduled_until: 2026-12-05T23:00:00+01:00\n',
    );
    expect(text).toContain(
      '    public: Short interruptions of the website.\n    note: Maintenance planned.\n',
    );
    expect(result.screen).toContain('status page: shown as maintenance');
  });
});
