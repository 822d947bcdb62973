/**
 * `opsbook import statuspage`: the Statuspage API v2 documents of a page. The round trip: the
 * documents our own site publishes for the example organisation, imported into a fresh
 * `init --clean` repository, publish the same incidents, updates, statuses and component states.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, loadRepository } from '../../scripts/load/repository.ts';
import { buildSiteModel } from '../../scripts/present/site/model.ts';
import { statuspageDocuments } from '../../scripts/present/site/statuspage.ts';
import type { StatuspageComponent, StatuspageIncident } from '../../scripts/present/site/statuspage-types.ts';
import { copyFixture, REPO_ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { changedFiles, IMPORT_FIXTURES, snapshot } from '../helpers/import-repo.ts';
import { commitAll, gitInit } from '../helpers/repo.ts';

const AT = Date.parse('2026-11-23T09:00:00Z');
const PAGE = { pageUrl: 'https://status.example-it.de' };

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** The API documents of a repository's public site at AT. */
function publish(root: string): Map<string, unknown> {
  const { config } = loadConfig(root);
  if (!config) throw new Error(`${root}: bad opsbook.yaml`);
  const model = buildSiteModel({ audience: 'public', at: AT, config, tickets: loadRepository(root).tickets });
  return statuspageDocuments(model, PAGE);
}

function writeDocuments(docs: Map<string, unknown>): string {
  const dir = tempDir('statuspage-api');
  cleanups.push(dir.cleanup);
  for (const [path, doc] of docs) {
    mkdirSync(join(dir.dir, path, '..'), { recursive: true });
    writeFileSync(join(dir.dir, path), JSON.stringify(doc, null, 2));
  }
  return dir.dir;
}

async function freshRepository(): Promise<string> {
  const fixture = copyFixture('rules');
  cleanups.push(fixture.cleanup);
  cpSync(join(REPO_ROOT, '.github'), join(fixture.dir, '.github'), { recursive: true });
  gitInit(fixture.dir);
  commitAll(fixture.dir, 'template');
  const init = await runCli(
    [
      'init',
      '--clean',
      '--yes',
      '--name',
      'Example IT',
      '--url',
      PAGE.pageUrl,
      '--timezone',
      'Europe/Berlin',
    ],
    { cwd: fixture.dir },
  );
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  return fixture.dir;
}

/** What readers of a page see of its incidents: names, statuses, impacts, updates. */
function incidentsView(docs: Map<string, unknown>, path: string, key: string) {
  const list = (docs.get(path) as Record<string, StatuspageIncident[]>)[key] ?? [];
  return list.map((i) => ({
    name: i.name,
    status: i.status,
    impact: i.impact,
    created_at: i.created_at,
    resolved_at: i.resolved_at,
    components: i.components.map((c) => c.name),
    updates: i.incident_updates.map((u) => ({
      status: u.status,
      body: u.body,
      at: u.created_at,
      affected: (u.affected_components ?? []).map((a) => `${a.name}: ${a.old_status} → ${a.new_status}`),
    })),
  }));
}

function componentsView(docs: Map<string, unknown>) {
  const list = (docs.get('api/v2/components.json') as { components: StatuspageComponent[] }).components;
  return list.filter((c) => !c.group).map((c) => ({ name: c.name, status: c.status }));
}

describe('Statuspage API import', () => {
  it('round-trips our own public page: incidents, updates, statuses and component states', async () => {
    const original = publish(REPO_ROOT);
    const api = writeDocuments(original);
    const repo = await freshRepository();
    const result = await runCli(['import', 'statuspage', api], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/ 0 skipped\n$/);
    expect(result.code).toBe(0);
    // The public services changed: the outage form offers them after `github issue-form`.
    expect((await runCli(['github', 'issue-form'], { cwd: repo })).code).toBe(0);
    const validate = await runCli(['validate', '--at', '2026-11-23T09:00:00Z'], { cwd: repo });
    expect(validate.stdout).toContain('no problems');

    const again = publish(repo);
    expect(incidentsView(again, 'api/v2/incidents.json', 'incidents')).toEqual(
      incidentsView(original, 'api/v2/incidents.json', 'incidents'),
    );
    expect(incidentsView(again, 'api/v2/scheduled-maintenances.json', 'scheduled_maintenances')).toEqual(
      incidentsView(original, 'api/v2/scheduled-maintenances.json', 'scheduled_maintenances'),
    );
    expect(componentsView(again)).toEqual(componentsView(original));
    // New services keep their description and group; E-mail was in the fresh repository already.
    const config = readFileSync(join(repo, 'opsbook.yaml'), 'utf8');
    expect(config).toContain(
      '  erp-hosting: { name: "ERP hosting", group: "central", description: "Hosted merchandise management and accounting (ERP) for business customers.", public: true }\n',
    );
    expect(config).not.toContain('  e-mail: {');
    expect((again.get('api/v2/status.json') as { status: unknown }).status).toEqual(
      (original.get('api/v2/status.json') as { status: unknown }).status,
    );

    const before = snapshot(repo);
    const twice = await runCli(['import', 'statuspage', api], { cwd: repo });
    expect(twice.stdout).toMatch(/^0 created, 0 updated, \d+ unchanged, 0 skipped\n$/);
    expect(changedFiles(before, snapshot(repo))).toEqual([]);
  });

  it('reads a page written by Statuspage: groups, impacts, postmortems, maintenance; refuses unknown statuses and times', async () => {
    const repo = await freshRepository();
    const result = await runCli(['import', 'statuspage', join(IMPORT_FIXTURES, 'statuspage')], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'skipped inc3: incidents.json incidents[2] (inc3), field status: unknown status "exploded"',
    );
    expect(result.stdout).toContain(
      'skipped inc4: incidents.json incidents[3] (inc4), field created_at: "yesterday" is not an ISO 8601 instant',
    );
    expect(result.stdout).toMatch(/3 created, 0 updated, 0 unchanged, 2 skipped\n$/);
    const config = readFileSync(join(repo, 'opsbook.yaml'), 'utf8');
    expect(config).toContain(
      '  api: { name: "API", group: "core-platform", description: "Public REST API", public: true }',
    );
    expect(config).toContain('  billing: { name: "Billing", group: "public", public: true }');
    const text = (id: string) => {
      for (const [file, body] of snapshot(repo))
        if (file.startsWith('incidents/') && body.includes(`id: ${id}\n`)) return body;
      return '';
    };
    expect(text('inc1')).toContain('services:\n  - id: api\n    effect: major_outage\n');
    expect(text('inc1')).toContain('public: Still looking. <script>alert(1)</script>');
    expect(text('inc2')).toContain('review:\n  required: true\n  done: true\n  publish: true\n');
    expect(text('inc2')).toContain('---\n## Post-incident review\n\nThe queue filled up.\n');
    expect(text('mnt1')).toContain('kind: maintenance\nstatus: scheduled\n');
    expect(text('mnt1')).toContain('scheduled_for: 2026-04-21T00:00:00+02:00\n');
    expect((await runCli(['github', 'issue-form'], { cwd: repo })).code).toBe(0);
    expect((await runCli(['validate'], { cwd: repo })).code).toBe(0);
    // The published page shows the API down and the update text escaped.
    const page = publish(repo);
    expect(componentsView(page)).toContainEqual({ name: 'API', status: 'major_outage' });
  });

  it('reads the same page from its address (a local server standing in for it), under a path too', async () => {
    const folder = join(IMPORT_FIXTURES, 'statuspage');
    const requested: string[] = [];
    const server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const m = /^\/status\/api\/v2\/([a-z-]+\.json)$/.exec(req.url ?? '');
      const file = m ? join(folder, m[1] as string) : '';
      if (!m || !existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => server.close());
    const { port } = server.address() as AddressInfo;
    const repo = await freshRepository();
    const result = await runCli(['import', 'statuspage', `http://127.0.0.1:${port}/status/`], { cwd: repo });
    expect(result.stdout).toMatch(/3 created, 0 updated, 0 unchanged, 2 skipped\n$/);
    expect(requested).toEqual([
      '/status/api/v2/summary.json',
      '/status/api/v2/components.json',
      '/status/api/v2/incidents.json',
      '/status/api/v2/scheduled-maintenances.json',
    ]);
    const unreachable = await runCli(['import', 'statuspage', 'http://127.0.0.1:9/'], { cwd: repo });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^opsbook import: http:\/\/127\.0\.0\.1:9\/api\/v2\/summary\.json: /);
  });
});
