/**
 * Mistakes in opsbook.yaml's calendars and policies: findings with their line from validate,
 * and `opsbook sla` still answers (the affected clocks are not-applicable) instead of looping.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.ts';

const ROOT = `${FIXTURES}/bad-config`;

describe('calendar and policy mistakes in opsbook.yaml', () => {
  it('are findings with file and line', async () => {
    const result = await runCli(['validate', '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ file: string; line: number; code: string }>;
    };
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'opsbook.yaml:13 config/calendar-overlap',
      'opsbook.yaml:13 config/calendar-range',
      'opsbook.yaml:15 config/timezone',
      'opsbook.yaml:16 config/calendar-closed',
      'opsbook.yaml:20 config/calendar-holiday-country',
      'opsbook.yaml:32 config/unknown-calendar',
      'opsbook.yaml:36 config/unknown-calendar',
    ]);
    expect(result.code).toBe(1);
  });

  it('do not stop opsbook sla', async () => {
    const result = await runCli(['sla', '--no-cache', '--format', 'json', '--at', '2026-03-02T12:00:00Z'], {
      cwd: ROOT,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('opsbook.yaml has 7 error(s)');
    expect((JSON.parse(result.stdout) as { tickets: unknown[] }).tickets).toHaveLength(2);
  });
});
