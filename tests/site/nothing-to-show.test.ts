/**
 * The site builds from any state of a repository: nothing published yet, no public service at
 * all, an instant before the first ticket. The status page then says that all systems are
 * operational and the API documents hold empty lists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';

const BUILD_TIMEOUT = 180_000;

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function json(dir: string, file: string): Record<string, unknown> {
  return JSON.parse(read(dir, file)) as Record<string, unknown>;
}

/** The banner's words on the status page (the symbol is decoration). */
function banner(html: string): string {
  const m = /<p class="banner[^"]*">([\s\S]*?)<\/p>/.exec(html);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
}

function expectNothingPublished(dir: string): void {
  expect(banner(read(dir, 'index.html'))).toBe('All systems operational');
  expect(json(dir, 'api/v2/status.json').status).toEqual({
    indicator: 'none',
    description: 'All Systems Operational',
  });
  const summary = json(dir, 'api/v2/summary.json');
  expect(summary.incidents).toEqual([]);
  expect(summary.scheduled_maintenances).toEqual([]);
  expect(json(dir, 'api/v2/incidents.json').incidents).toEqual([]);
  expect(json(dir, 'api/v2/incidents/unresolved.json').incidents).toEqual([]);
  for (const file of [
    'scheduled-maintenances',
    'scheduled-maintenances/upcoming',
    'scheduled-maintenances/active',
  ])
    expect(json(dir, `api/v2/${file}.json`).scheduled_maintenances, file).toEqual([]);
  expect(read(dir, 'incidents/index.html')).toContain('Nothing has been reported yet.');
  expect(read(dir, 'feed.xml')).not.toContain('<entry>');
}

describe('opsbook site on a repository with nothing to show', () => {
  it(
    'builds the public site when no ticket is published (the only incident is internal)',
    async () => {
      const repo = copyFixture('clean');
      try {
        const out = join(repo.dir, 'out');
        const built = await runCli(
          ['site', '--audience', 'public', '--at', '2026-11-23T09:00:00Z', '--out', out, '--no-history'],
          { cwd: repo.dir },
        );
        expect(built.stderr).toBe('');
        expect(built.code).toBe(0);
        expectNothingPublished(join(out, 'public'));
        expect(json(join(out, 'public'), 'api/v2/components.json').components).not.toEqual([]);
      } finally {
        repo.cleanup();
      }
    },
    BUILD_TIMEOUT,
  );

  it(
    'builds both sites without a public service, at an instant before the first ticket',
    async () => {
      const repo = copyFixture('clean');
      try {
        const config = join(repo.dir, 'opsbook.yaml');
        writeFileSync(
          config,
          read(repo.dir, 'opsbook.yaml').replace(/(owner: ops) \}/g, '$1, public: false }'),
        );
        const out = join(repo.dir, 'out');
        const built = await runCli(['site', '--at', '2026-01-01T00:00:00Z', '--out', out, '--no-history'], {
          cwd: repo.dir,
        });
        expect(built.stderr).toBe('');
        expect(built.code).toBe(0);
        const pub = join(out, 'public');
        expectNothingPublished(pub);
        expect(json(pub, 'api/v2/components.json').components).toEqual([]);
        const internal = join(out, 'internal');
        expectNothingPublished(internal);
        expect(read(internal, 'sla/index.html')).toContain('No open tickets.');
      } finally {
        repo.cleanup();
      }
    },
    BUILD_TIMEOUT,
  );
});
