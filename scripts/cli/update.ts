/**
 * `opsbook update ID [--status S] [--public TEXT] [--note TEXT] [--effect SERVICE=EFFECT]... [--at ISO]`
 * and its shortcuts `ack`, `resolve`, `close`, `reopen`, `cancel`: one timeline entry, the
 * frontmatter kept consistent with it, every other byte of the file kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkTicketText, ticketRuleContext, ticketRuleFindings } from '../check/ticket-text.ts';
import { FrontmatterEditError, FrontmatterEditor } from '../derive/frontmatter-edit.ts';
import { describeOutlook, publicServiceIds, statusPageOutlook } from '../derive/status-page-outlook.ts';
import { planUpdate, type UpdateAction, type UpdatePlan } from '../derive/ticket-update.ts';
import { localIso, parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { interruptionFrom, recoverJournal } from '../lib/journal.ts';
import { replaceIfUnchanged } from '../lib/locked-write.ts';
import { parseMarkdownDocument } from '../load/documents.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { positionInYaml } from '../load/locate.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import { parseTicketId, ticketPath } from '../model/ids.ts';
import { zonedConfig } from './inputs.ts';

const SUMMARY: Record<UpdateAction, string> = {
  update: 'Appends one timeline entry: a status change, a public update, an internal note, a changed effect.',
  ack: 'Acknowledges the ticket (the first response): sets acknowledged_at; a new ticket becomes investigating.',
  resolve: 'Resolves the ticket (maintenance: completed): sets resolved_at; the effects end.',
  close: 'Closes a resolved ticket: sets closed_at (and resolved_at when it was not resolved).',
  reopen:
    'Reopens a resolved, closed or cancelled ticket (default status investigating; maintenance in-progress): removes resolved_at and closed_at.',
  cancel: 'Cancels the ticket (it was no incident, or not ours); its SLA clocks no longer apply.',
};

function updateHelp(action: UpdateAction): string {
  const status = action === 'update' || action === 'ack' || action === 'reopen';
  return `Usage: opsbook ${action} ID [options]

${SUMMARY[action]}
Every other byte of the file stays as it was (comments, key order, unknown fields, the body,
line ends). A change that would make the ticket invalid is refused and the file is untouched.

Options:
${status ? '  --status STATUS         the new status (new, triaged, investigating, identified, pending,\n                          monitoring, resolved, closed, cancelled; maintenance: scheduled,\n                          in-progress, completed)\n' : ''}  --public TEXT           text for the status page (shown to everyone)
  --note TEXT             internal note (never published)
  --effect SERVICE=EFFECT the service's effect on the status page from now on (repeatable):
                          operational, degraded_performance, partial_outage, major_outage,
                          under_maintenance
  --at ISO                when it happened (default: now, to the minute), with a UTC offset
  --root DIR              the repository
`;
}

export function updateCommandFor(action: UpdateAction) {
  return async (args: string[], io: CommandIo): Promise<number> => runUpdate(action, args, io);
}

async function runUpdate(action: UpdateAction, args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    action,
    args,
    {
      status: { type: 'string' },
      public: { type: 'string' },
      note: { type: 'string' },
      effect: { type: 'string', multiple: true },
      at: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(updateHelp(action));
    return 0;
  }
  if (values.status !== undefined && !(action === 'update' || action === 'ack' || action === 'reopen'))
    throw new ExitError(`${action} sets the status itself; --status is for update, ack and reopen`);
  const id = positionals[0];
  if (positionals.length !== 1 || id === undefined)
    throw new ExitError(`say which ticket: opsbook ${action} ID`);
  if (!parseTicketId(id)) throw new ExitError(`"${id}" is not a ticket ID (like INC-2026-0042)`);
  const effects = (values.effect ?? []).map((spec) => {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(spec);
    if (!m) throw new ExitError(`--effect "${spec}" must be SERVICE=EFFECT, e.g. mail=major_outage`);
    return { service: m[1] as string, effect: m[2] as string };
  });

  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const recovered = recoverJournal(root);
  if (recovered) io.stderr.write(`opsbook: ${recovered}\n`);
  const config = zonedConfig(root, io, action);
  const zone = config.organization.timezone;
  const file = ticketPath(id);
  const absolute = join(root, file);
  if (!existsSync(absolute)) throw new ExitError(`no ticket ${id} (${file} does not exist)`);
  const bytes = readFileSync(absolute);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ExitError(`${file} is not valid UTF-8; it is not rewritten (run opsbook validate ${file})`);
  }
  const before = parseMarkdownDocument(bytes, file, 'ticket');
  if (!before.document) {
    const first = before.findings.find((f) => f.severity === 'error');
    throw new ExitError(
      `${file} has errors, so it is not changed${first ? `: ${describe(file, before.yaml, first)}` : ''} (run opsbook validate ${file})`,
    );
  }
  const ticket = before.document.data;

  // The default is now, to the minute, in the organisation's zone.
  const atMs = values.at === undefined ? Math.floor(io.now() / 60_000) * 60_000 : parseAt(values.at, io);
  const at = localIso(atMs, zone);
  const outcome = planUpdate(ticket, {
    action,
    status: values.status,
    public: values.public,
    note: values.note,
    effects,
    at,
  });
  if (!outcome.ok) throw new ExitError(outcome.message);
  const plan = outcome.plan;

  let edited: string;
  try {
    edited = applyPlan(text, plan);
  } catch (error) {
    if (error instanceof FrontmatterEditError) throw new ExitError(`${file}: ${error.message}`);
    throw error;
  }
  const ctx = ticketRuleContext(root, config);
  const prior = new Set(
    [...before.findings, ...ticketRuleFindings(file, before.document, ctx)]
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.code} ${f.message}`),
  );
  const after = checkTicketText(file, edited, ctx);
  const introduced = after.errors.filter((f) => !prior.has(`${f.code} ${f.message}`));
  if (introduced.length > 0) {
    const lines = introduced.map((f) => `  ${describe(file, after.yaml, f)}`);
    throw new ExitError(
      `the change would make ${file} invalid, so nothing was written:\n${lines.join('\n')}`,
    );
  }
  replaceIfUnchanged(absolute, file, bytes, edited, Date.now, interruptionFrom(io.env));

  io.stdout.write(`${file}\n`);
  const head =
    plan.from === plan.to ? `${id} (${plan.to}) at ${at}` : `${id}: ${plan.from} → ${plan.to} at ${at}`;
  const lines = [head, ...plan.changes.filter((c) => !c.startsWith('status ')).map((c) => `  ${c}`)];
  if (after.ticket) {
    const outlook = statusPageOutlook(after.ticket, publicServiceIds(config));
    const name = (s: string) => config.services[s]?.name ?? s;
    lines.push(...describeOutlook(outlook, name, after.ticket.kind));
  }
  io.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The file text with the plan applied: fields first, then the effects, then the timeline entry. */
export function applyPlan(text: string, plan: UpdatePlan): string {
  const editor = new FrontmatterEditor(text);
  for (const field of plan.remove) editor.remove(field);
  const placement: Record<string, { after: string[]; before: string[] }> = {
    status: { after: ['kind'], before: ['timeline'] },
    acknowledged_at: { after: ['reported_at', 'detected_at'], before: ['timeline'] },
    resolved_at: { after: ['acknowledged_at', 'reported_at', 'detected_at'], before: ['timeline'] },
    closed_at: { after: ['resolved_at', 'acknowledged_at', 'reported_at'], before: ['timeline'] },
  };
  for (const { field, value } of plan.set) {
    // A field removed by a reopen is not a place to insert after.
    const place = placement[field] ?? { after: [], before: [] };
    editor.setScalar(field, value, {
      after: place.after.filter((k) => !plan.remove.includes(k as 'resolved_at')),
      before: place.before,
    });
  }
  for (const e of plan.effects) editor.setServiceEffect(e.service, e.effect);
  editor.appendToSequence('timeline', plan.entry, {
    after: ['closed_at', 'resolved_at', 'acknowledged_at', 'reported_at'],
  });
  return editor.result();
}

function describe(file: string, yaml: string | null, f: RuleFinding): string {
  const position =
    'path' in f ? positionInYaml(yaml, { path: f.path, at: f.at }) : { line: f.line, col: f.col };
  return `${file}:${position.line}:${position.col} ${f.code} ${f.message}`;
}
