/**
 * Checking one ticket or runbook file completely: read, parse, schema, per-file rules, with
 * findings located. The unit of work that validation spreads over worker threads.
 */
import { join } from 'node:path';
import type { DuplicateFacts } from '../derive/duplicate-suspicion.ts';
import { checkRunbook } from '../derive/runbook-rules.ts';
import { checkTicket } from '../derive/ticket-rules.ts';
import { readMarkdownDocument } from '../load/documents.ts';
import { RUNBOOK_DIR } from '../load/files.ts';
import { locateFindings } from '../load/locate.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import type { Finding } from '../model/finding.ts';
import { instantMs } from '../model/time.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';

export interface FileCheckContext {
  root: string;
  config: OpsbookConfig | null;
  ticketIds: ReadonlySet<string>;
  runbookIds: ReadonlySet<string>;
  /** Today (YYYY-MM-DD) in the organisation's zone. */
  today: string;
}

export interface FileCheckResult {
  file: string;
  findings: Finding[];
  /** The ticket's ID and `duplicate_of`, for the cross-file cycle check. */
  duplicateOf?: { id: string; target: string };
  /**
   * The ticket and runbook IDs the rules asked about, by answer: the result holds for another
   * run as long as these answers are the same (the validation cache checks them).
   */
  asked: { present: string[]; absent: string[] };
  /** What the duplicate-suspicion rule needs of a valid ticket. */
  dupFacts?: DuplicateFacts;
}

/** A set of IDs that notes every question asked of it. */
function recording(ids: ReadonlySet<string>, prefix: string, asked: FileCheckResult['asked']) {
  return {
    has(id: string): boolean {
      const known = ids.has(id);
      (known ? asked.present : asked.absent).push(prefix + id);
      return known;
    },
  } as ReadonlySet<string>;
}

/** Prefixes of the IDs in `asked`. */
export const ASKED_TICKET = 't:';
export const ASKED_RUNBOOK = 'r:';

export function checkFile(file: string, ctx: FileCheckContext): FileCheckResult {
  const absolute = join(ctx.root, file);
  const read = file.startsWith(`${RUNBOOK_DIR}/`)
    ? { schema: 'runbook' as const, result: readMarkdownDocument(absolute, file, 'runbook') }
    : { schema: 'ticket' as const, result: readMarkdownDocument(absolute, file, 'ticket') };
  const result = read.result;
  const ruleFindings: RuleFinding[] = result.findings;
  let duplicateOf: FileCheckResult['duplicateOf'];
  const asked: FileCheckResult['asked'] = { present: [], absent: [] };
  let dupFacts: DuplicateFacts | undefined;
  if (read.schema === 'runbook') {
    const doc = read.result.document;
    if (doc) {
      const record = { file, data: doc.data, body: doc.body, bodyLine: doc.bodyLine };
      ruleFindings.push(...checkRunbook(record, ctx.config, ctx.today));
    }
  } else {
    const doc = read.result.document;
    if (doc) {
      const data = doc.data;
      const rules = {
        config: ctx.config,
        ticketIds: recording(ctx.ticketIds, ASKED_TICKET, asked),
        runbookIds: recording(ctx.runbookIds, ASKED_RUNBOOK, asked),
      };
      ruleFindings.push(...checkTicket({ file, data, body: doc.body, bodyLine: doc.bodyLine }, rules));
      if (data.duplicate_of) duplicateOf = { id: data.id, target: data.duplicate_of };
      dupFacts = duplicateFactsOf(file, data);
    }
  }
  const findings =
    ruleFindings.length > 0 ? locateFindings(ctx.root, ruleFindings, new Map([[file, result.yaml]])) : [];
  return dupFacts ? { file, findings, duplicateOf, asked, dupFacts } : { file, findings, duplicateOf, asked };
}

function duplicateFactsOf(file: string, t: Ticket): DuplicateFacts {
  const start = instantMs(t.detected_at ?? t.reported_at);
  const linked = [...(t.related ?? [])];
  if (t.duplicate_of) linked.push(t.duplicate_of);
  if (t.problem) linked.push(t.problem);
  return {
    id: t.id,
    file,
    title: t.title,
    ...(t.customer ? { customer: t.customer } : {}),
    ...(t.reported_by ? { reporter: t.reported_by } : {}),
    services: (t.services ?? []).map((s) => (typeof s === 'string' ? s : s.id)),
    start,
    linked,
    excluded: Boolean(t.duplicate_of) || t.status === 'cancelled' || t.kind === 'maintenance',
  };
}
