/**
 * Lists as long as a real desk's: nothing that takes the largest or widest of a list may spread
 * the list into a call's arguments (V8 overflows its stack at about 100,000 arguments; a desk
 * of 25,000 tickets with their updates is past that).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteModel, SiteTicket } from '../../scripts/model/site.ts';
import { table } from '../../scripts/present/review-check.ts';
import { statuspageDocuments } from '../../scripts/present/site/statuspage.ts';
import { FIXTURES } from '../helpers/cli.ts';

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'site', 'model-public.json'), 'utf8')) as SiteModel;

describe('long lists', () => {
  it('the Statuspage documents of 40,000 incidents with 200,000 updates give the latest update as page.updated_at', () => {
    const template = fixture.tickets.find((t) => t.kind === 'incident') as SiteTicket;
    const tickets: SiteTicket[] = [];
    for (let i = 0; i < 40_000; i++) {
      const at = new Date(Date.parse('2020-01-01T00:00:00Z') + i * 60_000).toISOString().replace('.000', '');
      tickets.push({
        ...template,
        id: `INC-2020-${i}`,
        active: false,
        createdAt: at,
        startedAt: at,
        updatedAt: at,
        monitoringAt: null,
        resolvedAt: at,
        updates: Array.from({ length: 5 }, (_, n) => ({
          ...(template.updates[0] as SiteTicket['updates'][number]),
          id: `INC-2020-${i}-${n}`,
          at,
        })),
      });
    }
    const documents = statuspageDocuments(
      { ...fixture, at: '2026-11-23T09:00:00Z', tickets },
      { pageUrl: 'https://status.example.com' },
    );
    const status = documents.get('api/v2/status.json') as { page: { updated_at: string } };
    expect(status.page.updated_at).toBe('2020-01-28T18:39:00.000Z');
  });

  it('a text table of 150,000 rows pads every column to its widest cell', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`T-${i}`, i === 149_999 ? 'widest cell' : 'x']);
    const lines = table(['id', 'state'], rows);
    expect(lines).toHaveLength(150_001);
    expect(lines[0]).toBe('id        state');
    expect(lines[1]).toBe('T-0       x');
  });
});
