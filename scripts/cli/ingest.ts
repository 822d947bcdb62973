/**
 * `opsbook ingest alertmanager|grafana|uptime-kuma|webhook [FILE|-]`: monitoring alerts open
 * incidents and add timeline entries to them (docs/monitoring.md). All changed files are
 * written as one journaled change, so a payload is taken whole or not at all.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AlertContext, carriesAlert, decideAlert, eventMs } from '../derive/alert-ingest.ts';
import { nextTicketId } from '../derive/next-id.ts';
import { publicServiceIds } from '../derive/status-page-outlook.ts';
import { planUpdate, type UpdatePlan } from '../derive/ticket-update.ts';
import { parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { applyChange, interruptionFrom, recoverJournal } from '../lib/journal.ts';
import {
  ALERT_SOURCES,
  type AlertEvent,
  type AlertSource,
  PayloadError,
  parseAlertPayload,
} from '../load/alert-payload.ts';
import { parseMarkdownDocument } from '../load/documents.ts';
import { findRepositoryRoot, listMarkdownFiles, TICKET_DIR } from '../load/files.ts';
import { idFromPath, ticketPath } from '../model/ids.ts';
import type { Ticket } from '../model/types.ts';
import { newTicketText } from '../present/new-file.ts';
import { zonedConfig } from './inputs.ts';
import { applyPlan } from './update.ts';

const ingestHelp = `Usage: opsbook ingest <alertmanager|grafana|uptime-kuma|webhook> [FILE|-] [options]

Reads one webhook payload of a monitoring system (from FILE, or stdin when FILE is - or
missing) and, per alert, opens an incident (channel monitoring) or adds a timeline entry to
the open incident that carries the alert's fingerprint, by the rules in opsbook.yaml
monitoring.rules (see docs/monitoring.md). The alert's text becomes an internal note, never
public text. Delivering the same payload again changes nothing.

Prints the changed files; on stderr what happened to each alert. Exit 0 when every alert was
taken (or was known already), 1 when some were dropped (no rule matches, or the change was
refused; the others are written), 2 when the payload or opsbook.yaml is unusable.

Options:
  --root DIR              the repository
`;

/** Webhook bodies are small; a bigger one is a mistake or an attack. */
const MAX_PAYLOAD_BYTES = 5 * 1024 * 1024;

interface Held {
  path: string;
  text: string;
  ticket: Ticket;
  changed: boolean;
}

export async function ingestCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'ingest',
    args,
    { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    io.stdout.write(ingestHelp);
    return 0;
  }
  const [source, file = '-', ...more] = positionals;
  if (source === undefined || !(ALERT_SOURCES as readonly string[]).includes(source) || more.length > 0)
    throw new ExitError(
      `say the source and at most one file: opsbook ingest ${ALERT_SOURCES.join('|')} [FILE|-]`,
    );
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const recovered = recoverJournal(root);
  if (recovered) io.stderr.write(`opsbook: ${recovered}\n`);
  const config = zonedConfig(root, io, 'ingest');
  const rules = config.monitoring?.rules;
  if (!rules || rules.length === 0)
    throw new ExitError(
      'opsbook.yaml has no monitoring.rules, so no alert could be placed (see docs/monitoring.md)',
    );

  const where = file === '-' ? 'stdin' : file;
  const text = await readPayload(io, file);
  let parsed: ReturnType<typeof parseAlertPayload>;
  try {
    parsed = parseAlertPayload(source as AlertSource, text);
  } catch (error) {
    if (error instanceof PayloadError)
      throw new ExitError(`${where}: not a ${source} payload: ${error.message}`);
    throw error;
  }
  for (const line of parsed.skipped) io.stderr.write(`skipped: ${line}\n`);

  const events = [...parsed.events].sort((a, b) => eventMs(a) - eventMs(b));
  const held = carryingTickets(root, events);
  const ids = new Set(listMarkdownFiles(root, TICKET_DIR).files.map(idFromPath));
  const ctx: AlertContext = {
    rules,
    services: config.services,
    publicServices: publicServiceIds(config),
    zone: config.organization.timezone,
  };
  let dropped = 0;
  for (const event of events) {
    const name = `${event.source} alert ${event.fingerprint}${event.labels.alertname ? ` (${event.labels.alertname})` : ''} ${event.status}`;
    const decision = decideAlert(
      event,
      [...held.values()].map((h) => h.ticket),
      ctx,
    );
    switch (decision.kind) {
      case 'duplicate':
        io.stderr.write(`${name}: already in ${decision.ticketId}\n`);
        break;
      case 'dropped':
        dropped++;
        io.stderr.write(`${name}: dropped, ${decision.reason}\n`);
        break;
      case 'open': {
        const id = nextTicketId(ids, 'INC', decision.year);
        ids.add(id);
        const path = ticketPath(id);
        const ticketText = newTicketText({ ...decision.fields, id });
        held.set(path, { path, text: ticketText, ticket: checked(path, ticketText), changed: true });
        io.stderr.write(`${name}: opened ${id}\n`);
        break;
      }
      case 'update': {
        const path = ticketPath(decision.ticketId);
        const h = held.get(path);
        if (!h) throw new Error(`${path} was decided on but not read`);
        const outcome = planUpdate(h.ticket, decision.request);
        if (!outcome.ok) {
          dropped++;
          io.stderr.write(`${name}: dropped, ${decision.ticketId} refuses it: ${outcome.message}\n`);
          break;
        }
        const entry: UpdatePlan['entry'] & Record<string, unknown> = {
          ...outcome.plan.entry,
          'x-alert': decision.marker,
        };
        h.text = applyPlan(h.text, { ...outcome.plan, entry });
        h.ticket = checked(path, h.text);
        h.changed = true;
        io.stderr.write(
          `${name}: ${decision.ticketId} ${outcome.plan.from === outcome.plan.to ? outcome.plan.to : `${outcome.plan.from} → ${outcome.plan.to}`}\n`,
        );
        break;
      }
    }
  }
  const write = [...held.values()].filter((h) => h.changed).map((h) => ({ path: h.path, content: h.text }));
  if (write.length > 0)
    applyChange(root, `ingest ${source}`, { write, delete: [] }, interruptionFrom(io.env));
  for (const w of write) io.stdout.write(`${w.path}\n`);
  return dropped > 0 ? 1 : 0;
}

async function readPayload(io: CommandIo, file: string): Promise<string> {
  let bytes: Buffer;
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of io.stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      size += buffer.length;
      if (size > MAX_PAYLOAD_BYTES)
        throw new ExitError(`stdin: the payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
      chunks.push(buffer);
    }
    bytes = Buffer.concat(chunks);
  } else {
    const absolute = resolve(io.cwd, file);
    if (!existsSync(absolute)) throw new ExitError(`${file} does not exist`);
    bytes = readFileSync(absolute);
    if (bytes.length > MAX_PAYLOAD_BYTES)
      throw new ExitError(`${file}: the payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExitError(`${file === '-' ? 'stdin' : file}: the payload is not UTF-8`);
  }
}

/** The tickets that carry one of the events' fingerprints, read and parsed. */
function carryingTickets(root: string, events: readonly AlertEvent[]): Map<string, Held> {
  const held = new Map<string, Held>();
  const fingerprints = [...new Set(events.map((e) => e.fingerprint))];
  if (fingerprints.length === 0) return held;
  for (const path of listMarkdownFiles(root, TICKET_DIR).files) {
    const text = readFileSync(join(root, path), 'utf8');
    // Cheap text test first: only tickets that mention a fingerprint are parsed.
    if (!text.includes('x-alert') || !fingerprints.some((f) => text.includes(f))) continue;
    const parsed = parseMarkdownDocument(Buffer.from(text, 'utf8'), path, 'ticket');
    if (!parsed.document) continue;
    const ticket = parsed.document.data;
    if (events.some((e) => carriesAlert(ticket, e))) held.set(path, { path, text, ticket, changed: false });
  }
  return held;
}

/** The ticket in a text this command wrote; a schema error here is a bug, not bad input. */
function checked(path: string, text: string): Ticket {
  const parsed = parseMarkdownDocument(Buffer.from(text, 'utf8'), path, 'ticket');
  const error = parsed.findings.find((f) => f.severity === 'error');
  const data = parsed.document?.data;
  if (!data || error)
    throw new Error(
      `ingest wrote an invalid ${path}: ${error ? `${error.code} ${error.message}` : 'unparsable'}`,
    );
  return data;
}
