/**
 * `opsbook import jira`: a Jira Service Management CSV export (repeated columns for components
 * and labels, Jira's `dd/MMM/yy h:mm a` dates) into valid tickets of the right kinds.
 */
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { changedFiles, IMPORT_FIXTURES, importRepository, snapshot } from '../helpers/import-repo.ts';

const JIRA = join(IMPORT_FIXTURES, 'jira.csv');

let repo: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = importRepository();
});
afterEach(() => repo.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir });

function tickets(): Map<string, { file: string; data: Record<string, unknown>; body: string }> {
  const out = new Map<string, { file: string; data: Record<string, unknown>; body: string }>();
  for (const [file, text] of snapshot(repo.dir)) {
    if (!file.startsWith('incidents/')) continue;
    const [, yaml = '', body = ''] = text.split(/^---\n/m);
    const data = load(yaml) as Record<string, unknown>;
    out.set((data['x-source'] as { id: string }).id, { file, data, body });
  }
  return out;
}

describe('Jira Service Management export', () => {
  it('imports issues as incidents, requests and problems that validate', async () => {
    const result = await cli('import', 'jira', JIRA);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'skipped OPS-106: jira.csv row 6 (line 8), field state: unknown state "Parked on shelf"',
    );
    expect(result.stdout).toContain(
      'skipped OPS-107: jira.csv row 7 (line 9), field opened: cannot read the date "2026-03-08"',
    );
    expect(result.stdout).toMatch(/6 created, 0 updated, 0 unchanged, 2 skipped\n$/);
    const all = tickets();
    expect([...all.values()].map((t) => t.file).sort()).toEqual([
      'incidents/2025/REQ-2025-0001.md',
      'incidents/2026/INC-2026-0001.md',
      'incidents/2026/INC-2026-0002.md',
      'incidents/2026/INC-2026-0003.md',
      'incidents/2026/PRB-2026-0001.md',
      'incidents/2026/REQ-2026-0001.md',
    ]);
    const checkout = all.get('OPS-101');
    expect(checkout?.data).toMatchObject({
      kind: 'incident',
      status: 'resolved',
      impact: 'high',
      urgency: 'high',
      services: ['web-shop', 'payment'],
      reported_at: '2026-03-02T09:15:00+01:00',
      resolved_at: '2026-03-02T13:30:00+01:00',
      'x-source': { system: 'jira', id: 'OPS-101' },
    });
    // HTML in an imported description is text, never markup.
    expect(checkout?.body).toBe(
      'Customers see "Bad Gateway", see &lt;b&gt;screenshot&lt;/b&gt;.\nStarted after deploy, roughly.\n',
    );
    // Closed without a resolution time: resolved and closed at the last update, and the note says so.
    expect(all.get('OPS-102')?.data).toMatchObject({
      status: 'closed',
      resolved_at: '2026-03-04T10:00:00+01:00',
      closed_at: '2026-03-04T10:00:00+01:00',
    });
    expect(all.get('OPS-103')?.data).toMatchObject({ kind: 'service-request', status: 'pending' });
    expect(all.get('OPS-105')?.data).toMatchObject({ kind: 'problem', status: 'new' });
    expect(all.get('OPS-108')?.data).toMatchObject({
      status: 'cancelled',
      reported_at: '2025-10-28T02:30:00+01:00',
    });
    const validate = await cli('validate');
    expect(validate.code).toBe(0);
  });

  it('changes nothing when the same export is imported again', async () => {
    await cli('import', 'jira', JIRA);
    const before = snapshot(repo.dir);
    const again = await cli('import', 'jira', JIRA);
    expect(again.stdout).toMatch(/0 created, 0 updated, 6 unchanged, 2 skipped\n$/);
    expect(changedFiles(before, snapshot(repo.dir))).toEqual([]);
  });

  it('leaves out records before --since', async () => {
    const result = await cli('import', 'jira', JIRA, '--since', '2026-01-01');
    expect(result.stdout).toMatch(/5 created, 0 updated, 0 unchanged, 2 skipped, 1 before --since\n$/);
  });
});
