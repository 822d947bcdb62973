/**
 * `opsbook validate` and duplicate suspicion on a small repository: the e-mail program reported
 * twice by one customer 40 minutes apart in other words draws the warning on the later file;
 * linking the two silences it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository, writeFile } from '../helpers/repo.ts';

const CONFIG = configYaml({
  name: 'Duplicate Test',
  services: '\n  email-client: { name: E-mail program, group: decentral, owner: ops }',
  customers:
    '\n  hoffmann: { name: Architekturbüro Hoffmann, contract: none }\n  becker: { name: Praxis Becker, contract: none }',
  sla: `
  policies:
    standard:
      calendar: mon-fri
      targets:
        P2: { response: 4h, resolution: 2bd }
  default: standard`,
});

function ticketFile(id: string, title: string, reported: string, customer: string, extra = ''): string {
  return `---
id: ${id}
title: ${title}
kind: incident
status: new
impact: medium
urgency: high
services: [email-client]
customer: ${customer}
reported_by: Reporter of ${id}
reported_at: ${reported}
timeline:
  - at: ${reported}
    status: new
${extra}---
`;
}

let cleanup = () => {};
afterEach(() => cleanup());

describe('opsbook validate: duplicate/suspected', () => {
  it('warns on the second report of one customer and stays silent once they are linked', async () => {
    const repo = tempRepository('opsbook-dup-', CONFIG, {
      'incidents/2026/INC-2026-0001.md': ticketFile(
        'INC-2026-0001',
        'Outlook does not start',
        '2026-03-02T09:00:00+01:00',
        'hoffmann',
      ),
      'incidents/2026/INC-2026-0002.md': ticketFile(
        'INC-2026-0002',
        'E-mail program crashes when opening',
        '2026-03-02T09:40:00+01:00',
        'hoffmann',
      ),
      'incidents/2026/INC-2026-0003.md': ticketFile(
        'INC-2026-0003',
        'Calendar invitations arrive twice',
        '2026-03-02T09:20:00+01:00',
        'becker',
      ),
    });
    cleanup = repo.cleanup;
    const run = () =>
      runCli(['validate', '--format', 'json', '--no-cache', '--at', '2026-03-02T12:00:00Z'], {
        cwd: repo.dir,
      });
    const first = await run();
    expect(first.stderr).toBe('');
    const findings = (
      JSON.parse(first.stdout) as {
        findings: { file: string; line: number; code: string; message: string }[];
      }
    ).findings;
    expect(findings.map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'incidents/2026/INC-2026-0002.md:3 duplicate/suspected',
    ]);
    expect(findings[0]?.message).toContain(
      'looks like INC-2026-0001 reported again (same service "email-client", reported 40 min apart, same customer)',
    );
    // A warning, not an error.
    expect(first.code).toBe(0);

    writeFile(
      repo.dir,
      'incidents/2026/INC-2026-0002.md',
      ticketFile(
        'INC-2026-0002',
        'E-mail program crashes when opening',
        '2026-03-02T09:40:00+01:00',
        'hoffmann',
        'related: [INC-2026-0001]\n',
      ),
    );
    const linked = await run();
    expect(JSON.parse(linked.stdout).findings).toEqual([]);
  });
});
