/**
 * The Statuspage-compatible API: the documents, field names and values of the Atlassian
 * Statuspage public API v2 for a small hand-written model; nothing but public fields.
 */
import { describe, expect, it } from 'vitest';
import type { SiteModel } from '../../scripts/model/site.ts';
import { pageId, STATUSPAGE_PATHS, statuspageDocuments } from '../../scripts/present/site/statuspage.ts';
import { latestTicketEvent } from '../../scripts/present/site/statuspage-components.ts';
import type {
  StatuspageComponent,
  StatuspageIncident,
  StatuspageMaintenance,
  StatuspagePage,
} from '../../scripts/present/site/statuspage-types.ts';
import { CANARY, guardedModel, internalSiteModel, siteModel, ticket } from '../helpers/site-model.ts';

// The enumerations of the Statuspage API v2.
const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
];
const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'];
const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'];
const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'];

const PAGE_FIELDS = ['id', 'name', 'url', 'time_zone', 'updated_at'];
const COMPONENT_FIELDS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'start_date',
  'group_id',
  'page_id',
  'group',
  'only_show_if_degraded',
];
const INCIDENT_FIELDS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'monitoring_at',
  'resolved_at',
  'impact',
  'shortlink',
  'started_at',
  'page_id',
  'incident_updates',
  'components',
  'reminder_intervals',
];
const UPDATE_FIELDS = [
  'id',
  'status',
  'body',
  'incident_id',
  'created_at',
  'updated_at',
  'display_at',
  'affected_components',
  'deliver_notifications',
  'custom_tweet',
  'tweet_id',
];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const OPTIONS = { pageUrl: 'https://status.example.org' };

interface Documents {
  status: { page: StatuspagePage; status: { indicator: string; description: string } };
  summary: {
    page: StatuspagePage;
    components: StatuspageComponent[];
    incidents: StatuspageIncident[];
    scheduled_maintenances: StatuspageMaintenance[];
    status: { indicator: string; description: string };
  };
  components: { page: StatuspagePage; components: StatuspageComponent[] };
  incidents: { page: StatuspagePage; incidents: StatuspageIncident[] };
  unresolved: { page: StatuspagePage; incidents: StatuspageIncident[] };
  maintenances: { page: StatuspagePage; scheduled_maintenances: StatuspageMaintenance[] };
  upcoming: { page: StatuspagePage; scheduled_maintenances: StatuspageMaintenance[] };
  active: { page: StatuspagePage; scheduled_maintenances: StatuspageMaintenance[] };
}

function documents(model: SiteModel = siteModel()): Documents {
  const map = statuspageDocuments(model, OPTIONS);
  // Through JSON, as clients see the documents.
  const get = (path: string) => JSON.parse(JSON.stringify(map.get(path)));
  return {
    status: get('api/v2/status.json'),
    summary: get('api/v2/summary.json'),
    components: get('api/v2/components.json'),
    incidents: get('api/v2/incidents.json'),
    unresolved: get('api/v2/incidents/unresolved.json'),
    maintenances: get('api/v2/scheduled-maintenances.json'),
    upcoming: get('api/v2/scheduled-maintenances/upcoming.json'),
    active: get('api/v2/scheduled-maintenances/active.json'),
  };
}

const sorted = (keys: string[]) => [...keys].sort();
const fieldsOf = (value: object) => sorted(Object.keys(value));

const PAGE: StatuspagePage = {
  id: 'example-it',
  name: 'Example IT',
  url: 'https://status.example.org',
  time_zone: 'Europe/Berlin',
  // The latest event of a published ticket (the VPN update at 11:01), not the build instant.
  updated_at: '2026-03-10T11:01:00.000Z',
};

const component = (over: Partial<StatuspageComponent> & Pick<StatuspageComponent, 'id' | 'name'>) => ({
  status: 'operational',
  created_at: '2026-03-01T08:05:00.000Z',
  description: null,
  showcase: true,
  start_date: null,
  page_id: 'example-it',
  group: false,
  only_show_if_degraded: false,
  ...over,
});

const COMPONENTS = [
  component({
    id: 'group-central',
    name: 'Central services',
    created_at: '2026-03-08T08:00:00.000Z',
    status: 'partial_outage',
    updated_at: '2026-03-10T11:01:00.000Z',
    position: 1,
    showcase: false,
    group_id: null,
    group: true,
    components: ['mail', 'vpn'],
  }),
  component({
    id: 'mail',
    name: 'Mail',
    status: 'partial_outage',
    created_at: '2026-03-10T10:02:00.000Z',
    updated_at: '2026-03-10T11:00:00.000Z',
    position: 1,
    description: 'Mail for all staff',
    group_id: 'group-central',
  }),
  component({
    id: 'vpn',
    name: 'VPN',
    status: 'under_maintenance',
    created_at: '2026-03-08T08:00:00.000Z',
    updated_at: '2026-03-10T11:01:00.000Z',
    position: 2,
    group_id: 'group-central',
  }),
  component({
    id: 'group-decentral',
    name: 'decentral',
    updated_at: '2026-03-09T09:00:00.000Z',
    position: 2,
    showcase: false,
    group_id: null,
    group: true,
    components: ['laptops', 'printers'],
  }),
  component({
    id: 'laptops',
    name: 'Laptops',
    created_at: '2026-03-09T09:00:00.000Z',
    updated_at: '2026-03-09T09:00:00.000Z',
    position: 1,
    group_id: 'group-decentral',
  }),
  component({
    id: 'printers',
    name: 'Printers',
    updated_at: '2026-03-01T09:30:00.000Z',
    position: 2,
    group_id: 'group-decentral',
  }),
];

const update = (
  incident: string,
  n: number,
  status: string,
  body: string,
  at: string,
  affected: object[],
) => ({
  id: `${incident}-${n}`,
  status,
  body,
  incident_id: incident,
  created_at: at,
  updated_at: at,
  display_at: at,
  affected_components: affected,
  deliver_notifications: true,
  custom_tweet: null,
  tweet_id: null,
});

const RESOLVED_INCIDENT = {
  id: 'INC-2026-0001',
  name: 'Printing fails on floor 2',
  status: 'resolved',
  created_at: '2026-03-01T08:05:00.000Z',
  updated_at: '2026-03-01T09:30:00.000Z',
  monitoring_at: '2026-03-01T09:00:00.000Z',
  resolved_at: '2026-03-01T09:30:00.000Z',
  impact: 'minor',
  shortlink: 'https://status.example.org/incidents/INC-2026-0001/',
  started_at: '2026-03-01T08:00:00.000Z',
  page_id: 'example-it',
  incident_updates: [
    update('INC-2026-0001', 3, 'resolved', 'Fixed.', '2026-03-01T09:30:00.000Z', [
      { code: 'printers', name: 'Printers', old_status: 'degraded_performance', new_status: 'operational' },
    ]),
    update('INC-2026-0001', 2, 'monitoring', 'Driver rolled back.', '2026-03-01T09:00:00.000Z', [
      {
        code: 'printers',
        name: 'Printers',
        old_status: 'degraded_performance',
        new_status: 'degraded_performance',
      },
    ]),
    update('INC-2026-0001', 1, 'investigating', 'Jobs hang.', '2026-03-01T08:10:00.000Z', [
      { code: 'printers', name: 'Printers', old_status: 'operational', new_status: 'degraded_performance' },
    ]),
  ],
  components: [COMPONENTS[5]],
  reminder_intervals: null,
};

const ACTIVE_MAINTENANCE = {
  id: 'MNT-2026-0002',
  name: 'VPN gateway upgrade',
  status: 'in_progress',
  created_at: '2026-03-08T08:00:00.000Z',
  updated_at: '2026-03-10T11:01:00.000Z',
  monitoring_at: null,
  resolved_at: null,
  impact: 'maintenance',
  shortlink: 'https://status.example.org/incidents/MNT-2026-0002/',
  started_at: '2026-03-10T11:00:00.000Z',
  page_id: 'example-it',
  incident_updates: [
    update('MNT-2026-0002', 2, 'in_progress', 'Started.', '2026-03-10T11:01:00.000Z', [
      { code: 'vpn', name: 'VPN', old_status: 'operational', new_status: 'under_maintenance' },
    ]),
    update('MNT-2026-0002', 1, 'scheduled', 'Planned.', '2026-03-08T08:00:00.000Z', [
      { code: 'vpn', name: 'VPN', old_status: 'operational', new_status: 'operational' },
    ]),
  ],
  components: [COMPONENTS[2]],
  reminder_intervals: null,
  scheduled_for: '2026-03-10T11:00:00.000Z',
  scheduled_until: '2026-03-10T14:00:00.000Z',
};

describe('statuspageDocuments', () => {
  it('writes the eight documents of the API', () => {
    const map = statuspageDocuments(siteModel(), OPTIONS);
    expect([...map.keys()]).toEqual([...STATUSPAGE_PATHS]);
    expect([...map.keys()]).toEqual([
      'api/v2/status.json',
      'api/v2/summary.json',
      'api/v2/components.json',
      'api/v2/incidents.json',
      'api/v2/incidents/unresolved.json',
      'api/v2/scheduled-maintenances.json',
      'api/v2/scheduled-maintenances/upcoming.json',
      'api/v2/scheduled-maintenances/active.json',
    ]);
  });

  it('status.json: the page and the overall indicator', () => {
    const { status } = documents();
    expect(status).toEqual({
      page: PAGE,
      status: { indicator: 'major', description: 'Partial System Outage' },
    });
    expect(fieldsOf(status.page)).toEqual(sorted(PAGE_FIELDS));
    expect(INDICATORS).toContain(status.status.indicator);
  });

  it('components.json: groups as components, their services after them', () => {
    const { components } = documents();
    expect(components).toEqual({ page: PAGE, components: COMPONENTS });
    for (const item of components.components) {
      expect(fieldsOf(item)).toEqual(
        sorted(item.group ? [...COMPONENT_FIELDS, 'components'] : COMPONENT_FIELDS),
      );
      expect(COMPONENT_STATUSES).toContain(item.status);
      expect(item.created_at).toMatch(INSTANT);
      expect(item.updated_at).toMatch(INSTANT);
    }
    // Every child names its group and every group lists exactly its children.
    const groups = components.components.filter((item) => item.group);
    for (const group of groups) {
      const children = components.components
        .filter((item) => item.group_id === group.id)
        .map((item) => item.id);
      expect(group.components).toEqual(children);
    }
  });

  it('incidents.json: incidents newest first with their updates newest first', () => {
    const { incidents } = documents();
    expect(incidents.page).toEqual(PAGE);
    expect(incidents.incidents.map((item) => item.id)).toEqual(['INC-2026-0002', 'INC-2026-0001']);
    expect(incidents.incidents[1]).toEqual(RESOLVED_INCIDENT);
    expect(incidents.incidents[0]?.incident_updates.map((item) => [item.id, item.status, item.body])).toEqual(
      [
        ['INC-2026-0002-2', 'identified', 'A full queue on **mx1**.'],
        ['INC-2026-0002-1', 'investigating', 'Mail is slow.'],
      ],
    );
    for (const item of incidents.incidents) {
      expect(fieldsOf(item)).toEqual(sorted(INCIDENT_FIELDS));
      expect(INCIDENT_STATUSES).toContain(item.status);
      expect(IMPACTS).toContain(item.impact);
      for (const entry of item.incident_updates) {
        expect(fieldsOf(entry)).toEqual(sorted(UPDATE_FIELDS));
        expect(INCIDENT_STATUSES).toContain(entry.status);
        for (const change of entry.affected_components ?? []) {
          expect(fieldsOf(change)).toEqual(['code', 'name', 'new_status', 'old_status']);
          expect(COMPONENT_STATUSES).toContain(change.old_status);
          expect(COMPONENT_STATUSES).toContain(change.new_status);
        }
      }
    }
  });

  it('gives incident ids that lead to the ticket page, as the shortlink does', () => {
    const { incidents, maintenances } = documents();
    for (const item of [...incidents.incidents, ...maintenances.scheduled_maintenances]) {
      expect(item.shortlink).toBe(`${incidents.page.url}/incidents/${item.id}/`);
      for (const update of item.incident_updates) expect(update.incident_id).toBe(item.id);
    }
  });

  it('incidents/unresolved.json: the active incidents only', () => {
    const { unresolved, incidents } = documents();
    expect(unresolved.page).toEqual(PAGE);
    expect(unresolved.incidents).toEqual([incidents.incidents[0]]);
    expect(unresolved.incidents[0]).toMatchObject({
      id: 'INC-2026-0002',
      status: 'identified',
      impact: 'major',
      monitoring_at: null,
      resolved_at: null,
      components: [COMPONENTS[1]],
    });
  });

  it('scheduled-maintenances.json and its upcoming and active lists', () => {
    const { maintenances, upcoming, active } = documents();
    expect(maintenances.scheduled_maintenances.map((item) => item.id)).toEqual([
      'MNT-2026-0003',
      'MNT-2026-0002',
    ]);
    expect(upcoming.scheduled_maintenances.map((item) => item.id)).toEqual(['MNT-2026-0003']);
    expect(active).toEqual({ page: PAGE, scheduled_maintenances: [ACTIVE_MAINTENANCE] });
    expect(upcoming.scheduled_maintenances[0]).toMatchObject({
      status: 'scheduled',
      impact: 'maintenance',
      scheduled_for: '2026-03-12T18:00:00.000Z',
      scheduled_until: '2026-03-12T20:00:00.000Z',
      incident_updates: [
        {
          id: 'MNT-2026-0003-1',
          status: 'scheduled',
          body: 'Firmware *2.1* goes out.',
          affected_components: [
            { code: 'laptops', name: 'Laptops', old_status: 'operational', new_status: 'operational' },
          ],
        },
      ],
    });
    for (const item of maintenances.scheduled_maintenances) {
      expect(fieldsOf(item)).toEqual(sorted([...INCIDENT_FIELDS, 'scheduled_for', 'scheduled_until']));
      expect(MAINTENANCE_STATUSES).toContain(item.status);
      for (const entry of item.incident_updates) expect(MAINTENANCE_STATUSES).toContain(entry.status);
    }
  });

  it('summary.json: components, unresolved incidents, current and upcoming maintenance', () => {
    const docs = documents();
    expect(Object.keys(docs.summary)).toEqual([
      'page',
      'components',
      'incidents',
      'scheduled_maintenances',
      'status',
    ]);
    expect(docs.summary.page).toEqual(PAGE);
    expect(docs.summary.components).toEqual(COMPONENTS);
    expect(docs.summary.incidents).toEqual(docs.unresolved.incidents);
    expect(docs.summary.scheduled_maintenances.map((item) => item.id)).toEqual([
      'MNT-2026-0002',
      'MNT-2026-0003',
    ]);
    expect(docs.summary.status).toEqual(docs.status.status);
  });

  it('lists the 50 most recent incidents and maintenances', () => {
    const model = siteModel();
    for (let n = 1; n <= 60; n++) {
      const day = new Date(Date.UTC(2025, 0, n)).toISOString();
      model.tickets.push(
        ticket({
          id: `INC-2025-${String(n).padStart(4, '0')}`,
          title: `Old ${n}`,
          startedAt: day,
          createdAt: day,
        }),
        ticket({
          id: `MNT-2025-${String(n).padStart(4, '0')}`,
          kind: 'maintenance',
          title: `Old maintenance ${n}`,
          status: 'completed',
          scheduledFor: day,
          scheduledUntil: day,
          startedAt: day,
          createdAt: day,
        }),
      );
    }
    const docs = documents(model);
    expect(docs.incidents.incidents).toHaveLength(50);
    expect(docs.incidents.incidents.slice(0, 3).map((item) => item.id)).toEqual([
      'INC-2026-0002',
      'INC-2026-0001',
      'INC-2025-0060',
    ]);
    expect(docs.incidents.incidents.at(-1)?.id).toBe('INC-2025-0013');
    expect(docs.maintenances.scheduled_maintenances).toHaveLength(50);
    expect(docs.maintenances.scheduled_maintenances.at(-1)?.id).toBe('MNT-2025-0013');
    expect(docs.unresolved.incidents.map((item) => item.id)).toEqual(['INC-2026-0002']);
  });

  it('gives null affected components for a ticket without services', () => {
    const model = siteModel();
    model.tickets.push(
      ticket({
        id: 'MNT-2026-0008',
        kind: 'maintenance',
        title: 'Nothing named',
        status: 'completed',
        scheduledFor: '2026-03-20T10:00:00Z',
        scheduledUntil: '2026-03-20T11:00:00Z',
        updates: [
          { id: 'MNT-2026-0008-1', at: '2026-03-05T10:00:00Z', status: 'completed', text: 'Done.', html: '' },
        ],
      }),
    );
    const docs = documents(model);
    expect(docs.maintenances.scheduled_maintenances[0]?.id).toBe('MNT-2026-0008');
    expect(docs.maintenances.scheduled_maintenances[0]?.incident_updates[0]?.affected_components).toBeNull();
  });

  it('leaves a cancelled maintenance out of every document', () => {
    const model = siteModel();
    model.tickets.push(
      ticket({
        id: 'MNT-2026-0009',
        kind: 'maintenance',
        title: 'Cancelled',
        status: 'completed',
        cancelled: true,
        upcoming: false,
        updatedAt: '2026-03-10T11:30:00Z',
        scheduledFor: '2026-03-20T10:00:00Z',
        scheduledUntil: '2026-03-20T11:00:00Z',
        services: [{ id: 'laptops', name: 'Laptops', effect: 'major_outage' }],
        updates: [
          { id: 'MNT-2026-0009-1', at: '2026-03-10T11:30:00Z', status: 'completed', text: 'Off.', html: '' },
        ],
      }),
    );
    const map = statuspageDocuments(model, OPTIONS);
    for (const [path, document] of map) expect(JSON.stringify(document), path).not.toContain('MNT-2026-0009');
    // Nor does it move the page's or a component's time.
    expect(JSON.stringify([...map])).toBe(JSON.stringify([...statuspageDocuments(siteModel(), OPTIONS)]));
  });

  it('gives the same bytes for builds at two instants with the same derived state', () => {
    const later = { ...siteModel(), at: '2026-03-10T12:45:00Z' };
    expect(JSON.stringify([...statuspageDocuments(later, OPTIONS)])).toBe(
      JSON.stringify([...statuspageDocuments(siteModel(), OPTIONS)]),
    );
  });

  it('dates a component that no ticket names, and a page without tickets, at the Unix epoch', () => {
    const empty = { ...siteModel(), tickets: [] };
    const docs = documents(empty);
    expect(docs.status.page.updated_at).toBe('1970-01-01T00:00:00.000Z');
    for (const item of docs.components.components) {
      expect([item.created_at, item.updated_at]).toEqual([
        '1970-01-01T00:00:00.000Z',
        '1970-01-01T00:00:00.000Z',
      ]);
    }
  });

  it('derives the page id from the organisation name', () => {
    expect(pageId('Example IT GmbH')).toBe('example-it-gmbh');
    expect(pageId('Städtische Werke Süd')).toBe('staedtische-werke-sued');
    expect(pageId('***')).toBe('opsbook');
  });

  it('is deterministic', () => {
    const one = JSON.stringify([...statuspageDocuments(siteModel(), OPTIONS)]);
    const two = JSON.stringify([...statuspageDocuments(siteModel(), OPTIONS)]);
    expect(one).toBe(two);
  });
});

describe('statuspageDocuments and internal data', () => {
  it('never reads internal, runbooks, reports or sla', () => {
    const guarded = guardedModel(internalSiteModel());
    expect(() => (guarded as unknown as Record<string, unknown>).runbooks).toThrow(/internal field/);
    expect(() => statuspageDocuments(guarded, OPTIONS)).not.toThrow();
  });

  it('shows none of the internal values of an internal model', () => {
    const text = JSON.stringify([...statuspageDocuments(internalSiteModel(), OPTIONS)]);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('11:11:11');
    expect(text).toBe(JSON.stringify([...statuspageDocuments(siteModel(), OPTIONS)]));
  });
});

describe('the latest change of a ticket', () => {
  const at = Date.parse('2026-03-02T00:00:00Z');
  const update = (iso: string) => ({
    id: `u-${iso}`,
    at: iso,
    status: 'investigating' as const,
    text: 'x',
    html: '<p>x</p>',
  });

  it('is its last update, found without reading the updates when that is not after the build', () => {
    const t = ticket({ id: 'INC-1', title: 'One', updatedAt: '2026-03-01T10:00:00Z', resolvedAt: null });
    // The updates of a large desk's ticket are read from disk: here they may not be read at all.
    Object.defineProperty(t, 'updates', {
      get: () => {
        throw new Error('updates read');
      },
    });
    expect(latestTicketEvent(t, at)).toBe(Date.parse('2026-03-01T10:00:00Z'));
  });

  it('counts the updates when the ticket was reported after the build instant', () => {
    const t = ticket({
      id: 'INC-2',
      title: 'Two',
      createdAt: '2026-03-05T00:00:00Z',
      updatedAt: '2026-03-05T00:00:00Z',
      startedAt: '2026-03-01T08:00:00Z',
      resolvedAt: null,
      updates: [update('2026-03-01T12:30:00Z'), update('2026-03-01T09:00:00Z')],
    });
    expect(latestTicketEvent(t, at)).toBe(Date.parse('2026-03-01T12:30:00Z'));
    expect(latestTicketEvent(t, Date.parse('2026-03-01T07:00:00Z'))).toBeUndefined();
  });
});
