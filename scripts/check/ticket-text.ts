/**
 * Checking a ticket's text before it is written, as `opsbook validate` would check the file:
 * schema and the ticket's rules, against the IDs the repository has. `new` and `update` refuse
 * a write that these checks reject.
 */
import type { TicketRuleContext } from '../derive/ticket-rules.ts';
import { checkTicket } from '../derive/ticket-rules.ts';
import { type ParsedDocument, parseMarkdownDocument } from '../load/documents.ts';
import { listMarkdownFiles, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import { idFromPath } from '../model/ids.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';

/** The rules' context from the repository's file names. */
export function ticketRuleContext(root: string, config: OpsbookConfig): TicketRuleContext {
  return {
    config,
    ticketIds: new Set(listMarkdownFiles(root, TICKET_DIR).files.map(idFromPath)),
    runbookIds: new Set(listMarkdownFiles(root, RUNBOOK_DIR).files.map(idFromPath)),
  };
}

/** The ticket rules' findings of a parsed document (none when it did not parse). */
export function ticketRuleFindings(
  file: string,
  doc: ParsedDocument<Ticket> | null,
  ctx: TicketRuleContext,
): RuleFinding[] {
  if (!doc) return [];
  return checkTicket({ file, data: doc.data, body: doc.body, bodyLine: doc.bodyLine }, ctx);
}

export interface TicketTextCheck {
  /** Every finding: reading, schema and rules. */
  findings: RuleFinding[];
  errors: RuleFinding[];
  /** The frontmatter, to locate findings in. */
  yaml: string | null;
  ticket: Ticket | null;
}

export function checkTicketText(file: string, text: string, ctx: TicketRuleContext): TicketTextCheck {
  const parsed = parseMarkdownDocument(Buffer.from(text, 'utf8'), file, 'ticket');
  const findings = [...parsed.findings, ...ticketRuleFindings(file, parsed.document, ctx)];
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error'),
    yaml: parsed.yaml,
    ticket: parsed.document ? parsed.document.data : null,
  };
}
