/**
 * The JSON Schemas in schemas/: they compile in ajv's strict mode, accept valid files of every
 * kind, reject what docs/file-formats.md rules out (with the keyword and place a user would need),
 * document every property, and the generated TypeScript types match them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checkGeneratedTypes } from '../../scripts/model/gen-types.ts';
import type { OpsbookConfig, Runbook, Ticket } from '../../scripts/model/schema-types.generated.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCHEMA_NAMES = ['ticket', 'runbook', 'config', 'import-map'] as const;
type SchemaName = (typeof SCHEMA_NAMES)[number];

function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
}

// ajv-formats is CommonJS; its function is the module itself or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = Object.fromEntries(
  SCHEMA_NAMES.map((name) => [name, ajv.compile(readSchema(name))]),
) as Record<SchemaName, ValidateFunction>;

function errors(name: SchemaName, data: unknown): ErrorObject[] {
  const validate = validators[name];
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** Asserts that validation fails with (at least) an error of this keyword at this place. */
function expectError(
  name: SchemaName,
  data: unknown,
  expected: { keyword: string; instancePath: string; params?: Record<string, unknown> },
): void {
  const found = errors(name, data);
  expect(found.length, `${name} should be invalid`).toBeGreaterThan(0);
  const summary = found.map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, params: e.params }));
  expect(summary).toContainEqual(
    expect.objectContaining({ ...expected, params: expect.objectContaining(expected.params ?? {}) }),
  );
}

// Valid examples. Typed with the generated types, so they also show that types and schemas agree.
const incident: Ticket = {
  id: 'INC-2026-0042',
  title: 'Mail server unreachable',
  kind: 'incident',
  status: 'resolved',
  impact: 'high',
  urgency: 'high',
  priority: 'P1',
  services: ['mail', { id: 'webmail', effect: 'partial_outage' }],
  ci: 'srv-mail-01',
  customer: 'mueller-gmbh',
  channel: 'web-form',
  reported_by: 'Anna Müller',
  assignee: 'jdoe',
  team: 'ops-team',
  detected_at: '2026-03-02T08:40:00+01:00',
  reported_at: '2026-03-02T08:55:00+01:00',
  acknowledged_at: '2026-03-02T09:10:00+01:00',
  resolved_at: '2026-03-02T11:30:00+01:00',
  timeline: [
    {
      at: '2026-03-02T08:55:00+01:00',
      status: 'new',
      public: 'We are investigating.',
      note: 'Called.',
      by: 'jdoe',
    },
    { at: '2026-03-02T10:30:00Z', status: 'resolved', public: 'Mail works again.' },
  ],
  related: ['INC-2026-0017'],
  caused_by_change: 'Windows update KB5036893',
  runbooks: ['server-auto-update-malfunction'],
  category: 'server',
  cause: 'auto-update',
  avoidable: true,
  prevention: 'Install updates manually after a backup.',
  review: { required: true, due: '2026-03-09', done: '2026-03-06', publish: true },
  actions: [
    { title: 'Monitor backup storage usage', owner: 'ops-team', due: '2026-04-01', done: false },
    { title: 'Document the update ring', owner: 'ops-team', done: true },
  ],
  'x-crm-id': 4711,
};

const serviceRequest: Ticket = {
  id: 'REQ-2026-0001',
  title: 'New mailbox for an apprentice',
  kind: 'service-request',
  status: 'pending',
  impact: 'low',
  urgency: 'medium',
  customer: 'mueller-gmbh',
  channel: 'email',
  reported_at: '2026-03-02T09:15:00+01:00',
};

const problem: Ticket = {
  id: 'PRB-2026-0003',
  title: 'Servers fail after automatic updates',
  kind: 'problem',
  status: 'investigating',
  impact: 'high',
  urgency: 'low',
  related: ['INC-2026-0042', 'INC-2026-10042'],
  reported_at: '2026-03-10T10:00:00+01:00',
};

const maintenance: Ticket = {
  id: 'MNT-2026-0007',
  title: 'Firewall firmware update',
  kind: 'maintenance',
  status: 'scheduled',
  services: [{ id: 'network', effect: 'under_maintenance' }],
  reported_at: '2026-03-10T10:00:00+01:00',
  scheduled_for: '2026-03-21T18:00:00+01:00',
  scheduled_until: '2026-03-21T22:00:00+01:00',
};

const runbook: Runbook = {
  id: 'server-auto-update-malfunction',
  title: 'Server malfunctions after automatic updates',
  services: ['file-server'],
  scenario: 'A server installed updates by itself and no longer works correctly.',
  owner: 'ops-team',
  last_reviewed: '2026-05-04',
  review_every: '180d',
  last_tested: '2026-02-10',
  test_every: '1y',
  rto: '4h',
  rpo: '24h',
  contacts: [
    {
      name: 'Jonas Weber',
      role: 'on-call engineer',
      phone: '+49 89 1234567',
      email: 'jonas.weber@example-it.de',
    },
    { name: 'Distributor emergency desk' },
  ],
  audience: 'internal',
  'x-source': 'wiki',
};

const config: OpsbookConfig = {
  organization: {
    name: 'Example IT',
    timezone: 'Europe/Berlin',
    locale: 'de',
    url: 'https://status.example-it.de',
  },
  teams: { 'ops-team': { name: 'Operations', github: '@example-it/ops', email: 'ops@example-it.de' } },
  services: {
    mail: { name: 'E-mail', group: 'central', owner: 'ops-team', description: 'Hosted mail.', public: true },
    printers: { name: 'Printers', group: 'decentral' },
  },
  customers: { 'mueller-gmbh': { name: 'Müller GmbH', contract: 'maintenance' } },
  calendars: {
    'mon-fri': {
      timezone: 'Europe/Berlin',
      hours: { mon: ['08:00-17:00'], tue: ['08:00-12:00', '13:00-17:00'], sat: [], sun: ['00:00-24:00'] },
      holidays: { country: 'DE', region: 'BY', dates: ['2026-12-24', '2026-12-31'] },
    },
    always: { timezone: 'UTC', hours: 'always' },
  },
  priority: {
    matrix: {
      high: { high: 'P1', medium: 'P2', low: 'P3' },
      medium: { high: 'P2', medium: 'P3', low: 'P4' },
      low: { high: 'P3', medium: 'P4', low: 'P4' },
    },
  },
  sla: {
    policies: {
      'maintenance-contract': {
        calendar: 'mon-fri',
        pause_statuses: ['pending'],
        at_risk: 0.75,
        targets: { P1: { response: '1h', resolution: '8h' }, P2: { response: '4h', resolution: '2bd' } },
        description: 'Customers with a maintenance contract.',
      },
      'best-effort': { calendar: 'always', targets: {} },
    },
    assign: [
      { when: { customer_contract: 'maintenance' }, policy: 'maintenance-contract' },
      {
        when: { kind: ['incident', 'problem'], priority: 'P1', service_group: ['central'] },
        policy: 'best-effort',
      },
    ],
    default: 'best-effort',
  },
  review: { required_priorities: ['P1', 'P2'], on_breach: true, due_business_days: 5, calendar: 'mon-fri' },
  'x-billing': { cost_centre: 42 },
};

/** A deep copy with changes applied: `undefined` removes a field. */
function change<T extends object>(base: T, patch: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy;
}

describe('schemas', () => {
  it('compile in ajv strict mode as draft 2020-12 with ids and titles', () => {
    for (const name of SCHEMA_NAMES) {
      const schema = readSchema(name);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`https://opsbook.dev/schemas/${name}.schema.json`);
      expect(schema.title).toEqual(expect.any(String));
      expect(typeof validators[name]).toBe('function');
    }
  });

  it('accept a valid ticket of every kind, a runbook and a config', () => {
    expect(errors('ticket', incident)).toEqual([]);
    expect(errors('ticket', serviceRequest)).toEqual([]);
    expect(errors('ticket', problem)).toEqual([]);
    expect(errors('ticket', maintenance)).toEqual([]);
    expect(errors('runbook', runbook)).toEqual([]);
    expect(errors('config', config)).toEqual([]);
  });

  it('accept every status in the schema (the kind-specific rule lives elsewhere)', () => {
    const statuses = [
      'new',
      'triaged',
      'investigating',
      'identified',
      'pending',
      'monitoring',
      'resolved',
      'closed',
      'cancelled',
      'scheduled',
      'in-progress',
      'completed',
    ];
    for (const status of statuses) expect(errors('ticket', change(serviceRequest, { status }))).toEqual([]);
    expectError('ticket', change(serviceRequest, { status: 'open' }), {
      keyword: 'enum',
      instancePath: '/status',
    });
  });

  it('accept the shipped opsbook.yaml', () => {
    const file = path.join(ROOT, 'opsbook.yaml');
    if (!existsSync(file)) return;
    const data = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.JSON_SCHEMA });
    expect(errors('config', data)).toEqual([]);
  });
});

describe('custom and unknown fields', () => {
  it('reject an unknown field at the top level and inside objects', () => {
    expectError('ticket', change(serviceRequest, { severity: 'high' }), {
      keyword: 'additionalProperties',
      instancePath: '',
      params: { additionalProperty: 'severity' },
    });
    expectError(
      'ticket',
      change(serviceRequest, { timeline: [{ at: '2026-03-02T09:15:00+01:00', satus: 'new' }] }),
      {
        keyword: 'additionalProperties',
        instancePath: '/timeline/0',
        params: { additionalProperty: 'satus' },
      },
    );
    expectError('runbook', change(runbook, { reviewed: '2026-01-01' }), {
      keyword: 'additionalProperties',
      instancePath: '',
      params: { additionalProperty: 'reviewed' },
    });
    const badService = structuredClone(config) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    (badService.services.mail as Record<string, unknown>).colour = 'red';
    expectError('config', badService, {
      keyword: 'additionalProperties',
      instancePath: '/services/mail',
      params: { additionalProperty: 'colour' },
    });
  });

  it('accept x- fields everywhere', () => {
    const ticket = change(incident, {
      'x-custom-field': 'kept',
      'x-crm': { id: 4711 },
      timeline: [{ at: '2026-03-02T08:55:00+01:00', status: 'new', 'x-call-id': 'c-1' }],
      services: [{ id: 'mail', effect: 'major_outage', 'x-region': 'eu' }],
      review: { required: false, 'x-reason': 'P3' },
      actions: [{ title: 'Something', 'x-jira': 'OPS-1' }],
    });
    expect(errors('ticket', ticket)).toEqual([]);
    expect(errors('runbook', change(runbook, { contacts: [{ name: 'A', 'x-pager': '123' }] }))).toEqual([]);
    const withCustom = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
    (withCustom.organization as Record<string, unknown>)['x-vat-id'] = 'DE123';
    (withCustom.sla as Record<string, unknown>)['x-note'] = 'see contract';
    expect(errors('config', withCustom)).toEqual([]);
  });

  it('reject map keys that are not lowercase ids', () => {
    const data = structuredClone(config) as unknown as { customers: Record<string, unknown> };
    data.customers['Müller GmbH'] = { name: 'Müller GmbH', contract: 'maintenance' };
    expectError('config', data, { keyword: 'propertyNames', instancePath: '/customers' });
  });
});

describe('times and dates', () => {
  it('reject a time without an offset (ajv-formats date-time requires one)', () => {
    expectError('ticket', change(serviceRequest, { reported_at: '2026-03-02T09:15:00' }), {
      keyword: 'format',
      instancePath: '/reported_at',
      params: { format: 'date-time' },
    });
    expectError('ticket', change(serviceRequest, { reported_at: '2026-03-02' }), {
      keyword: 'format',
      instancePath: '/reported_at',
    });
  });

  it('reject impossible instants and dates', () => {
    expectError('ticket', change(serviceRequest, { reported_at: '2026-02-30T09:15:00+01:00' }), {
      keyword: 'format',
      instancePath: '/reported_at',
    });
    expectError('ticket', change(serviceRequest, { reported_at: '2026-03-02T24:00:00Z' }), {
      keyword: 'format',
      instancePath: '/reported_at',
    });
    expectError('ticket', change(serviceRequest, { review: { due: '2026-02-30' } }), {
      keyword: 'format',
      instancePath: '/review/due',
      params: { format: 'date' },
    });
    expectError('runbook', change(runbook, { last_reviewed: '2025-02-29' }), {
      keyword: 'format',
      instancePath: '/last_reviewed',
    });
    expect(errors('runbook', change(runbook, { last_reviewed: '2024-02-29' }))).toEqual([]);
  });

  it('accept instants in UTC and with offsets, with fractions of a second', () => {
    for (const at of ['2026-03-02T08:15:00Z', '2026-03-02T09:15:00+01:00', '2026-03-02T09:15:00.250-05:30']) {
      expect(errors('ticket', change(serviceRequest, { reported_at: at }))).toEqual([]);
    }
  });

  it('take done as false, true or a date', () => {
    for (const done of [false, true, '2026-03-06']) {
      expect(
        errors('ticket', change(serviceRequest, { review: { done }, actions: [{ title: 'x', done }] })),
      ).toEqual([]);
    }
    expectError('ticket', change(serviceRequest, { actions: [{ title: 'x', done: 'yes' }] }), {
      keyword: 'anyOf',
      instancePath: '/actions/0/done',
    });
    expectError('ticket', change(serviceRequest, { review: { done: '2026-13-01' } }), {
      keyword: 'format',
      instancePath: '/review/done',
    });
  });
});

describe('ids, required fields and values', () => {
  it('reject IDs of the wrong form', () => {
    for (const id of ['INC-26-0001', 'INC-2026-001', 'inc-2026-0001', 'BUG-2026-0001', 'INC-2026-0001 ']) {
      expectError('ticket', change(serviceRequest, { id }), { keyword: 'pattern', instancePath: '/id' });
    }
    expectError('ticket', change(serviceRequest, { related: ['INC-2026-0017', 'INC 2026 0018'] }), {
      keyword: 'pattern',
      instancePath: '/related/1',
    });
    expectError('ticket', change(serviceRequest, { customer: 'Mueller GmbH' }), {
      keyword: 'pattern',
      instancePath: '/customer',
    });
    expectError('ticket', change(serviceRequest, { customer: null }), {
      keyword: 'type',
      instancePath: '/customer',
    });
    expectError('runbook', change(runbook, { id: 'Server_Update' }), {
      keyword: 'pattern',
      instancePath: '/id',
    });
  });

  it('require the core fields', () => {
    for (const field of ['id', 'title', 'kind', 'status', 'reported_at']) {
      expectError('ticket', change(serviceRequest, { [field]: undefined }), {
        keyword: 'required',
        instancePath: '',
        params: { missingProperty: field },
      });
    }
    for (const field of [
      'id',
      'title',
      'services',
      'scenario',
      'owner',
      'last_reviewed',
      'review_every',
      'audience',
    ]) {
      expectError('runbook', change(runbook, { [field]: undefined }), {
        keyword: 'required',
        instancePath: '',
        params: { missingProperty: field },
      });
    }
    for (const field of ['organization', 'services', 'priority', 'sla']) {
      expectError('config', change(config, { [field]: undefined }), {
        keyword: 'required',
        instancePath: '',
        params: { missingProperty: field },
      });
    }
  });

  it('require impact and urgency except for maintenance', () => {
    expectError('ticket', change(incident, { impact: undefined }), {
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: 'impact' },
    });
    expectError('ticket', change(problem, { urgency: undefined }), {
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: 'urgency' },
    });
    expect(errors('ticket', change(maintenance, { impact: 'low', urgency: 'low' }))).toEqual([]);
  });

  it('require the window for maintenance', () => {
    expectError('ticket', change(maintenance, { scheduled_for: undefined }), {
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: 'scheduled_for' },
    });
    expectError('ticket', change(maintenance, { scheduled_until: undefined }), {
      keyword: 'required',
      instancePath: '',
      params: { missingProperty: 'scheduled_until' },
    });
  });

  it('check titles, enums and service references', () => {
    expectError('ticket', change(serviceRequest, { title: '' }), {
      keyword: 'minLength',
      instancePath: '/title',
    });
    expectError('ticket', change(serviceRequest, { title: 'x'.repeat(201) }), {
      keyword: 'maxLength',
      instancePath: '/title',
    });
    expectError('ticket', change(serviceRequest, { kind: 'change' }), {
      keyword: 'enum',
      instancePath: '/kind',
    });
    expectError('ticket', change(serviceRequest, { impact: 3 }), {
      keyword: 'type',
      instancePath: '/impact',
    });
    expectError('ticket', change(serviceRequest, { channel: 'fax' }), {
      keyword: 'enum',
      instancePath: '/channel',
    });
    expectError('ticket', change(serviceRequest, { services: 'mail' }), {
      keyword: 'type',
      instancePath: '/services',
    });
    expectError('ticket', change(serviceRequest, { services: ['mail', { id: 'web', effect: 'down' }] }), {
      keyword: 'enum',
      instancePath: '/services/1/effect',
    });
    expectError('ticket', change(serviceRequest, { services: [{ effect: 'major_outage' }] }), {
      keyword: 'required',
      instancePath: '/services/0',
      params: { missingProperty: 'id' },
    });
    expectError('ticket', change(serviceRequest, { timeline: [{ note: 'no time' }] }), {
      keyword: 'required',
      instancePath: '/timeline/0',
      params: { missingProperty: 'at' },
    });
    expectError('runbook', change(runbook, { services: [] }), {
      keyword: 'minItems',
      instancePath: '/services',
    });
    expectError('runbook', change(runbook, { audience: 'customers' }), {
      keyword: 'enum',
      instancePath: '/audience',
    });
  });
});

describe('durations and calendars', () => {
  const withPolicy = (policy: Record<string, unknown>) => {
    const data = structuredClone(config) as unknown as { sla: { policies: Record<string, unknown> } };
    data.sla.policies['maintenance-contract'] = { calendar: 'mon-fri', targets: {}, ...policy };
    return data;
  };
  const withHours = (hours: unknown) => {
    const data = structuredClone(config) as unknown as { calendars: Record<string, unknown> };
    data.calendars.shop = { timezone: 'Europe/Berlin', hours };
    return data;
  };

  it('reject SLA durations of the wrong form', () => {
    for (const response of ['2d', '1.5h', 'h', '4 h', '1BD', '30min']) {
      expectError('config', withPolicy({ targets: { P1: { response } } }), {
        keyword: 'pattern',
        instancePath: '/sla/policies/maintenance-contract/targets/P1/response',
      });
    }
    expectError('config', withPolicy({ targets: { P5: { response: '1h' } } }), {
      keyword: 'additionalProperties',
      instancePath: '/sla/policies/maintenance-contract/targets',
      params: { additionalProperty: 'P5' },
    });
  });

  it('reject intervals and recovery objectives of the wrong form', () => {
    expectError('runbook', change(runbook, { review_every: '6 months' }), {
      keyword: 'pattern',
      instancePath: '/review_every',
    });
    expectError('runbook', change(runbook, { test_every: '1bd' }), {
      keyword: 'pattern',
      instancePath: '/test_every',
    });
    expectError('runbook', change(runbook, { rto: '2w' }), { keyword: 'pattern', instancePath: '/rto' });
    expectError('runbook', change(runbook, { rpo: '1bd' }), { keyword: 'pattern', instancePath: '/rpo' });
    for (const review_every of ['90d', '12w', '6m', '1y']) {
      expect(errors('runbook', change(runbook, { review_every }))).toEqual([]);
    }
  });

  it('check at_risk, pause statuses and assign conditions', () => {
    expectError('config', withPolicy({ at_risk: 0 }), {
      keyword: 'exclusiveMinimum',
      instancePath: '/sla/policies/maintenance-contract/at_risk',
    });
    expectError('config', withPolicy({ at_risk: 1.5 }), {
      keyword: 'maximum',
      instancePath: '/sla/policies/maintenance-contract/at_risk',
    });
    expect(errors('config', withPolicy({ at_risk: 1 }))).toEqual([]);
    expectError('config', withPolicy({ pause_statuses: ['waiting'] }), {
      keyword: 'enum',
      instancePath: '/sla/policies/maintenance-contract/pause_statuses/0',
    });
    const badRule = structuredClone(config) as unknown as { sla: { assign: unknown[] } };
    badRule.sla.assign = [{ when: { contract: 'maintenance' }, policy: 'best-effort' }];
    expectError('config', badRule, {
      keyword: 'additionalProperties',
      instancePath: '/sla/assign/0/when',
      params: { additionalProperty: 'contract' },
    });
  });

  it('check opening hours', () => {
    expect(errors('config', withHours('always'))).toEqual([]);
    expect(errors('config', withHours({ fri: ['09:00-12:30', '13:30-24:00'] }))).toEqual([]);
    for (const range of ['8:00-17:00', '08:00-24:30', '24:00-24:00', '08:00 - 17:00', '08:00-17:60']) {
      expectError('config', withHours({ mon: [range] }), {
        keyword: 'pattern',
        instancePath: '/calendars/shop/hours/mon/0',
      });
    }
    expectError('config', withHours('weekdays'), { keyword: 'anyOf', instancePath: '/calendars/shop/hours' });
    expectError('config', withHours({ monday: ['08:00-17:00'] }), {
      keyword: 'additionalProperties',
      instancePath: '/calendars/shop/hours',
      params: { additionalProperty: 'monday' },
    });
  });
});

/** Every subschema of a schema, with its JSON pointer. */
function* subschemas(node: unknown, pointer = ''): Generator<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* subschemas(item, `${pointer}/${i}`);
    return;
  }
  const schema = node as Record<string, unknown>;
  yield [pointer, schema];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'examples' || key === 'enum' || key === 'const' || key === 'default' || key === 'required')
      continue;
    if (['properties', 'patternProperties', '$defs', 'dependentRequired'].includes(key)) {
      for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
        yield* subschemas(sub, `${pointer}/${key}/${name}`);
      }
    } else {
      yield* subschemas(value, `${pointer}/${key}`);
    }
  }
}

describe('documentation in the schemas', () => {
  it('describe every property and every definition', () => {
    const missing: string[] = [];
    for (const name of SCHEMA_NAMES) {
      const schema = readSchema(name);
      for (const [pointer, sub] of subschemas(schema)) {
        const properties = sub.properties as Record<string, Record<string, unknown>> | undefined;
        for (const [prop, propSchema] of Object.entries(properties ?? {})) {
          const description = propSchema.description;
          if (typeof description !== 'string' || description.trim().length < 8) {
            missing.push(`${name}: ${pointer}/properties/${prop}`);
          }
        }
        for (const [def, defSchema] of Object.entries(
          (sub.$defs ?? {}) as Record<string, Record<string, unknown>>,
        )) {
          if (typeof defSchema.description !== 'string') missing.push(`${name}: ${pointer}/$defs/${def}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('close every object: additionalProperties false with x- fields, or a map with lowercase keys', () => {
    const open: string[] = [];
    for (const name of SCHEMA_NAMES) {
      for (const [pointer, sub] of subschemas(readSchema(name))) {
        if (sub.type !== 'object') continue;
        const closed =
          sub.additionalProperties === false &&
          JSON.stringify(sub.patternProperties) === JSON.stringify({ '^x-': {} });
        const map = typeof sub.additionalProperties === 'object' && sub.propertyNames !== undefined;
        if (!closed && !map) open.push(`${name}: ${pointer || '/'}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('give examples that are valid themselves', () => {
    const invalid: string[] = [];
    let checked = 0;
    for (const name of SCHEMA_NAMES) {
      const schema = readSchema(name);
      for (const [pointer, sub] of subschemas(schema)) {
        if (!Array.isArray(sub.examples)) continue;
        const validate = ajv.getSchema(`${String(schema.$id)}#${pointer}`);
        if (!validate) throw new Error(`no schema at ${name}#${pointer}`);
        for (const example of sub.examples) {
          checked++;
          if (!validate(example)) invalid.push(`${name}#${pointer}: ${JSON.stringify(example)}`);
        }
      }
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('share identical definitions between the schemas', () => {
    const seen = new Map<string, string>();
    for (const name of SCHEMA_NAMES) {
      for (const [key, def] of Object.entries(readSchema(name).$defs as Record<string, unknown>)) {
        const text = JSON.stringify(def);
        if (seen.has(key)) expect(text, `$defs/${key} in ${name}`).toBe(seen.get(key));
        else seen.set(key, text);
      }
    }
  });
});

describe('generated types', () => {
  it('scripts/model/schema-types.generated.ts is up to date with the schemas', async () => {
    const result = await checkGeneratedTypes();
    expect(result.message).toBe('scripts/model/schema-types.generated.ts is up to date');
    expect(result.upToDate).toBe(true);
  });

  it('allow only x- fields besides the known ones', () => {
    const withCustom: Ticket = { ...serviceRequest, 'x-anything': { nested: true } };
    // @ts-expect-error: an unknown field without the x- prefix is not part of the type
    const withTypo: Ticket = { ...serviceRequest, severity: 'high' };
    expect(errors('ticket', withCustom)).toEqual([]);
    expect(errors('ticket', withTypo).map((e) => e.keyword)).toEqual(['additionalProperties']);
  });
});
