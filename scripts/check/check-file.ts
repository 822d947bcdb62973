/**
 * Checking one ticket or runbook file completely: read, parse, schema, per-file rules, with
 * findings located. The unit of work that validation spreads over worker threads.
 */
import { join } from 'node:path';
import { checkRunbook } from '../derive/runbook-rules.ts';
import { checkTicket } from '../derive/ticket-rules.ts';
import { readMarkdownDocument } from '../load/documents.ts';
import { RUNBOOK_DIR } from '../load/files.ts';
import { locateFindings } from '../load/locate.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import type { Finding } from '../model/finding.ts';
import type { OpsbookConfig, Runbook, Ticket } from '../model/types.ts';

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
}

export function checkFile(file: string, ctx: FileCheckContext): FileCheckResult {
  const isRunbook = file.startsWith(`${RUNBOOK_DIR}/`);
  const result = readMarkdownDocument(join(ctx.root, file), file, isRunbook ? 'runbook' : 'ticket');
  const ruleFindings: RuleFinding[] = result.findings;
  let duplicateOf: FileCheckResult['duplicateOf'];
  const doc = result.document;
  if (doc) {
    if (isRunbook) {
      const record = { file, data: doc.data as unknown as Runbook, body: doc.body, bodyLine: doc.bodyLine };
      ruleFindings.push(...checkRunbook(record, ctx.config, ctx.today));
    } else {
      const data = doc.data as unknown as Ticket;
      ruleFindings.push(...checkTicket({ file, data, body: doc.body, bodyLine: doc.bodyLine }, ctx));
      if (data.duplicate_of) duplicateOf = { id: data.id, target: data.duplicate_of };
    }
  }
  const findings =
    ruleFindings.length > 0 ? locateFindings(ctx.root, ruleFindings, new Map([[file, result.yaml]])) : [];
  return { file, findings, duplicateOf };
}
