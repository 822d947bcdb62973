/**
 * `opsbook review ID`: the section is appended and the `review:` block inserted, and every other
 * byte of the file stays (LF, CRLF, a byte order mark, no final line end); hostile ticket text
 * never becomes raw HTML or a link; refusals and bad arguments exit 2 with one line.
 *
 * tests/fixtures/review/hostile.md is the ticket before, hostile.reviewed.md the file after (read
 * them side by side: the only differences are the `review:` block and the section at the end).
 * Its resolution, Monday 2026-03-30 10:00, + 2 business days on mon-fri with the holiday
 * 2026-03-31 gives Thursday 2026-04-02.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRawHtml } from '../../scripts/derive/markdown-html.ts';
import { FIXTURES, REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { makeRepo } from '../helpers/review-repo.ts';

const BEFORE = readFileSync(join(FIXTURES, 'review', 'hostile.md'), 'utf8');
const AFTER = readFileSync(join(FIXTURES, 'review', 'hostile.reviewed.md'), 'utf8');
const FILE = 'incidents/2026/INC-2026-0001.md';
const BLOCK = 'review:\n  required: true\n  due: 2026-04-02\n  done: false\n';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe('opsbook review ID', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  async function scaffold(before: string, id = 'INC-2026-0001', file = FILE) {
    const repo = makeRepo({ [file]: before });
    cleanup = repo.cleanup;
    const result = await runCli(['review', id], { cwd: repo.dir });
    return { ...result, dir: repo.dir, after: readFileSync(join(repo.dir, file), 'utf8') };
  }

  it('appends the review section and a review block, and changes nothing else', async () => {
    const r = await scaffold(BEFORE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${FILE}: review section added at line 50; review: required, due 2026-04-02, done: false\n`,
    );
    expect(r.after).toBe(AFTER);
    // The rest of the file, byte for byte: remove the two additions and the original is back.
    const body = 'The mail server stopped.\n';
    const [head, section] = [
      AFTER.slice(0, AFTER.indexOf(body) + body.length),
      AFTER.slice(AFTER.indexOf(body) + body.length),
    ];
    expect(head.replace(BLOCK, '')).toBe(BEFORE);
    expect(section.startsWith('\n## Summary\n')).toBe(true);
    // What renders as HTML or links: nothing from the ticket.
    expect(findRawHtml(section)).toEqual([]);
    expect(section).not.toMatch(/(?<!\\)<(?!\/?[a-z]+\\>)/);
    expect(section).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(section).toContain(
      '| 2026-03-27 07:55 +01:00 | new | \\<img src=x onerror=alert(1)\\> server \\| down — Status page: We are investigating. \\[details\\](javascript:alert(1)) |',
    );
    // The result is a valid ticket.
    const validate = await runCli(['validate', '--at', '2026-04-10T00:00:00Z', '--no-cache'], { cwd: r.dir });
    expect(validate.stdout + validate.stderr).toContain('no problems');
    expect(validate.code).toBe(0);
  });

  it('keeps CRLF line ends and writes the additions with CRLF too', async () => {
    const r = await scaffold(crlf(BEFORE));
    expect(r.code).toBe(0);
    expect(r.after).toBe(crlf(AFTER));
  });

  it('keeps a byte order mark and adds a line end to a body without one', async () => {
    const before = `\uFEFF${crlf(BEFORE).replace(/\r\n$/, '')}`;
    const r = await scaffold(before);
    expect(r.code).toBe(0);
    expect(r.after).toBe(`\uFEFF${crlf(AFTER)}`);
    expect(readFileSync(join(r.dir, FILE)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('leaves an existing review field alone and only appends the section', async () => {
    const before = BEFORE.replace(
      '---\nThe mail',
      'review: { publish: false } # decided later\n---\nThe mail',
    );
    const r = await scaffold(before);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${FILE}: review section added at line 47\n`);
    const section = AFTER.slice(AFTER.indexOf('\n## Summary'));
    expect(r.after).toBe(`${before}${section}`);
  });

  it('writes no due date for an open ticket and says it is open', async () => {
    const before = [
      '---',
      'id: INC-2026-0002',
      'title: Open one',
      'kind: incident',
      'status: investigating',
      'impact: low',
      'urgency: low',
      'reported_at: 2026-04-01T09:00:00+02:00',
      'timeline:',
      '  - at: 2026-04-01T09:00:00+02:00',
      '    status: new',
      '  - at: 2026-04-01T09:30:00+02:00',
      '    status: investigating',
      '---',
      '',
    ].join('\n');
    const r = await scaffold(before, 'INC-2026-0002', 'incidents/2026/INC-2026-0002.md');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'incidents/2026/INC-2026-0002.md: review section added at line 18; review: required, done: false\n',
    );
    expect(r.stderr).toBe('opsbook review: INC-2026-0002 is not resolved yet (investigating)\n');
    expect(
      r.after.startsWith(
        before.replace(/---\n$/, 'review:\n  required: true\n  done: false\n---\n## Summary\n'),
      ),
    ).toBe(true);
    expect(r.after).toContain(
      [
        '## Impact',
        '',
        '- Priority: P4 (impact low, urgency low)',
        '- Since 2026-04-01 09:00 (Europe/Berlin); not resolved yet',
      ].join('\n'),
    );
    expect(r.after).toContain(
      [
        '| time (Europe/Berlin, UTC+02:00) | status | event |',
        '|---|---|---|',
        '| 2026-04-01 09:00 | new | |',
        '| 2026-04-01 09:30 | investigating | |',
      ].join('\n'),
    );
  });

  it('appends only the section when the review block cannot be inserted safely', async () => {
    // A frontmatter written as one flow mapping: a `review:` line after it would break the YAML.
    const before = [
      '---',
      '{ id: INC-2026-0003, title: Flow, kind: incident, status: new, impact: low, urgency: low,',
      '  reported_at: "2026-04-01T09:00:00+02:00" }',
      '---',
      'Body.',
      '',
    ].join('\n');
    const r = await scaffold(before, 'INC-2026-0003', 'incidents/2026/INC-2026-0003.md');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'opsbook review: could not add `review:` to the frontmatter of incidents/2026/INC-2026-0003.md safely; add it by hand\n' +
        'opsbook review: INC-2026-0003 is not resolved yet (new)\n',
    );
    expect(r.stdout).toBe('incidents/2026/INC-2026-0003.md: review section added at line 7\n');
    expect(r.after.startsWith(`${before}\n## Summary\n`)).toBe(true);
  });

  it('scaffolds every ticket of the example organisation into files that still validate', async () => {
    const repo = tempDir('review-example');
    cleanup = repo.cleanup;
    for (const part of ['opsbook.yaml', 'incidents', 'runbooks']) {
      cpSync(join(REPO_ROOT, part), join(repo.dir, part), { recursive: true });
    }
    const files = readdirSync(join(repo.dir, 'incidents'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => `incidents/${f.split(sep).join('/')}`)
      .sort();
    expect(files.length).toBeGreaterThan(20);
    let written = 0;
    for (const file of files) {
      const before = readFileSync(join(repo.dir, file), 'utf8');
      const id = file.slice(file.lastIndexOf('/') + 1, -3);
      const r = await runCli(['review', id], { cwd: repo.dir });
      const after = readFileSync(join(repo.dir, file), 'utf8');
      if (/^## Summary$/m.test(before)) {
        expect(r.code).toBe(2);
        expect(after).toBe(before);
        continue;
      }
      expect(r.code, r.stderr).toBe(0);
      written++;
      const withoutBlock = after.replace(
        /\nreview:\n {2}required: true\n( {2}due: \d{4}-\d{2}-\d{2}\n)? {2}done: false\n---\n/,
        '\n---\n',
      );
      expect(withoutBlock.slice(0, before.length)).toBe(before);
      expect(findRawHtml(after.slice(before.length))).toEqual([]);
    }
    expect(written).toBeGreaterThan(15);
    const validate = await runCli(
      ['validate', '--no-cache', '--at', '2026-11-23T12:00:00Z', '--format', 'json'],
      {
        cwd: repo.dir,
      },
    );
    expect(validate.code, validate.stdout).toBe(0);
  });

  it('refuses a ticket that has a review section already, and leaves it unchanged', async () => {
    const before = BEFORE.replace(
      'The mail server stopped.\n',
      'The mail server stopped.\n\n## Summary\n\nDone.\n',
    );
    const r = await scaffold(before);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`opsbook review: ${FILE} has a review section already (line 46); edit it there\n`);
    expect(r.after).toBe(before);
  });

  it('does not mistake a heading inside a code block for a review', async () => {
    const before = BEFORE.replace('The mail server stopped.\n', 'Log:\n\n```\n## Summary\n```\n');
    const r = await scaffold(before);
    expect(r.code).toBe(0);
    expect(r.after.startsWith(before.replace('---\nLog:', `${BLOCK}---\nLog:`))).toBe(true);
  });

  it('refuses a body that ends inside an unclosed code block', async () => {
    const before = BEFORE.replace('The mail server stopped.\n', '```\nlog\n');
    const r = await scaffold(before);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `opsbook review: ${FILE} ends inside an unclosed code block (\`\`\`); close it first\n`,
    );
    expect(r.after).toBe(before);
  });

  it('refuses an invalid ticket', async () => {
    const before = BEFORE.replace('kind: incident', 'kind: accident');
    const r = await scaffold(before);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `opsbook review: ${FILE} is not a valid ticket; \`opsbook validate ${FILE}\` says why\n`,
    );
    expect(r.after).toBe(before);
  });

  it.each([
    [[], 'give a ticket ID (opsbook review INC-2026-0042) or --check'],
    [['INC-2026-0001', 'INC-2026-0002'], 'give one ticket ID; --check lists several'],
    [['mail'], '"mail" is not a ticket ID (like INC-2026-0042)'],
    [['INC-2026-0099'], 'no ticket file incidents/2026/INC-2026-0099.md'],
    [['INC-2026-0001', '--format', 'json'], '--format goes with --check'],
    [['INC-2026-0001', '--fail-on', 'overdue'], '--fail-on goes with --check'],
    [['--check', '--format', 'xml'], '--format must be one of text, json, not "xml"'],
    [['--check', '--fail-on', 'late'], '--fail-on must be one of overdue, not "late"'],
    [
      ['--check', '--at', '2026-04-01T10:00'],
      '--at "2026-04-01T10:00" needs a UTC offset, e.g. 2026-03-02T12:00:00Z or 2026-03-02T13:00:00+01:00',
    ],
    [['--check', 'nope'], '"nope" is not a ticket ID'],
    [['--bogus'], "Unknown option '--bogus' (see opsbook review --help)"],
  ])('exits 2 with one line for %j', async (args, message) => {
    const repo = makeRepo({ [FILE]: BEFORE });
    cleanup = repo.cleanup;
    const r = await runCli(['review', ...args], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`opsbook review: ${message}\n`);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(BEFORE);
  });

  it('exits 2 when review.calendar names no calendar', async () => {
    const repo = makeRepo({ [FILE]: BEFORE });
    cleanup = repo.cleanup;
    const config = readFileSync(join(repo.dir, 'opsbook.yaml'), 'utf8').replace(
      'review:\n  due_business_days: 2\n  calendar: mon-fri',
      'review:\n  calendar: nope',
    );
    writeFileSync(join(repo.dir, 'opsbook.yaml'), config);
    const r = await runCli(['review', 'INC-2026-0001'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'opsbook review: opsbook.yaml: review.calendar "nope" is not a calendar in calendars\n',
    );
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(BEFORE);
  });

  it('prints help', async () => {
    const r = await runCli(['review', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: opsbook review ID/);
  });
});
