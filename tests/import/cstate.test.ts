/**
 * `opsbook import cstate`: a cState site's systems and issues (updates in `track` paragraphs,
 * newest first; notices with an end are maintenance) into valid public tickets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { changedFiles, IMPORT_FIXTURES, importRepository, snapshot } from '../helpers/import-repo.ts';

const SITE = join(IMPORT_FIXTURES, 'cstate');

let repo: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = importRepository();
});
afterEach(() => repo.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir });

function ticket(sourceId: string): { data: Record<string, unknown>; body: string } {
  for (const [file, text] of snapshot(repo.dir)) {
    if (!file.startsWith('incidents/') || !text.includes(`id: ${sourceId}\n`)) continue;
    const [, yaml = '', body = ''] = text.split(/^---\n/m);
    return { data: load(yaml) as Record<string, unknown>, body };
  }
  throw new Error(`no ticket from ${sourceId}`);
}

describe('cState import', () => {
  it('imports systems as public services and issues with their tracked updates', async () => {
    const result = await cli('import', 'cstate', SITE);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'skipped 2026-07-02-unknown-severity: content/issues/2026-07-02-unknown-severity.md, field severity: unknown severity "catastrophic"',
    );
    expect(result.stdout).toContain(
      'skipped 2026-07-03-bad-date: content/issues/2026-07-03-bad-date.md, field date',
    );
    expect(result.stdout).toMatch(/3 created, 0 updated, 0 unchanged, 2 skipped\n$/);
    const config = readFileSync(join(repo.dir, 'opsbook.yaml'), 'utf8');
    expect(config).toContain('  gateway: { name: "Gateway", group: "north-coast", public: true }\n');
    expect(config).toContain(
      '  api: { name: "API", group: "uncategorized", description: "The guts of the application.", public: true }\n',
    );

    const us = ticket('2026-05-25-us-east-conn-issues').data;
    expect(us).toMatchObject({
      kind: 'incident',
      status: 'resolved',
      impact: 'high',
      urgency: 'medium',
      services: [
        { id: 'api', effect: 'partial_outage' },
        { id: 'media-proxy', effect: 'partial_outage' },
      ],
      // cState's times are UTC; ours are shown in the organisation's zone.
      reported_at: '2026-05-25T06:13:00+02:00',
      resolved_at: '2026-05-25T07:54:00+02:00',
      'x-source': {
        system: 'cstate',
        id: '2026-05-25-us-east-conn-issues',
        url: 'https://status.eggsample.test/issues/2026-05-25-us-east-conn-issues/',
      },
    });
    expect(us.timeline).toEqual([
      {
        at: '2026-05-25T06:13:00+02:00',
        status: 'investigating',
        public: "We're aware of reports of connection issues on the East coast.",
      },
      {
        at: '2026-05-25T06:40:00+02:00',
        status: 'monitoring',
        public: 'Swapping DNS servers resolves the problem for users.',
      },
      {
        at: '2026-05-25T07:54:00+02:00',
        status: 'resolved',
        public: 'We believe all users can connect again.',
      },
    ]);
    expect(ticket('2026-06-13-maintenance-window').data).toMatchObject({
      kind: 'maintenance',
      status: 'completed',
      services: [{ id: 'gateway', effect: 'under_maintenance' }],
      scheduled_for: '2026-06-13T14:00:00+02:00',
      scheduled_until: '2026-06-13T16:00:00+02:00',
    });
    const down = ticket('2026-07-01-website-down');
    expect(down.data.status).toBe('investigating');
    // A label cState does not define stays part of the public text, with no status.
    expect((down.data.timeline as unknown[])[2]).toEqual({
      at: '2026-07-01T11:30:00+02:00',
      public: '*Update* - Still on it, next update in 30 minutes.',
    });
    expect(down.body).toBe('The whole front end returns errors.\n');

    expect((await cli('validate')).code).toBe(0);
    const before = snapshot(repo.dir);
    expect((await cli('import', 'cstate', SITE)).stdout).toMatch(
      /0 created, 0 updated, 3 unchanged, 2 skipped\n$/,
    );
    expect(changedFiles(before, snapshot(repo.dir))).toEqual([]);
  });
});
