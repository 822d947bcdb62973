/**
 * No internal data in the public build. Every internal value of tests/fixtures/site-canary
 * (notes, customers, reporters, assignees, teams, categories, causes, bodies, unpublished reviews,
 * actions, custom fields, internal services and their tickets, requests, problems, runbooks, SLA
 * policies and calendars) contains "canary"; the public build must not contain the word in any
 * file: HTML, JSON, feed, badges, sitemap, scripts, anything. Nor the instants of the SLA clocks.
 * The internal build of the same repository shows them, so the fixture is not vacuous.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';

const AT = '2026-11-10T09:00:00Z';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Every file's bytes as Latin-1 text, so binary files are searched too. */
function contents(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((f) => [relative(dir, f), readFileSync(f).toString('latin1')]));
}

describe('the public build holds no internal data', () => {
  let repo: { dir: string; cleanup: () => void };
  let publicFiles: Map<string, string>;
  let internalFiles: Map<string, string>;
  let slaInstants: string[];

  beforeAll(async () => {
    repo = copyFixture('site-canary');
    const out = join(repo.dir, 'out');
    const built = await runCli(['site', '--at', AT, '--out', out, '--no-history'], { cwd: repo.dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    publicFiles = contents(join(out, 'public'));
    internalFiles = contents(join(out, 'internal'));
    const sla = await runCli(['sla', '--at', AT, '--format', 'json'], { cwd: repo.dir });
    const report = JSON.parse(sla.stdout) as {
      tickets: { response: { due: string | null }; resolution: { due: string | null } }[];
    };
    slaInstants = report.tickets
      .flatMap((t) => [t.response.due, t.resolution.due])
      .filter((d): d is string => d !== null);
  }, 180_000);

  afterAll(() => repo?.cleanup());

  it('builds the page types, the API, the feed, badges and the sitemap', () => {
    for (const file of [
      'index.html',
      'incidents/index.html',
      'incidents/INC-2026-0001/index.html',
      'incidents/INC-2026-0002/index.html',
      'incidents/MNT-2026-0001/index.html',
      'api/v2/summary.json',
      'api/v2/incidents.json',
      'feed.xml',
      'feeds/mail.xml',
      'maintenance.ics',
      '_headers',
      'badges/status.svg',
      'sitemap.xml',
    ]) {
      expect(publicFiles.has(file), file).toBe(true);
    }
    // No feed of an internal service, and no CORS for the internal site's documents.
    expect([...publicFiles.keys()].filter((f) => f.startsWith('feeds/'))).toEqual([
      'feeds/mail.xml',
      'feeds/web.xml',
    ]);
    expect(internalFiles.has('_headers')).toBe(false);
  });

  it('gives every API incident an id whose page exists, as its shortlink names', () => {
    const incidents = JSON.parse(publicFiles.get('api/v2/incidents.json') ?? '{}') as {
      page: { url: string };
      incidents: { id: string; shortlink: string }[];
    };
    const maintenances = JSON.parse(publicFiles.get('api/v2/scheduled-maintenances.json') ?? '{}') as {
      scheduled_maintenances: { id: string; shortlink: string }[];
    };
    const all = [...incidents.incidents, ...maintenances.scheduled_maintenances];
    expect(all.length).toBeGreaterThan(2);
    for (const item of all) {
      expect(publicFiles.has(`incidents/${item.id}/index.html`), item.id).toBe(true);
      expect(item.shortlink).toBe(`${incidents.page.url}/incidents/${item.id}/`);
    }
  });

  it('has no file that contains an internal value', () => {
    const leaks: string[] = [];
    for (const [file, text] of publicFiles) {
      if (/canary/i.test(file)) leaks.push(`${file}: the file name`);
      const m = /canary/i.exec(text);
      if (m) leaks.push(`${file}: …${text.slice(Math.max(0, m.index - 60), m.index + 40)}…`);
    }
    expect(leaks).toEqual([]);
  });

  it('shows no SLA instant', () => {
    expect(slaInstants.length).toBeGreaterThan(0);
    for (const [file, text] of publicFiles) {
      for (const instant of slaInstants) {
        const plain = instant.replace(/Z$/, '');
        expect(text.includes(plain), `${file} contains the SLA instant ${instant}`).toBe(false);
      }
    }
  });

  it('leaves out the tickets that are not published', () => {
    for (const id of ['INC-2026-0003', 'REQ-2026-0001', 'PRB-2026-0001']) {
      for (const [file, text] of publicFiles) expect(text.includes(id), `${file} mentions ${id}`).toBe(false);
    }
    expect([...publicFiles.keys()].some((f) => f.startsWith('runbooks/'))).toBe(false);
    expect([...publicFiles.keys()].some((f) => f.startsWith('pagefind/'))).toBe(false);
  });

  it('does publish the public texts and the published review', () => {
    const incident = publicFiles.get('incidents/INC-2026-0001/index.html') ?? '';
    expect(incident).toContain('First update PUBLIC-OK.');
    expect(publicFiles.get('incidents/INC-2026-0002/index.html')).toContain(
      'The published review PUBLIC-OK.',
    );
    expect(publicFiles.get('index.html')).toContain('E-mail PUBLIC-OK');
    expect(publicFiles.get('api/v2/summary.json')).toContain('Mail delivery delayed PUBLIC-OK');
  });

  it('tells the impact of the public services only', () => {
    // INC-2026-0002 degrades the website and takes down an internal service.
    const impacts = (file: string) =>
      (JSON.parse(publicFiles.get(file) ?? '{}') as { incidents: { id: string; impact: string }[] }).incidents
        .filter((i) => i.id === 'INC-2026-0002')
        .map((i) => i.impact);
    expect(impacts('api/v2/incidents.json')).toEqual(['minor']);
    expect(impacts('api/v2/summary.json')).toEqual([]); // resolved: not in the summary
    const page = publicFiles.get('incidents/INC-2026-0002/index.html') ?? '';
    expect(page).toContain('Minor impact');
    for (const [file, text] of publicFiles) {
      // The language script carries every interface word, "Critical impact" too.
      if (file === 'opsbook.js') continue;
      expect(text.includes('Critical impact'), file).toBe(false);
      expect(text.includes('data-i18n="impact.critical"'), file).toBe(false);
      expect(text.includes('"impact":"critical"'), file).toBe(false);
    }
    expect(internalFiles.get('incidents/INC-2026-0002/index.html')).toContain('Critical impact');
  });

  it('shows the internal values in the internal build', () => {
    const all = [...internalFiles.values()].join('\n');
    for (const value of [
      'CANARY-NOTE-ONE',
      'CANARY-CUSTOMER-NAME',
      'CANARY-REPORTER',
      'CANARY-BODY-DESCRIPTION',
      'CANARY-UNPUBLISHED-REVIEW',
      'CANARY-RUNBOOK-STEP',
      'CANARY-INTERNAL-ONLY-TITLE',
      'CANARY-REQUEST-TITLE',
      'canary-policy',
    ]) {
      expect(all.includes(value), value).toBe(true);
    }
  });
});
