/**
 * Every published incident and maintenance carries at least one update in the model and the
 * Statuspage API: its public texts, and a standard sentence in the organisation's language where
 * the status changed without one (a maintenance's window start and end included).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../scripts/load/repository.ts';
import type { SiteModel } from '../../scripts/model/site.ts';
import { buildSiteModel } from '../../scripts/present/site/model.ts';
import { statuspageDocuments } from '../../scripts/present/site/statuspage.ts';
import type { StatuspageIncident } from '../../scripts/present/site/statuspage-types.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const CONFIG = (locale: string) =>
  configYaml({
    name: 'Example',
    services:
      '\n  mail: { name: E-mail, group: central, owner: ops }\n  web: { name: Website, group: central, owner: ops }',
    sla: '\n  policies:\n    std: { calendar: mon-fri, targets: { P1: { response: 1h, resolution: 8h } } }\n  default: std',
  })
    .replace('timezone: Europe/Berlin }', `timezone: Europe/Berlin, locale: ${locale} }`)
    .concat('groups:\n  central: { name: Central services }\n');

const SILENT = `---
id: INC-2026-0001
title: Mail down
kind: incident
status: resolved
impact: high
urgency: high
services:
  - id: mail
    effect: major_outage
reported_at: 2026-11-10T08:00:00Z
timeline:
  - at: 2026-11-10T08:30:00Z
    status: identified
    public: Storage <b>full</b>.
  - at: 2026-11-10T09:00:00Z
    status: resolved
---
`;

const MAINTENANCE = `---
id: MNT-2026-0001
title: Web upgrade
kind: maintenance
status: scheduled
services:
  - id: web
reported_at: 2026-11-01T10:00:00Z
scheduled_for: 2026-11-14T06:00:00Z
scheduled_until: 2026-11-14T08:00:00Z
---
`;

const OVERRUN = `---
id: MNT-2026-0002
title: Mail migration
kind: maintenance
status: in-progress
services:
  - id: mail
reported_at: 2026-11-01T10:00:00Z
scheduled_for: 2026-11-14T06:00:00Z
scheduled_until: 2026-11-14T08:00:00Z
timeline:
  - at: 2026-11-14T06:00:00Z
    status: in-progress
    public: Migration started.
  - at: 2026-11-14T09:15:00Z
    status: completed
---
`;

const CANCELLED = `---
id: MNT-2026-0003
title: Mail move
kind: maintenance
status: cancelled
services:
  - id: mail
    effect: major_outage
reported_at: 2026-11-01T10:00:00Z
scheduled_for: 2026-11-15T06:00:00Z
scheduled_until: 2026-11-15T08:00:00Z
timeline:
  - at: 2026-11-12T09:00:00Z
    status: cancelled
---
`;

const repos: { cleanup: () => void }[] = [];
afterAll(() => {
  for (const repo of repos) repo.cleanup();
});

function model(locale: string, at: string): SiteModel {
  const repo = tempRepository('opsbook-standard-', CONFIG(locale), {
    'incidents/2026/INC-2026-0001.md': SILENT,
    'incidents/2026/MNT-2026-0001.md': MAINTENANCE,
    'incidents/2026/MNT-2026-0002.md': OVERRUN,
    'incidents/2026/MNT-2026-0003.md': CANCELLED,
  });
  repos.push(repo);
  const loaded = loadRepository(repo.dir);
  if (!loaded.config) throw new Error(JSON.stringify(loaded.findings));
  return buildSiteModel({
    audience: 'public',
    at: Date.parse(at),
    config: loaded.config,
    tickets: loaded.tickets,
  });
}

function apiIncidents(m: SiteModel): Map<string, StatuspageIncident> {
  const docs = statuspageDocuments(m, { pageUrl: 'https://status.example.org' });
  const incidents = (docs.get('api/v2/incidents.json') as { incidents: StatuspageIncident[] }).incidents;
  const maintenances = (
    docs.get('api/v2/scheduled-maintenances.json') as { scheduled_maintenances: StatuspageIncident[] }
  ).scheduled_maintenances;
  return new Map([...incidents, ...maintenances].map((i) => [i.id, i]));
}

const summary = (i: StatuspageIncident | undefined) =>
  i?.incident_updates.map((u) => [u.created_at, u.status, u.body]);

describe('standard updates', () => {
  it('tells the status changes nobody wrote about, in English, newest first', () => {
    const api = apiIncidents(model('en', '2026-11-20T00:00:00Z'));
    expect(summary(api.get('INC-2026-0001'))).toEqual([
      ['2026-11-10T09:00:00.000Z', 'resolved', 'This incident has been resolved.'],
      ['2026-11-10T08:30:00.000Z', 'identified', 'Storage <b>full</b>.'],
      ['2026-11-10T08:00:00.000Z', 'investigating', 'We are currently investigating this issue.'],
    ]);
  });

  it('gives a maintenance its scheduled, in progress and completed updates at the window', () => {
    const api = apiIncidents(model('en', '2026-11-20T00:00:00Z'));
    expect(summary(api.get('MNT-2026-0001'))).toEqual([
      ['2026-11-14T08:00:00.000Z', 'completed', 'The scheduled maintenance has been completed.'],
      [
        '2026-11-14T06:00:00.000Z',
        'in_progress',
        'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
      ],
      [
        '2026-11-01T10:00:00.000Z',
        'scheduled',
        'We will be undergoing scheduled maintenance during this time.',
      ],
    ]);
    // Overrunning: completed when the work was, not at the end of the window.
    expect(summary(api.get('MNT-2026-0002'))?.slice(0, 2)).toEqual([
      ['2026-11-14T09:15:00.000Z', 'completed', 'The scheduled maintenance has been completed.'],
      ['2026-11-14T06:00:00.000Z', 'in_progress', 'Migration started.'],
    ]);
  });

  it('computes the window at the build instant: nothing after it', () => {
    const before = apiIncidents(model('en', '2026-11-13T00:00:00Z'));
    expect(summary(before.get('MNT-2026-0001'))?.map((u) => u[1])).toEqual(['scheduled']);
    const during = apiIncidents(model('en', '2026-11-14T07:00:00Z'));
    expect(summary(during.get('MNT-2026-0001'))?.map((u) => u[1])).toEqual(['in_progress', 'scheduled']);
    expect(summary(during.get('MNT-2026-0002'))?.map((u) => u[1])).toEqual(['in_progress', 'scheduled']);
  });

  it('writes the sentences in the organisation language', () => {
    const de = apiIncidents(model('de-DE', '2026-11-20T00:00:00Z'));
    expect(de.get('INC-2026-0001')?.incident_updates[0]?.body).toBe('Diese Störung ist behoben.');
    const sv = apiIncidents(model('sv', '2026-11-20T00:00:00Z'));
    expect(sv.get('INC-2026-0001')?.incident_updates[0]?.body).toBe('Den här incidenten är löst.');
    const ru = apiIncidents(model('ru-RU', '2026-11-20T00:00:00Z'));
    expect(ru.get('MNT-2026-0001')?.incident_updates[0]?.body).toBe('Плановые работы завершены.');
  });

  it('marks standard updates in the model with ids that do not shift the public texts', () => {
    const m = model('en', '2026-11-20T00:00:00Z');
    const incident = m.tickets.find((t) => t.id === 'INC-2026-0001');
    expect(incident?.updates.map((u) => [u.id, u.standard ?? null])).toEqual([
      ['INC-2026-0001-s3', 'update.incident.resolved'],
      ['INC-2026-0001-1', null],
      ['INC-2026-0001-s1', 'update.incident.investigating'],
    ]);
    // A written text is rendered; the standard sentence is escaped text.
    expect(incident?.updates[1]?.html).not.toContain('<b>');
  });

  it('gives every published ticket at least one update, even one without any text', () => {
    const m = model('en', '2026-11-10T08:05:00Z');
    for (const ticket of apiIncidents(m).values()) expect(ticket.incident_updates.length).toBeGreaterThan(0);
    const bare: SiteModel = {
      ...m,
      tickets: m.tickets.map((t) => ({ ...t, updates: [] })),
    };
    const fallback = apiIncidents(bare).get('INC-2026-0001');
    expect(summary(fallback)).toEqual([
      ['2026-11-10T08:00:00.000Z', 'investigating', 'We are currently investigating this issue.'],
    ]);
  });

  it('tells a cancellation as such on the page, and keeps the cancelled maintenance out of the API', () => {
    const m = model('de', '2026-11-20T00:00:00Z');
    const cancelled = m.tickets.find((t) => t.id === 'MNT-2026-0003');
    expect(cancelled?.cancelled).toBe(true);
    expect(cancelled?.updates[0]).toMatchObject({
      status: 'completed',
      text: 'Die geplante Wartung ist abgesagt.',
      standard: 'update.maintenance.cancelled',
    });
    expect(apiIncidents(m).has('MNT-2026-0003')).toBe(false);
  });

  it('takes a maintenance impact from its effect, and group names from opsbook.yaml', () => {
    const m = model('en', '2026-11-10T00:00:00Z');
    expect(m.tickets.find((t) => t.id === 'MNT-2026-0001')?.impact).toBe('none');
    expect(m.tickets.find((t) => t.id === 'MNT-2026-0003')?.impact).toBe('critical');
    expect(m.groups.map((g) => [g.id, g.name])).toEqual([['central', 'Central services']]);
    const docs = statuspageDocuments(m, { pageUrl: 'https://status.example.org' });
    const { components } = docs.get('api/v2/components.json') as {
      components: { id: string; name: string }[];
    };
    expect(components.find((c) => c.id === 'group-central')?.name).toBe('Central services');
  });

  it('writes byte-identical API documents for two build instants with the same derived state', () => {
    const api = (at: string) =>
      JSON.stringify([...statuspageDocuments(model('en', at), { pageUrl: 'https://status.example.org' })]);
    expect(api('2026-11-21T08:00:00Z')).toBe(api('2026-11-20T00:00:00Z'));
    // A window passing is a change: the API says so.
    expect(api('2026-11-14T07:00:00Z')).not.toBe(api('2026-11-14T08:30:00Z'));
  });
});
