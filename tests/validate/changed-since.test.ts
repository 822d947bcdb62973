import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';
import { commitAll, featureBranch, git, gitInit } from '../helpers/repo.ts';

function ticket(id: string, extra = ''): string {
  return `---\nid: ${id}\ntitle: Ticket ${id}\nkind: incident\nstatus: new\nimpact: low\nurgency: low\nservices: [mail]\nreported_at: 2026-03-05T10:00:00+01:00\n${extra}---\nText.\n`;
}

describe('opsbook validate --changed-since', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('checks only changed files, resolves references by file name, and catches an ID the target took', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const dir = fixture.dir;
    featureBranch(dir);
    // The branch adds INC-2026-0003, which refers to an unchanged ticket and to a missing one.
    writeFileSync(
      join(dir, 'incidents/2026/INC-2026-0003.md'),
      ticket('INC-2026-0003', 'related: [INC-2026-0001, INC-2026-0404]\n'),
    );
    commitAll(dir, 'feature ticket');
    // Meanwhile main took the same number.
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'incidents/2026/INC-2026-0003.md'), ticket('INC-2026-0003'));
    commitAll(dir, 'main ticket');
    git(dir, 'checkout', '-q', 'feature');
    // An uncommitted edit that breaks an unchanged-so-far file is checked too.
    const first = join(dir, 'incidents/2026/INC-2026-0001.md');
    writeFileSync(first, readFileSync(first, 'utf8').replace('customer: acme', 'customer: nobody'));

    const result = await runCli(['validate', '--changed-since', 'main', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ file: string; code: string; line: number }>;
      summary: { checkedFiles: number };
    };
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'incidents/2026/INC-2026-0001.md:20 ref/customer',
      'incidents/2026/INC-2026-0003.md:1 id/taken-on-target',
      'incidents/2026/INC-2026-0003.md:10 ref/ticket',
    ]);
    expect(result.code).toBe(1);
    expect(report.summary.checkedFiles).toBe(3);
  });

  it('says clearly when the reference does not exist', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    gitInit(fixture.dir);
    commitAll(fixture.dir, 'start');
    const result = await runCli(['validate', '--changed-since', 'no-such-branch'], { cwd: fixture.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'opsbook validate: --changed-since: "no-such-branch" is not a commit, branch or tag in this repository\n',
    );
  });
});
