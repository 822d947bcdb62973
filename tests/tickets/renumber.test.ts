import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';

describe('opsbook renumber', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('moves the ticket and rewrites every whole-word reference, keeping everything else', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const dir = fixture.dir;
    // INC-2026-0007 is referenced by INC-2026-0008 (duplicate_of); add a comment, an unknown
    // x- field, a body mention and a longer ID that must stay untouched.
    const referrer = join(dir, 'incidents/2026/INC-2026-0008.md');
    const before = readFileSync(referrer, 'utf8').replace(
      'Body text.',
      'See INC-2026-0007 and INC-2026-00071 (not the same). # keep\n',
    );
    writeFileSync(
      referrer,
      before.replace('duplicate_of:', '# a comment stays\nx-extra: kept\nduplicate_of:'),
    );
    const original = readFileSync(join(dir, 'incidents/2026/INC-2026-0007.md'), 'utf8');

    const result = await runCli(['renumber', 'INC-2026-0007', 'INC-2026-0042'], { cwd: dir });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'incidents/2026/INC-2026-0007.md'))).toBe(false);
    expect(readFileSync(join(dir, 'incidents/2026/INC-2026-0042.md'), 'utf8')).toBe(
      original.replaceAll('INC-2026-0007', 'INC-2026-0042'),
    );
    const after = readFileSync(referrer, 'utf8');
    expect(after).toContain('duplicate_of: INC-2026-0042');
    expect(after).toContain('See INC-2026-0042 and INC-2026-00071 (not the same).');
    expect(after).toContain('# a comment stays\nx-extra: kept\n');
    expect(after.replaceAll('INC-2026-0042', 'INC-2026-0007')).toBe(
      before.replace('duplicate_of:', '# a comment stays\nx-extra: kept\nduplicate_of:'),
    );
  });

  it('refuses an existing target, a kind change and a missing ticket with exit 2', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const taken = await runCli(['renumber', 'INC-2026-0007', 'INC-2026-0008'], { cwd: fixture.dir });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/INC-2026-0008 exists already/);
    const kind = await runCli(['renumber', 'INC-2026-0007', 'PRB-2026-0009'], { cwd: fixture.dir });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/different kinds/);
    const missing = await runCli(['renumber', 'INC-2026-0500', 'INC-2026-0501'], { cwd: fixture.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no ticket file incidents\/2026\/INC-2026-0500.md/);
    expect(existsSync(join(fixture.dir, 'incidents/2026/INC-2026-0007.md'))).toBe(true);
  });

  it('never rewrites a file that is not UTF-8, and refuses a year outside 1900 to 2999', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const other = join(fixture.dir, 'incidents/2026/INC-2026-0001.md');
    const bytes = Buffer.concat([readFileSync(other), Buffer.from('\nSee INC-2026-0007 \xff\n', 'latin1')]);
    writeFileSync(other, bytes);
    const refused = await runCli(['renumber', 'INC-2026-0007', 'INC-2026-0042'], { cwd: fixture.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'incidents/2026/INC-2026-0001.md mentions INC-2026-0007 but is not valid UTF-8',
    );
    expect(readFileSync(other).equals(bytes)).toBe(true);
    expect(existsSync(join(fixture.dir, 'incidents/2026/INC-2026-0007.md'))).toBe(true);
    const year = await runCli(['renumber', 'INC-2026-0007', 'INC-0000-0001'], { cwd: fixture.dir });
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('the year must be between 1900 and 2999');
    expect(existsSync(join(fixture.dir, 'incidents/0'))).toBe(false);
  });

  it('removes temporary files that a killed writer left behind', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    // A process id that is not running (beyond the kernel's limit).
    const stray = join(fixture.dir, 'incidents/2026/.INC-2026-0042.md.99999999.abc123.tmp');
    writeFileSync(stray, 'half a file');
    const result = await runCli(['renumber', 'INC-2026-0007', 'INC-2026-0042'], { cwd: fixture.dir });
    expect(result.code).toBe(0);
    expect(existsSync(stray)).toBe(false);
  });
});
