import { describe, expect, it } from 'vitest';
import { parseMarkdownDocument } from '../../scripts/load/documents.ts';
import { checkAgainstSchema } from '../../scripts/load/schema-validation.ts';
import type { Ticket } from '../../scripts/model/types.ts';

const ticketYaml = [
  'id: REQ-2026-0001',
  'title: New mailbox for an apprentice',
  'kind: service-request',
  'status: pending',
  'impact: low',
  'urgency: medium',
  "reported_at: '2026-03-02T09:15:00+01:00'",
].join('\n');

describe('checkAgainstSchema', () => {
  it('hands back the very data it accepted, typed as the schema type', () => {
    const parsed: Record<string, unknown> = {
      id: 'REQ-2026-0001',
      title: 'Mailbox',
      kind: 'service-request',
      status: 'pending',
      impact: 'low',
      urgency: 'medium',
      reported_at: '2026-03-02T09:15:00+01:00',
    };
    const check = checkAgainstSchema('ticket', parsed);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const ticket: Ticket = check.value;
    expect(ticket).toBe(parsed);
    expect(ticket.status).toBe('pending');
  });

  it('gives no value, only the problems, for data the validator rejects', () => {
    const check = checkAgainstSchema('ticket', { id: 'REQ-2026-0001', kind: 'service-request' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.code)).toContain('schema/required');
    expect('value' in check).toBe(false);
  });
});

describe('parseMarkdownDocument', () => {
  it('types the document by the schema it was checked against', () => {
    const text = `---\n${ticketYaml}\n---\nBody.\n`;
    const result = parseMarkdownDocument(
      Buffer.from(text, 'utf8'),
      'incidents/2026/REQ-2026-0001.md',
      'ticket',
    );
    const ticket: Ticket | undefined = result.document?.data;
    expect(ticket?.kind).toBe('service-request');
    expect(result.document?.body).toBe('Body.\n');
  });

  it('keeps the raw data but gives no document when the schema rejects it', () => {
    const text = `---\n${ticketYaml.replace('status: pending', 'status: sleeping')}\n---\n`;
    const result = parseMarkdownDocument(
      Buffer.from(text, 'utf8'),
      'incidents/2026/REQ-2026-0001.md',
      'ticket',
    );
    expect(result.document).toBeNull();
    expect(result.raw?.status).toBe('sleeping');
    expect(result.findings.map((f) => f.code)).toEqual(['schema/enum']);
  });
});
