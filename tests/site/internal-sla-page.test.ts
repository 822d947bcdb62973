/**
 * The internal SLA page lists the clocks still running: the tickets open at the build instant,
 * selected and counted as `opsbook sla --open` does. A closed ticket whose clock was breached
 * belongs to the reports, not to this page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { prepareModels } from '../../scripts/cli/site-models.ts';
import { readSiteModel } from '../../scripts/present/site/model-file-read.ts';
import { copyFixture, runCli } from '../helpers/cli.ts';

const AT = '2026-11-10T09:00:00Z';

describe('the SLA part of the internal site model', () => {
  it('holds the open tickets only, with the counts of opsbook sla --open', async () => {
    const repo = copyFixture('site-canary');
    try {
      let stderr = '';
      const io = {
        stdout: { write: () => true },
        stderr: { write: (s: string) => (stderr += s) },
        stdin: new PassThrough(),
        env: {},
        cwd: repo.dir,
        now: () => Date.parse(AT),
      };
      const [prepared] = await prepareModels(
        { root: repo.dir, at: Date.parse(AT), audiences: ['internal'], history: false },
        io,
      );
      expect(stderr).toBe('');
      const sla = readSiteModel(prepared?.modelFile ?? '').sla;

      const all = JSON.parse(
        (await runCli(['sla', '--at', AT, '--format', 'json'], { cwd: repo.dir })).stdout,
      ) as {
        tickets: { id: string; status: string; resolution: { state: string } }[];
      };
      // The fixture has a closed ticket with a breached clock: the old page listed it as open.
      expect(all.tickets.some((t) => t.status === 'closed' && t.resolution.state === 'breached')).toBe(true);

      const open = JSON.parse(
        (await runCli(['sla', '--open', '--at', AT, '--format', 'json'], { cwd: repo.dir })).stdout,
      ) as { tickets: { id: string }[]; summary: Record<string, number> };
      expect(open.tickets.length).toBeGreaterThan(0);
      expect(sla?.rows.map((r) => r.id)).toEqual(open.tickets.map((t) => t.id));
      expect(sla?.summary).toEqual(open.summary);
      for (const row of sla?.rows ?? [])
        expect(['resolved', 'closed', 'cancelled', 'completed']).not.toContain(row.status);
    } finally {
      repo.cleanup();
    }
  });

  it('names the person on duty per team (rota) in the internal model only', async () => {
    const repo = copyFixture('site-canary');
    try {
      const config = join(repo.dir, 'opsbook.yaml');
      const team = Object.keys(
        (load(readFileSync(config, 'utf8')) as { teams: Record<string, unknown> }).teams,
      )[0];
      writeFileSync(
        config,
        `${readFileSync(config, 'utf8')}
calendars-x-unused: null
`.replace('calendars-x-unused: null\n', '') +
          `rota:\n  ${team}:\n    calendar: always-duty\n    shifts: { mon: zelda, tue: zelda, wed: zelda, thu: zelda, fri: zelda, sat: zelda, sun: zelda }\npeople:\n  zelda: { name: Zelda Dutyperson, github: zelda-d }\n`,
      );
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace(
          /^calendars:\n/m,
          'calendars:\n  always-duty: { timezone: UTC, hours: always }\n',
        ),
      );
      const io = {
        stdout: { write: () => true },
        stderr: { write: () => true },
        stdin: new PassThrough(),
        env: {},
        cwd: repo.dir,
        now: () => Date.parse(AT),
      };
      const prepared = await prepareModels(
        {
          root: repo.dir,
          at: Date.parse(AT),
          audiences: ['public', 'internal'],
          history: false,
        },
        io,
      );
      const internal = prepared.find((p) => p.audience === 'internal');
      const pub = prepared.find((p) => p.audience === 'public');
      expect(readSiteModel(internal?.modelFile ?? '').onDuty).toEqual([
        { team, teamName: expect.any(String), person: 'Zelda Dutyperson', github: 'zelda-d' },
      ]);
      expect(readFileSync(pub?.modelFile ?? '', 'utf8')).not.toContain('Zelda');
    } finally {
      repo.cleanup();
    }
  });
});
