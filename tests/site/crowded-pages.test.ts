/**
 * Pages that list every open thing stay pages a browser can show on a desk with thousands of
 * them at once: the status page shows the 50 newest active incidents as cards and says how many
 * more there are; the internal SLA page lists at most 1,000 open tickets, the ones whose clocks
 * need attention first, and says so. Below those numbers both pages are as before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteModel, SiteSlaRow, SiteTicket } from '../../scripts/model/site.ts';
import { copyFixture, FIXTURES, runCli } from '../helpers/cli.ts';

function crowdedModel(): SiteModel {
  const model = JSON.parse(readFileSync(join(FIXTURES, 'site', 'model-internal.json'), 'utf8')) as SiteModel;
  const active = model.tickets.find((t) => t.kind === 'incident' && t.active) as SiteTicket;
  const extra: SiteTicket[] = [];
  // 70 more active incidents, the newest first (the model's order).
  for (let i = 0; i < 70; i++) {
    const id = `INC-2026-${String(9000 + i)}`;
    const startedAt = new Date(Date.parse('2026-11-23T08:59:00Z') - i * 60_000)
      .toISOString()
      .replace('.000', '');
    extra.push({ ...active, id, title: `Crowded incident ${i}`, startedAt, createdAt: startedAt });
  }
  model.tickets = [...extra, ...model.tickets];
  const template = model.sla?.rows[0] as SiteSlaRow;
  const rows: SiteSlaRow[] = [];
  for (let i = 0; i < 1200; i++) {
    const met = { ...template.response, state: 'met' as const };
    rows.push({ ...template, id: `REQ-2026-${String(1000 + i)}`, response: met, resolution: met });
  }
  // The last by ID has breached: it must be among the rows shown.
  const last = rows.at(-1) as SiteSlaRow;
  last.resolution = { ...last.resolution, state: 'breached' };
  if (model.sla) model.sla.rows = rows;
  return model;
}

describe('crowded pages', () => {
  it('shows the newest 50 active incidents and at most 1,000 SLA rows, most urgent first, and says so', async () => {
    const repo = copyFixture('site-canary');
    try {
      const model = crowdedModel();
      const more = model.tickets.filter((t) => t.kind === 'incident' && t.active).length - 50;
      writeFileSync(join(repo.dir, 'model.json'), JSON.stringify(model));
      const result = await runCli(['site', '--model', 'model.json', '--out', 'out'], { cwd: repo.dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      const home = readFileSync(join(repo.dir, 'out', 'internal', 'index.html'), 'utf8');
      const activeSection = home.slice(
        home.indexOf('id="active"'),
        home.indexOf('</section>', home.indexOf('id="active"')),
      );
      expect(activeSection.match(/<li class="card">/g)).toHaveLength(50);
      expect(activeSection).toContain('Crowded incident 0');
      expect(activeSection).not.toContain('Crowded incident 69');
      // The fixture's locale is German.
      expect(activeSection).toContain(
        `data-i18n="home.moreActive" data-i18n-args="${more}">${more} weitere aktuelle Störungen`,
      );
      // The ticket page of one not shown exists all the same.
      expect(
        readFileSync(join(repo.dir, 'out', 'internal', 'incidents', 'INC-2026-9069', 'index.html'), 'utf8'),
      ).toContain('Crowded incident 69');

      const sla = readFileSync(join(repo.dir, 'out', 'internal', 'sla', 'index.html'), 'utf8');
      const table = sla.slice(sla.indexOf('<tbody'));
      expect(table.match(/<tr role="row">/g)).toHaveLength(1000);
      expect(table).toContain('REQ-2026-2199');
      expect(table).not.toContain('REQ-2026-1999');
      expect(sla).toContain('data-i18n="sla.more" data-i18n-args="1000|1200"');
    } finally {
      repo.cleanup();
    }
  });
});
