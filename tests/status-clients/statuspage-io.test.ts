/**
 * The public status API read by a published Statuspage client, the npm package `statuspage.io`
 * (3.3.8, an axios client whose host is `<page>.statuspage.io`; `setApiUrl` points it at a build
 * served on 127.0.0.1). Every endpoint the client has is called against real builds made with
 * `opsbook site`: the shipped example at `config.exampleAt`, the repository
 * tests/fixtures/statuspage-clients before, during and after a maintenance window (with an
 * incident that has an effect and no public text), and a build under the base path /opsbook/.
 *
 * The client's `scheduledMaintenances.getAll()` and `getActive()` both request
 * `scheduled-maintenances/upcoming.json` (a bug of the client); the test calls them as they are
 * and reads `scheduled-maintenances.json` and `.../active.json` directly beside them.
 */
import { Statuspage } from 'statuspage.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.ts';
import {
  AFTER_WINDOW,
  BEFORE_WINDOW,
  BUILD_TIMEOUT,
  type Build,
  buildFixtureAt,
  buildPublic,
  COMPONENT_STATUSES,
  DURING_WINDOW,
  EXAMPLE_AT,
  IMPACTS,
  INCIDENT_STATUSES,
  INDICATORS,
  MAINTENANCE_STATUSES,
} from '../helpers/client-builds.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

interface Update {
  id: string;
  status: string;
  body: string;
  created_at: string;
  incident_id: string;
}
interface Ticket {
  id: string;
  name: string;
  status: string;
  impact: string;
  shortlink: string;
  incident_updates: Update[];
}
interface Component {
  id: string;
  status: string;
}
interface Page {
  url: string;
}

/** Everything a client can read from one build. */
interface Reading {
  summary: {
    page: Page;
    status: { indicator: string; description: string };
    components: Component[];
    incidents: Ticket[];
    scheduled_maintenances: Ticket[];
  };
  status: { page: Page; status: { indicator: string; description: string } };
  components: Component[];
  incidents: Ticket[];
  unresolved: Ticket[];
  /** What the client's getAll/getActive/getUpcoming of scheduled maintenances return. */
  clientMaintenances: { getAll: Ticket[]; getActive: Ticket[]; getUpcoming: Ticket[] };
  /** The maintenance documents the client cannot reach, read directly. */
  maintenances: Ticket[];
  active: Ticket[];
  upcoming: Ticket[];
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Reads a build the way the client does, with the full URL of the site (base path included). */
async function read(server: StaticServer): Promise<Reading> {
  const client = new Statuspage('opsbook');
  client.setApiUrl(server.url());
  const { api } = client;
  const summary = (await api.getSummary()) as unknown as Reading['summary'];
  const status = (await api.getStatus()) as unknown as Reading['status'];
  const components = (await api.getComponents()).components as unknown as Component[];
  const incidents = (await api.incidents.getAll()).incidents as unknown as Ticket[];
  const unresolved = (await api.incidents.getUnresolved()).incidents as unknown as Ticket[];
  const list = (r: { scheduled_maintenances: unknown }) => r.scheduled_maintenances as Ticket[];
  const clientMaintenances = {
    getAll: list(await api.scheduledMaintenances.getAll()),
    getActive: list(await api.scheduledMaintenances.getActive()),
    getUpcoming: list(await api.scheduledMaintenances.getUpcoming()),
  };
  const direct = async (path: string) =>
    (await getJson<{ scheduled_maintenances: Ticket[] }>(server.url(path))).scheduled_maintenances;
  return {
    summary,
    status,
    components,
    incidents,
    unresolved,
    clientMaintenances,
    maintenances: await direct('api/v2/scheduled-maintenances.json'),
    active: await direct('api/v2/scheduled-maintenances/active.json'),
    upcoming: await direct('api/v2/scheduled-maintenances/upcoming.json'),
  };
}

const ids = (list: { id: string }[]) => list.map((item) => item.id);
const statusOf = (list: { id: string; status: string }[], id: string) =>
  list.find((item) => item.id === id)?.status;

/**
 * What every client relies on: the enumerations, an `incident_updates[0]` that is the latest
 * update with id, status, body and time, and ids whose page exists under `page.url`.
 */
async function expectClientContract(reading: Reading, server: StaticServer): Promise<void> {
  const { summary, status } = reading;
  expect(INDICATORS).toContain(status.status.indicator);
  expect(status.status.description).not.toBe('');
  expect(summary.status).toEqual(status.status);
  expect(reading.components).toEqual(summary.components);
  for (const component of summary.components) expect(COMPONENT_STATUSES).toContain(component.status);

  const incidents = [...reading.incidents, ...reading.unresolved, ...summary.incidents];
  const maintenances = [...reading.maintenances, ...summary.scheduled_maintenances];
  const check = (ticket: Ticket, statuses: string[]) => {
    expect(statuses, ticket.id).toContain(ticket.status);
    expect(IMPACTS, ticket.id).toContain(ticket.impact);
    expect(ticket.incident_updates.length, ticket.id).toBeGreaterThan(0);
    const [latest] = ticket.incident_updates;
    expect(latest?.id, ticket.id).toMatch(/\S/);
    expect(statuses, ticket.id).toContain(latest?.status);
    expect(latest?.body, ticket.id).toMatch(/\S/);
    expect(latest?.incident_id).toBe(ticket.id);
    const newest = Math.max(...ticket.incident_updates.map((update) => Date.parse(update.created_at)));
    expect(Date.parse(latest?.created_at ?? ''), `${ticket.id}: [0] is the latest`).toBe(newest);
  };
  for (const ticket of incidents) check(ticket, INCIDENT_STATUSES);
  for (const ticket of maintenances) check(ticket, MAINTENANCE_STATUSES);

  // `<page.url>/incidents/<id>` is the ticket's page: served by this build, under its base path.
  const path = new URL(summary.page.url).pathname.replace(/\/+$/, '');
  for (const ticket of [...incidents, ...maintenances]) {
    expect(ticket.shortlink).toBe(`${summary.page.url.replace(/\/+$/, '')}/incidents/${ticket.id}/`);
    const response = await fetch(new URL(`${path}/incidents/${ticket.id}/`, server.origin));
    expect(response.status, `${ticket.id} has a page`).toBe(200);
    expect(await response.text()).toContain(ticket.name);
  }
}

describe('the statuspage.io client (3.3.8) reads Opsbook builds', () => {
  let example: Build;
  let fixture: { builds: Build[]; cleanup: () => void };
  let based: { builds: Build[]; cleanup: () => void };
  const servers: StaticServer[] = [];
  const readings = new Map<string, { reading: Reading; server: StaticServer }>();

  beforeAll(async () => {
    example = await buildPublic(REPO_ROOT, EXAMPLE_AT);
    fixture = await buildFixtureAt([BEFORE_WINDOW, DURING_WINDOW, AFTER_WINDOW]);
    based = await buildFixtureAt([DURING_WINDOW], '/opsbook/');
    const builds: [string, Build, string][] = [
      ['example', example, '/'],
      ['before', fixture.builds[0] as Build, '/'],
      ['during', fixture.builds[1] as Build, '/'],
      ['after', fixture.builds[2] as Build, '/'],
      ['based', based.builds[0] as Build, '/opsbook/'],
    ];
    for (const [name, build, base] of builds) {
      const server = await serveStatic(build.dir, base);
      servers.push(server);
      readings.set(name, { reading: await read(server), server });
    }
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    for (const server of servers) await server.close();
    example?.cleanup();
    fixture?.cleanup();
    based?.cleanup();
  });

  const get = (name: string) => {
    const entry = readings.get(name);
    if (!entry) throw new Error(`no build ${name}`);
    return entry;
  };

  it('gets every document of every build, with what clients rely on', async () => {
    for (const name of ['example', 'before', 'during', 'after', 'based']) {
      const { reading, server } = get(name);
      await expectClientContract(reading, server);
    }
  });

  it('requests the paths of Statuspage under the base path it was given', () => {
    const { server } = get('based');
    expect(server.requests.slice(0, 8)).toEqual([
      '/opsbook/api/v2/summary.json',
      '/opsbook/api/v2/status.json',
      '/opsbook/api/v2/components.json',
      '/opsbook/api/v2/incidents.json',
      '/opsbook/api/v2/incidents/unresolved.json',
      // The client's getAll, getActive and getUpcoming all ask for upcoming.json.
      '/opsbook/api/v2/scheduled-maintenances/upcoming.json',
      '/opsbook/api/v2/scheduled-maintenances/upcoming.json',
      '/opsbook/api/v2/scheduled-maintenances/upcoming.json',
    ]);
    const { reading } = get('based');
    expect(reading.summary.page.url).toMatch(/\/opsbook$/);
    expect(reading.clientMaintenances.getAll).toEqual(reading.upcoming);
  });

  it('reads the shipped example as the status page shows it', () => {
    const { reading } = get('example');
    expect(reading.status.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(ids(reading.incidents)).toContain('INC-2026-0012');
    expect(ids(reading.unresolved)).toEqual(ids(reading.summary.incidents));
    expect(reading.incidents.length).toBeGreaterThan(reading.unresolved.length);
    expect(reading.maintenances.length).toBeGreaterThan(0);
  });

  it('gives an incident without any public text an update for each status it had', () => {
    const before = get('before').reading.unresolved.find((t) => t.id === 'INC-2026-0001');
    const during = get('during').reading.unresolved.find((t) => t.id === 'INC-2026-0001');
    expect(before?.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ['investigating', 'We are currently investigating this issue.'],
    ]);
    expect(during?.status).toBe('identified');
    expect(during?.impact).toBe('major');
    expect(during?.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ['identified', 'The issue has been identified and a fix is being implemented.'],
      ['investigating', 'We are currently investigating this issue.'],
    ]);
    expect(new Set(during?.incident_updates.map((u) => u.id)).size).toBe(2);
  });

  it('follows the maintenance from scheduled to in progress to completed across its window', () => {
    const phases = ['before', 'during', 'after'].map((name) => get(name).reading);
    expect(phases.map((r) => statusOf(r.maintenances, 'MNT-2026-0001'))).toEqual([
      'scheduled',
      'in_progress',
      'completed',
    ]);
    expect(phases.map((r) => statusOf(r.components, 'web'))).toEqual([
      'operational',
      'under_maintenance',
      'operational',
    ]);
    expect(phases.map((r) => ids(r.upcoming))).toEqual([['MNT-2026-0001'], [], []]);
    expect(phases.map((r) => ids(r.active))).toEqual([[], ['MNT-2026-0001'], []]);
    expect(phases.map((r) => ids(r.summary.scheduled_maintenances))).toEqual([
      ['MNT-2026-0001'],
      ['MNT-2026-0001'],
      [],
    ]);
    expect(
      phases.map((r) => r.maintenances.find((m) => m.id === 'MNT-2026-0001')?.incident_updates[0]?.body),
    ).toEqual([
      'Customer websites will be unavailable for short periods during the upgrade.',
      'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
      'The scheduled maintenance has been completed.',
    ]);
  });

  it('serves the same documents under a base path as at the domain root, but for the page url', () => {
    const root = get('during').reading;
    const based = get('based').reading;
    const withoutUrls = (value: unknown) =>
      JSON.parse(
        JSON.stringify(value).replaceAll('https://status.example.com/opsbook', 'https://status.example.com'),
      );
    expect(withoutUrls(based)).toEqual(root);
  });
});
