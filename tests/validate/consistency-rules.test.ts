/**
 * The consistency rules of docs/file-formats.md, each with its exact code, line and column on a
 * fixture repository where every file breaks one rule (INC-2026-0001 and the mail-restore
 * runbook break none).
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.ts';

interface JsonFinding {
  file: string;
  line: number;
  col: number;
  code: string;
  severity: string;
  message: string;
}

describe('consistency rules', () => {
  it('finds every broken rule at its exact place, and nothing in the clean files', async () => {
    const result = await runCli(['validate', '--format', 'json', '--at', '2026-11-23T12:00:00Z'], {
      cwd: `${FIXTURES}/rules`,
    });
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.severity} ${f.code}`)).toEqual([
      'incidents/2025/INC-2026-0003.md:2:5 error id/folder-year',
      'incidents/2025/INC-2026-0013.md:1:1 error id/duplicate',
      'incidents/2025/INC-2026-0013.md:2:5 error id/folder-year',
      'incidents/2026/INC-2026-0004.md:4:7 error id/kind-prefix',
      'incidents/2026/INC-2026-0005.md:8:18 error ref/service',
      'incidents/2026/INC-2026-0005.md:10:11 error ref/customer',
      'incidents/2026/INC-2026-0005.md:11:12 error ref/runbook',
      'incidents/2026/INC-2026-0005.md:12:11 error ref/ticket',
      'incidents/2026/INC-2026-0005.md:13:10 error ref/ticket',
      'incidents/2026/INC-2026-0006.md:10:15 error duplicate/self',
      'incidents/2026/INC-2026-0007.md:10:15 error duplicate/cycle',
      'incidents/2026/INC-2026-0008.md:10:15 error duplicate/cycle',
      'incidents/2026/INC-2026-0009.md:16:9 error timeline/order',
      'incidents/2026/INC-2026-0010.md:5:9 error timeline/status',
      'incidents/2026/INC-2026-0011.md:5:1 error status/resolved-at',
      'incidents/2026/INC-2026-0012.md:10:11 error priority/matrix',
      'incidents/2026/INC-2026-0013.md:1:1 error id/duplicate',
      'incidents/2026/INC-2026-0014.md:10:18 error times/order',
      'incidents/2026/INC-2026-0015.md:13:1 error body/raw-html',
      'incidents/2026/INC-2026-0016.md:5:9 error status/kind',
      'incidents/2026/INC-2026-0017.md:10:10 error ref/problem-kind',
      'incidents/2026/INC-2026-0018.md:11:14 error timeline/resolved-at',
      'incidents/2026/INC-2026-0018.md:12:12 error timeline/closed-at',
      'incidents/2026/INC-2026-0019.md:9:7 error ref/team',
      'incidents/2026/INC-2026-0019.md:10:11 warning ref/self',
      'incidents/2026/INC-2026-0019.md:12:18 error timeline/acknowledged-at',
      'incidents/2026/INC-2026-0019.md:14:9 error timeline/before-start',
      'incidents/2026/INC-2026-0020.md:14:13 warning timeline/acknowledged-missing',
      'incidents/2026/INC-2026-0099.md:2:5 error id/file-name',
      'incidents/2026/MNT-2026-0001.md:9:18 error maintenance/window-order',
      'runbooks/mail/bad-intervals.md:10:6 error runbook/objective',
      'runbooks/mail/bad-intervals.md:11:6 error runbook/objective',
      'runbooks/mail/bad-intervals.md:12:13 error runbook/interval',
      'runbooks/mail/future-review.md:10:14 error runbook/future-date',
      'runbooks/web/wrong-folder.md:4:11 error runbook/folder',
    ]);
    expect(result.code).toBe(1);
  });

  it('explains each finding so a user can act on it', async () => {
    const result = await runCli(['validate', '--format', 'json', '--at', '2026-11-23T12:00:00Z'], {
      cwd: `${FIXTURES}/rules`,
    });
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    const message = (file: string, code: string) =>
      findings.find((f) => f.file.endsWith(file) && f.code === code)?.message;
    expect(message('INC-2026-0012.md', 'priority/matrix')).toBe(
      'priority P3 differs from the matrix (impact high × urgency high = P1); add priority_reason or remove priority',
    );
    expect(message('INC-2026-0007.md', 'duplicate/cycle')).toBe(
      'duplicate_of runs in a cycle (INC-2026-0007 → INC-2026-0008 → INC-2026-0007); one ticket must be the original',
    );
    expect(message('INC-2026-0003.md', 'id/folder-year')).toBe(
      'INC-2026-0003 belongs in incidents/2026/, not incidents/2025/',
    );
    expect(message('INC-2026-0015.md', 'body/raw-html')).toContain('<script>alert(1)</script>');
  });

  it('checks only the named files but resolves their references against the whole repository', async () => {
    const result = await runCli(
      ['validate', 'incidents/2026/INC-2026-0001.md', 'incidents/2026/INC-2026-0007.md', '--format', 'json'],
      { cwd: `${FIXTURES}/rules` },
    );
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    // INC-2026-0008 is not checked, but the cycle through it is still found by reading it.
    expect(findings.map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'incidents/2026/INC-2026-0007.md:10 duplicate/cycle',
    ]);
  });
});
