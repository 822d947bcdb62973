/**
 * A status watcher over two builds of tests/fixtures/statuspage-clients: it polls
 * `summary.json` as watchers (chat bots, aggregators) do and reports what changed between two
 * polls: incidents and maintenances that appear or leave, updates that are new by id, components
 * whose status changed, and the page's indicator. The reports between the instants of the
 * fixture are exactly the story told in its opsbook.yaml; two builds of the same state give the
 * same bytes, so a watcher sees no change at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSPAGE_PATHS } from '../../scripts/present/site/statuspage.ts';
import {
  AFTER_WINDOW,
  BEFORE_WINDOW,
  BUILD_TIMEOUT,
  type Build,
  buildFixtureAt,
  DURING_WINDOW,
  LATER_SAME_STATE,
} from '../helpers/client-builds.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

interface Summary {
  status: { indicator: string };
  components: { id: string; status: string }[];
  incidents: Watched[];
  scheduled_maintenances: Watched[];
}
interface Watched {
  id: string;
  status: string;
  incident_updates: { id: string; status: string }[];
}

async function poll(server: StaticServer): Promise<Summary> {
  const response = await fetch(server.url('api/v2/summary.json'));
  if (!response.ok) throw new Error(`summary.json: ${response.status}`);
  return (await response.json()) as Summary;
}

/** The changes between two polls, one line each, in the order a watcher would post them. */
function changes(before: Summary, after: Summary): string[] {
  const out: string[] = [];
  if (before.status.indicator !== after.status.indicator)
    out.push(`indicator ${before.status.indicator} -> ${after.status.indicator}`);
  const statusBefore = new Map(before.components.map((c) => [c.id, c.status]));
  for (const component of after.components) {
    const was = statusBefore.get(component.id);
    if (was === undefined) out.push(`new component ${component.id} ${component.status}`);
    else if (was !== component.status) out.push(`component ${component.id} ${was} -> ${component.status}`);
  }
  for (const kind of ['incidents', 'scheduled_maintenances'] as const) {
    const known = new Map(before[kind].map((ticket) => [ticket.id, ticket]));
    const current = new Set(after[kind].map((ticket) => ticket.id));
    for (const ticket of after[kind]) {
      const old = known.get(ticket.id);
      if (!old)
        out.push(`new ${kind === 'incidents' ? 'incident' : 'maintenance'} ${ticket.id} ${ticket.status}`);
      const seen = new Set(old?.incident_updates.map((update) => update.id));
      // Updates arrive newest first; a watcher posts them oldest first.
      for (const update of [...ticket.incident_updates].reverse())
        if (!seen.has(update.id)) out.push(`new update ${ticket.id} ${update.id} ${update.status}`);
    }
    for (const ticket of before[kind]) if (!current.has(ticket.id)) out.push(`gone ${ticket.id}`);
  }
  return out;
}

describe('a watcher polling summary.json of two builds', () => {
  let fixture: { builds: Build[]; cleanup: () => void };
  const servers: StaticServer[] = [];

  beforeAll(async () => {
    fixture = await buildFixtureAt([BEFORE_WINDOW, DURING_WINDOW, AFTER_WINDOW, LATER_SAME_STATE]);
    for (const build of fixture.builds) servers.push(await serveStatic(build.dir, '/'));
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    for (const server of servers) await server.close();
    fixture?.cleanup();
  });

  const server = (i: number) => servers[i] as StaticServer;

  it('reports the new incident, the new updates and the component changes when the window opens', async () => {
    expect(changes(await poll(server(0)), await poll(server(1)))).toEqual([
      // The indicator stays major: the e-mail outage is worse than any maintenance.
      'component web operational -> under_maintenance',
      'component group-office operational -> degraded_performance',
      'component printers operational -> degraded_performance',
      'new incident INC-2026-0002 investigating',
      'new update INC-2026-0002 INC-2026-0002-1 investigating',
      'new update INC-2026-0001 INC-2026-0001-s2 identified',
      // s2: the second status change (scheduled was the first), which had no public text.
      'new update MNT-2026-0001 MNT-2026-0001-s2 in_progress',
    ]);
  });

  it('reports the end of the maintenance when the window has passed', async () => {
    expect(changes(await poll(server(1)), await poll(server(2)))).toEqual([
      'component web under_maintenance -> operational',
      'gone MNT-2026-0001',
    ]);
  });

  it('sees no change between two builds of the same state: every document is byte-identical', async () => {
    expect(changes(await poll(server(2)), await poll(server(3)))).toEqual([]);
    const [after, later] = [fixture.builds[2] as Build, fixture.builds[3] as Build];
    for (const path of STATUSPAGE_PATHS)
      expect(readFileSync(join(later.dir, path)), path).toEqual(readFileSync(join(after.dir, path)));
  });
});
