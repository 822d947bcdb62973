/**
 * A small public site model written by hand for the API, feed and badge tests: two groups of two
 * services; an active incident (two updates), a resolved incident, an active and an upcoming
 * maintenance. Build instant 2026-03-10 12:00 UTC.
 */
import type { SiteModel, SiteService, SiteTicket } from '../../scripts/model/site.ts';

export const AT = '2026-03-10T12:00:00Z';

function service(
  over: Partial<SiteService> & Pick<SiteService, 'id' | 'name' | 'group' | 'position'>,
): SiteService {
  return { description: null, status: 'operational', history: [], availability: 100, ...over };
}

export function ticket(over: Partial<SiteTicket> & Pick<SiteTicket, 'id' | 'title'>): SiteTicket {
  return {
    kind: 'incident',
    status: 'resolved',
    active: false,
    upcoming: false,
    cancelled: false,
    overrunning: false,
    impact: 'minor',
    createdAt: '2026-03-01T08:00:00Z',
    updatedAt: '2026-03-01T09:00:00Z',
    startedAt: '2026-03-01T08:00:00Z',
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    services: [],
    updates: [],
    review: null,
    ...over,
  };
}

export function siteModel(): SiteModel {
  const mail = service({
    id: 'mail',
    name: 'Mail',
    group: 'central',
    position: 1,
    status: 'partial_outage',
    description: 'Mail for all staff',
  });
  const vpn = service({ id: 'vpn', name: 'VPN', group: 'central', position: 2, status: 'under_maintenance' });
  const laptops = service({ id: 'laptops', name: 'Laptops', group: 'decentral', position: 3 });
  const printers = service({ id: 'printers', name: 'Printers', group: 'decentral', position: 4 });
  return {
    audience: 'public',
    at: AT,
    organization: {
      name: 'Example IT',
      timezone: 'Europe/Berlin',
      locale: 'en',
      url: 'https://status.example.org/',
    },
    status: { indicator: 'major', description: 'Partial System Outage' },
    services: [mail, vpn, laptops, printers],
    groups: [
      { id: 'central', name: 'Central services', services: [mail, vpn], status: 'partial_outage' },
      { id: 'decentral', services: [laptops, printers], status: 'operational' },
    ],
    tickets: [
      ticket({
        id: 'MNT-2026-0003',
        kind: 'maintenance',
        title: 'Laptop firmware rollout',
        status: 'scheduled',
        upcoming: true,
        impact: 'maintenance',
        createdAt: '2026-03-09T09:00:00Z',
        updatedAt: '2026-03-09T09:00:00Z',
        startedAt: '2026-03-12T18:00:00Z',
        scheduledFor: '2026-03-12T18:00:00Z',
        scheduledUntil: '2026-03-12T20:00:00Z',
        services: [{ id: 'laptops', name: 'Laptops', effect: 'under_maintenance' }],
        updates: [
          {
            id: 'MNT-2026-0003-1',
            at: '2026-03-09T09:00:00Z',
            status: 'scheduled',
            text: 'Firmware *2.1* goes out.',
            html: '<p>Firmware <em>2.1</em> goes out.</p>\n',
          },
        ],
      }),
      ticket({
        id: 'MNT-2026-0002',
        kind: 'maintenance',
        title: 'VPN gateway upgrade',
        status: 'in_progress',
        active: true,
        impact: 'maintenance',
        createdAt: '2026-03-08T08:00:00Z',
        updatedAt: '2026-03-10T11:01:00Z',
        startedAt: '2026-03-10T11:00:00Z',
        scheduledFor: '2026-03-10T11:00:00Z',
        scheduledUntil: '2026-03-10T14:00:00Z',
        services: [{ id: 'vpn', name: 'VPN', effect: 'under_maintenance' }],
        updates: [
          {
            id: 'MNT-2026-0002-2',
            at: '2026-03-10T11:01:00Z',
            status: 'in_progress',
            text: 'Started.',
            html: '<p>Started.</p>\n',
          },
          {
            id: 'MNT-2026-0002-1',
            at: '2026-03-08T08:00:00Z',
            status: 'scheduled',
            text: 'Planned.',
            html: '<p>Planned.</p>\n',
          },
        ],
      }),
      ticket({
        id: 'INC-2026-0002',
        title: 'Mail delivery delayed',
        status: 'identified',
        active: true,
        impact: 'major',
        createdAt: '2026-03-10T10:02:00Z',
        updatedAt: '2026-03-10T11:00:00Z',
        startedAt: '2026-03-10T10:00:00Z',
        services: [{ id: 'mail', name: 'Mail', effect: 'partial_outage' }],
        updates: [
          {
            id: 'INC-2026-0002-2',
            at: '2026-03-10T11:00:00Z',
            status: 'identified',
            text: 'A full queue on **mx1**.',
            html: '<p>A full queue on <strong>mx1</strong>.</p>\n',
          },
          {
            id: 'INC-2026-0002-1',
            at: '2026-03-10T10:05:00Z',
            status: 'investigating',
            text: 'Mail is slow.',
            html: '<p>Mail is slow.</p>\n',
          },
        ],
      }),
      ticket({
        id: 'INC-2026-0001',
        title: 'Printing fails on floor 2',
        status: 'resolved',
        impact: 'minor',
        createdAt: '2026-03-01T08:05:00Z',
        updatedAt: '2026-03-01T09:30:00Z',
        startedAt: '2026-03-01T08:00:00Z',
        monitoringAt: '2026-03-01T09:00:00Z',
        resolvedAt: '2026-03-01T09:30:00Z',
        services: [{ id: 'printers', name: 'Printers', effect: 'degraded_performance' }],
        updates: [
          {
            id: 'INC-2026-0001-3',
            at: '2026-03-01T09:30:00Z',
            status: 'resolved',
            text: 'Fixed.',
            html: '<p>Fixed.</p>\n',
          },
          {
            id: 'INC-2026-0001-2',
            at: '2026-03-01T09:00:00Z',
            status: 'monitoring',
            text: 'Driver rolled back.',
            html: '<p>Driver rolled back.</p>\n',
          },
          {
            id: 'INC-2026-0001-1',
            at: '2026-03-01T08:10:00Z',
            status: 'investigating',
            text: 'Jobs hang.',
            html: '<p>Jobs hang.</p>\n',
          },
        ],
      }),
    ],
  };
}

export const CANARY = 'canary-7f3a';

/**
 * The same model with internal data in every place that only the internal model has (ticket
 * `internal`, service owners, problems and service requests, runbooks, reports, SLA), each value
 * holding `CANARY`.
 */
export function internalSiteModel(): SiteModel {
  const model = siteModel();
  const clock = {
    state: 'breached' as const,
    due: '2026-03-10T11:11:11Z',
    elapsedMinutes: 1,
    pausedMinutes: 0,
  };
  for (const service of model.services) {
    service.public = true;
    service.owner = `team-${CANARY}`;
  }
  model.tickets.push(
    ticket({
      id: 'PRB-2026-0001',
      kind: 'problem',
      title: `Problem ${CANARY}`,
      status: 'investigating',
      active: true,
    }),
    ticket({
      id: 'REQ-2026-0001',
      kind: 'service-request',
      title: `Request ${CANARY}`,
      updatedAt: '2026-03-10T11:59:00Z',
    }),
  );
  for (const item of model.tickets) {
    item.internal = {
      file: `incidents/${CANARY}.md`,
      status: CANARY,
      priority: CANARY,
      impact: CANARY,
      urgency: CANARY,
      customer: { id: CANARY, name: `Customer ${CANARY}` },
      channel: CANARY,
      reportedBy: `reporter-${CANARY}`,
      assignee: `assignee-${CANARY}`,
      team: CANARY,
      category: CANARY,
      cause: CANARY,
      avoidable: true,
      duplicateOf: null,
      problem: CANARY,
      related: [CANARY],
      runbooks: [CANARY],
      detectedAt: '2026-03-10T11:11:11Z',
      reportedAt: '2026-03-10T11:11:11Z',
      acknowledgedAt: null,
      timeline: [
        { at: '2026-03-10T11:11:11Z', status: CANARY, public: null, note: `note ${CANARY}`, by: CANARY },
      ],
      bodyHtml: `<p>${CANARY}</p>`,
      sla: { policy: CANARY, response: clock, resolution: clock },
      audit: { created: { at: '2026-03-10T11:11:11Z', author: CANARY }, lastChange: null, changes: [] },
    };
  }
  model.runbooks = [
    {
      id: CANARY,
      title: CANARY,
      file: CANARY,
      services: [{ id: 'mail', name: CANARY }],
      scenario: CANARY,
      owner: CANARY,
      audience: 'internal',
      lastReviewed: null,
      lastTested: null,
      rto: CANARY,
      rpo: CANARY,
      contacts: [CANARY],
      stale: true,
      staleReasons: [CANARY],
      html: CANARY,
    },
  ];
  model.reports = [
    {
      from: '2026-03-01',
      to: '2026-03-31',
      html: CANARY,
      charts: [{ file: CANARY, title: CANARY, svg: CANARY }],
    },
  ];
  model.sla = {
    rows: [
      {
        id: CANARY,
        title: CANARY,
        priority: CANARY,
        status: CANARY,
        customer: CANARY,
        response: clock,
        resolution: clock,
      },
    ],
    summary: { met: 0, running: 0, 'at-risk': 0, paused: 0, breached: 1, 'not-applicable': 0 },
  };
  return model;
}

const FORBIDDEN = new Set(['internal', 'runbooks', 'reports', 'sla']);

/** The model behind proxies that throw when a function reads an internal field. */
export function guardedModel(model: SiteModel): SiteModel {
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'string' && FORBIDDEN.has(key)) throw new Error(`read internal field ${key}`);
        return Reflect.get(object, key, receiver);
      },
      ownKeys(object) {
        return Reflect.ownKeys(object).filter((key) => typeof key !== 'string' || !FORBIDDEN.has(key));
      },
    });
  return guard({ ...model, tickets: model.tickets.map((item) => guard(item)) });
}
