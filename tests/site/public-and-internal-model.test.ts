import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../scripts/load/repository.ts';
import { buildSiteModel } from '../../scripts/present/site/model.ts';
import {
  newestFirst,
  SiteModelWriter,
  siteTicketLines,
  withAuditTrail,
  writeSiteModel,
} from '../../scripts/present/site/model-file.ts';
import {
  readSiteModel,
  siteModelTicketIds,
  streamSiteModel,
} from '../../scripts/present/site/model-file-read.ts';
import { copyFixture, FIXTURES } from '../helpers/cli.ts';

const repo = loadRepository(join(FIXTURES, 'site-canary'));
const config = repo.config;
if (!config) throw new Error('fixture config');
const at = Date.parse('2026-11-10T09:00:00Z');

describe('the public site model', () => {
  const model = buildSiteModel({ audience: 'public', at, config, tickets: repo.tickets });

  it('holds only published incidents and maintenance on public services', () => {
    expect(model.tickets.map((t) => t.id)).toEqual(['MNT-2026-0001', 'INC-2026-0001', 'INC-2026-0002']);
    expect(model.services.map((s) => s.id)).toEqual(['mail', 'web']);
    expect(model.tickets[1]?.services.map((s) => s.id)).toEqual(['mail']);
  });

  it('has no internal part at all', () => {
    expect(Object.keys(model).sort()).toEqual([
      'at',
      'audience',
      'groups',
      'organization',
      'services',
      'status',
      'tickets',
    ]);
    for (const t of model.tickets) {
      expect('internal' in t).toBe(false);
      expect('priority' in t).toBe(false);
    }
    for (const s of model.services) expect(Object.keys(s)).not.toContain('owner');
    expect(JSON.stringify(model)).not.toMatch(/canary/i);
  });

  it('derives the status at the instant', () => {
    expect(model.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(model.services.map((s) => [s.id, s.status])).toEqual([
      ['mail', 'partial_outage'],
      ['web', 'operational'],
    ]);
    const incident = model.tickets.find((t) => t.id === 'INC-2026-0001');
    expect(incident).toMatchObject({ status: 'investigating', active: true, impact: 'major' });
    expect(incident?.updates.map((u) => [u.at, u.status, u.text])).toEqual([
      ['2026-11-10T07:03:00Z', 'investigating', 'First update PUBLIC-OK.'],
    ]);
    const maintenance = model.tickets.find((t) => t.id === 'MNT-2026-0001');
    expect(maintenance).toMatchObject({ status: 'scheduled', upcoming: true, active: false });
  });

  it('publishes a review only when review.publish is true, without the description before it', () => {
    const published = model.tickets.find((t) => t.id === 'INC-2026-0002');
    expect(published?.status).toBe('postmortem');
    expect(published?.review?.html).toContain('The published review PUBLIC-OK.');
    expect(model.tickets[1]?.review).toBeNull();
  });

  it('takes the impact from the public services only', () => {
    // INC-2026-0002: degraded performance on the website, a major outage of an internal service.
    const incident = model.tickets.find((t) => t.id === 'INC-2026-0002');
    expect(incident?.impact).toBe('minor');
    expect(incident?.services).toEqual([
      { id: 'web', name: 'Website PUBLIC-OK', effect: 'degraded_performance' },
    ]);
    const internal = buildSiteModel({ audience: 'internal', at, config, tickets: repo.tickets });
    expect(internal.tickets.find((t) => t.id === 'INC-2026-0002')?.impact).toBe('critical');
  });

  it('leaves out tickets reported after the instant', () => {
    const early = buildSiteModel({
      audience: 'public',
      at: Date.parse('2026-11-05T00:00:00Z'),
      config,
      tickets: repo.tickets,
    });
    expect(early.tickets.map((t) => t.id)).toEqual(['MNT-2026-0001', 'INC-2026-0002']);
  });
});

describe('the internal site model', () => {
  const model = buildSiteModel({ audience: 'internal', at, config, tickets: repo.tickets });

  it('holds every ticket and service with the internal facts', () => {
    expect(model.tickets.map((t) => t.id).sort()).toEqual([
      'INC-2026-0001',
      'INC-2026-0002',
      'INC-2026-0003',
      'MNT-2026-0001',
      'PRB-2026-0001',
      'REQ-2026-0001',
    ]);
    expect(model.services.map((s) => [s.id, s.public])).toEqual([
      ['mail', true],
      ['web', true],
      ['canary-internal-svc', false],
    ]);
    const incident = model.tickets.find((t) => t.id === 'INC-2026-0001');
    expect(incident?.internal).toMatchObject({
      customer: { id: 'canary-customer', name: 'CANARY-CUSTOMER-NAME' },
      reportedBy: 'CANARY-REPORTER',
      assignee: 'canary-assignee',
    });
    expect(incident?.internal?.timeline.map((e) => e.note)).toEqual(['CANARY-NOTE-ONE', 'CANARY-NOTE-TWO']);
    // The priority again beside the internal block, for the archive's list.
    for (const t of model.tickets) expect(t.priority).toBe(t.internal?.priority);
    expect(model.tickets.some((t) => t.priority)).toBe(true);
    expect(model.runbooks).toEqual([]);
    expect(model.sla?.rows).toEqual([]);
  });
});

describe('the model file', () => {
  it('round-trips line by line', () => {
    const model = buildSiteModel({ audience: 'internal', at, config, tickets: repo.tickets });
    const tmp = copyFixture('site-canary');
    try {
      const file = join(tmp.dir, 'model.ndjson');
      writeSiteModel(file, model);
      expect(readSiteModel(file)).toEqual(model);
    } finally {
      tmp.cleanup();
    }
  });

  it('reads a model without tickets back with an empty list (nothing published yet)', () => {
    const model = buildSiteModel({
      audience: 'public',
      at: Date.parse('2024-01-01T00:00:00Z'),
      config,
      tickets: repo.tickets,
    });
    expect(model.tickets).toEqual([]);
    const tmp = copyFixture('site-canary');
    try {
      const file = join(tmp.dir, 'model.ndjson');
      writeSiteModel(file, model);
      expect(readSiteModel(file)).toEqual(model);
      expect(readSiteModel(file).tickets).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });

  it('reads a whole model on one line, and a pretty-printed one', () => {
    const model = buildSiteModel({ audience: 'public', at, config, tickets: repo.tickets });
    const tmp = copyFixture('site-canary');
    try {
      const file = join(tmp.dir, 'model.json');
      writeFileSync(file, `${JSON.stringify(model)}\n`);
      expect(readSiteModel(file)).toEqual(model);
      writeFileSync(file, JSON.stringify(model, null, 2));
      expect(readSiteModel(file)).toEqual(model);
    } finally {
      tmp.cleanup();
    }
  });

  it('streams the tickets one at a time in the order written, a line longer than the read buffer included', () => {
    const model = buildSiteModel({ audience: 'internal', at, config, tickets: repo.tickets });
    const first = model.tickets[0];
    if (!first) throw new Error('the fixture has tickets');
    // A title of 3 MB: its light line is longer than the megabyte the reader starts with.
    first.title = 'x'.repeat(3 * 2 ** 20);
    const tmp = copyFixture('site-canary');
    try {
      const file = join(tmp.dir, 'model.ndjson');
      writeSiteModel(file, model);
      expect(existsSync(`${file}.light`)).toBe(false);
      const { tickets, ...head } = model;
      const streamed = streamSiteModel(file);
      expect(streamed.head).toEqual(head);
      const read = [...streamed.tickets()].map((t) => ({ ...t }));
      expect(read).toEqual(tickets);
      // Again, from the start: each call reads the file anew.
      expect([...streamed.tickets()].map((t) => t.id)).toEqual(tickets.map((t) => t.id));
      // The last line without its newline.
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, ''));
      expect([...streamSiteModel(file).tickets()].map((t) => t.id)).toEqual(tickets.map((t) => t.id));
    } finally {
      tmp.cleanup();
    }
  });

  it('gives each of several threads its share of the tickets, and the IDs without the tickets', () => {
    const model = buildSiteModel({ audience: 'internal', at, config, tickets: repo.tickets });
    // An ID the reader must unescape (no page could be named after it; the pages refuse it).
    const odd = model.tickets[1];
    if (!odd) throw new Error('the fixture has two tickets');
    odd.id = 'INC-"quoted"\\-1';
    const ids = model.tickets.map((t) => t.id);
    const tmp = copyFixture('site-canary');
    try {
      for (const [file, write] of [
        [join(tmp.dir, 'model.ndjson'), (f: string) => writeSiteModel(f, model)],
        [join(tmp.dir, 'model.json'), (f: string) => writeFileSync(f, JSON.stringify(model, null, 2))],
      ] as const) {
        write(file);
        expect(siteModelTicketIds(file)).toEqual(ids);
        const streamed = streamSiteModel(file);
        for (const of of [1, 2, 3]) {
          const shares = Array.from({ length: of }, (_, share) =>
            [...streamed.tickets({ share, of })].map((t) => ({ ...t })),
          );
          // Every ticket in exactly one share, the share's tickets whole and in the model's order.
          expect(
            shares
              .flat()
              .map((t) => t.id)
              .sort(),
          ).toEqual([...ids].sort());
          for (const [share, tickets] of shares.entries())
            expect(tickets).toEqual(model.tickets.filter((_, place) => place % of === share));
        }
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('names the line of a ticket that is not an object', () => {
    const tmp = copyFixture('site-canary');
    try {
      const file = join(tmp.dir, 'model.ndjson');
      writeFileSync(file, '{"audience":"public"}\n[1]\n');
      expect(() => readSiteModel(file)).toThrow(/model\.ndjson:2: not a ticket/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('a ticket written as lines on another thread', () => {
  it('gives the same model as the ticket written whole, its audit trail added afterwards', () => {
    const at = Date.parse('2026-03-10T12:00:00Z');
    const model = buildSiteModel({ audience: 'internal', at, config, tickets: repo.tickets });
    const audit = {
      created: { at: '2026-03-01T08:00:00Z', author: 'Ana "A" <ana@example.org>' },
      lastChange: { at: '2026-03-02T08:00:00Z', author: 'Bo' },
      changes: [{ at: '2026-03-02T08:00:00Z', author: 'Bo', commit: 'abc123', from: 'new', to: 'resolved' }],
    };
    const tmp = copyFixture('site-canary');
    try {
      const whole = new SiteModelWriter(join(tmp.dir, 'whole.ndjson'));
      const lines = new SiteModelWriter(join(tmp.dir, 'lines.ndjson'));
      model.tickets.forEach((ticket, i) => {
        const trail = i % 2 === 0 ? audit : null;
        const internal = ticket.internal;
        if (!internal) throw new Error('an internal model');
        whole.add({ ...ticket, internal: { ...internal, audit: trail } });
        lines.addLines(
          ticket,
          withAuditTrail(siteTicketLines({ ...ticket, internal: { ...internal, audit: null } }), trail),
        );
      });
      const { tickets: _tickets, ...head } = model;
      whole.close(head, newestFirst);
      lines.close(head, newestFirst);
      for (const suffix of ['', '.details'])
        expect(readFileSync(join(tmp.dir, `lines.ndjson${suffix}`), 'utf8')).toBe(
          readFileSync(join(tmp.dir, `whole.ndjson${suffix}`), 'utf8'),
        );
      const audits = readSiteModel(join(tmp.dir, 'lines.ndjson')).tickets.map((t) => t.internal?.audit);
      expect(audits.filter((a) => a !== null)).toEqual(
        model.tickets.filter((_, i) => i % 2 === 0).map(() => audit),
      );
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses details that do not end with the audit trail still to come', () => {
    expect(() =>
      withAuditTrail(
        { light: '{"id":"X"}', details: '{"updates":[]}' },
        {
          created: null,
          lastChange: null,
          changes: [],
        },
      ),
    ).toThrow(/audit trail/);
  });
});
