/**
 * A review of a ticket on the status page is published by `review.publish` (now or later): the
 * section `opsbook review` writes holds public facts only. The shipped example INC-2026-0006
 * (a carrier outage, `review: {publish: true}`) has internal notes, handles and a reporter.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';

const FILE = 'incidents/2026/INC-2026-0006.md';

describe('opsbook review on a published ticket', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('copies no note, handle, customer, priority or action into the section, and says so', async () => {
    const repo = tempDir('review-public');
    cleanup = repo.cleanup;
    for (const part of ['opsbook.yaml', 'incidents', 'runbooks'])
      cpSync(join(REPO_ROOT, part), join(repo.dir, part), { recursive: true });
    const before = readFileSync(join(repo.dir, FILE), 'utf8');
    const result = await runCli(['review', 'INC-2026-0006'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('holds public facts only');
    const section = readFileSync(join(repo.dir, FILE), 'utf8').slice(before.length);
    expect(section).toContain('## Summary');
    // The public updates are there ...
    expect(section).toContain(
      'Status page: Incoming and outgoing external calls through our cloud telephony fail.',
    );
    // ... the internal facts are not.
    for (const internal of [
      'SIP trunks',
      'First customer call',
      'jweber',
      'Autohaus',
      'P2',
      'Priority',
      '(by ',
      'Second SIP trunk',
    ]) {
      expect(section, internal).not.toContain(internal);
    }
    const validate = await runCli(['validate', FILE, '--no-cache'], { cwd: repo.dir });
    expect(validate.code).toBe(0);
  });
});
