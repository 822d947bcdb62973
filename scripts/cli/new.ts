/**
 * `opsbook new incident|request|problem|maintenance|runbook`
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkTicketText, ticketRuleContext } from '../check/ticket-text.ts';
import { validateRepository } from '../check/validate-repository.ts';
import { nextTicketId, slugify } from '../derive/next-id.ts';
import { computeTicketSla } from '../derive/sla-clock.ts';
import { describeOutlook, publicServiceIds, statusPageOutlook } from '../derive/status-page-outlook.ts';
import { localIso, parseAt, parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { recoverJournal } from '../lib/journal.ts';
import { findRepositoryRoot, listMarkdownFiles, RUNBOOK_DIR } from '../load/files.ts';
import { loadConfig } from '../load/repository.ts';
import { idFromPath, PREFIX_BY_KIND, ticketPath } from '../model/ids.ts';
import { CHANNELS, EFFECTS, LEVELS } from '../model/ticket-values.ts';
import { instantMs } from '../model/time.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { localDate } from '../model/zone-offsets.ts';
import { type NewTicketFields, newRunbookText, newTicketText } from '../present/new-file.ts';
import { instantOf, Prompter } from './prompter.ts';

const newHelp = `Usage: opsbook new <incident|request|problem|maintenance|runbook> [options]

Creates a valid file with the next free ID. Missing values are asked for on a terminal; a
wrong answer is explained and asked again. The file is checked before it is written. Prints the
file's path, then (on stderr) the SLA policy and due instants the ticket got and how it will
appear on the status page.

Options:
  --title TEXT            title (required)
  --service ID            affected service (repeatable)
  --impact LEVEL          high, medium or low (tickets other than maintenance)
  --urgency LEVEL         high, medium or low
  --customer ID           customer from opsbook.yaml (omit for internal tickets); decides the SLA policy
  --channel CHANNEL       web-form, phone, email, chat, walk-in, monitoring or social
  --effect SERVICE=EFFECT the service's status on the status page while the ticket is open
                          (repeatable): operational, degraded_performance, partial_outage,
                          major_outage, under_maintenance (maintenance default: under_maintenance)
  --public TEXT           the first update for the status page (shown to everyone)
  --note TEXT             an internal note (never published)
  --reported-by NAME, --assignee NAME, --team ID
  --at ISO                when it was reported (default: now, to the minute)
  --from ISO, --until ISO maintenance window, with a UTC offset
  --owner TEAM            runbook owner (default: the service's owner)
  --no-input              never prompt; fail when a required value is missing
  --root DIR              the repository
`;

const KINDS = {
  incident: 'incident',
  request: 'service-request',
  'service-request': 'service-request',
  problem: 'problem',
  maintenance: 'maintenance',
} as const;

export async function newCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'new',
    args,
    {
      title: { type: 'string' },
      service: { type: 'string', multiple: true },
      impact: { type: 'string' },
      urgency: { type: 'string' },
      customer: { type: 'string' },
      channel: { type: 'string' },
      effect: { type: 'string', multiple: true },
      public: { type: 'string' },
      note: { type: 'string' },
      'reported-by': { type: 'string' },
      assignee: { type: 'string' },
      team: { type: 'string' },
      at: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
      owner: { type: 'string' },
      'no-input': { type: 'boolean' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(newHelp);
    return 0;
  }
  const what = positionals[0];
  if (positionals.length !== 1 || what === undefined || !(what === 'runbook' || Object.hasOwn(KINDS, what))) {
    throw new ExitError(
      `say what to create: incident, request, problem, maintenance or runbook${what ? ` (not "${what}")` : ''}`,
    );
  }
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const recovered = recoverJournal(root);
  if (recovered) io.stderr.write(`opsbook: ${recovered}\n`);
  const { config } = loadConfig(root);
  if (!config) throw new ExitError('opsbook.yaml has errors; run `opsbook validate` first');
  const zone = config.organization.timezone;
  const at = values.at === undefined ? Math.floor(io.now() / 60_000) * 60_000 : parseAt(values.at, io);
  const ask = new Prompter(io, values['no-input'] === true);
  try {
    const title = await ask.text({ label: 'Title', flag: 'title', given: values.title, required: true });
    const known = Object.keys(config.services);
    const services = values.service?.length
      ? values.service
      : await ask.answer<string[]>({
          label: `Affected services, comma-separated (${known.join(', ')})`,
          flag: 'service',
          missing: `--service is required (known: ${known.join(', ')})`,
          parse: (answer) => {
            const items = answer
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean);
            if (items.length === 0) return { error: 'name at least one service' };
            const unknown = items.filter((x) => !known.includes(x));
            if (unknown.length > 0)
              return { error: `unknown service "${unknown[0]}" (known: ${known.join(', ')})` };
            return { value: items };
          },
        });
    for (const id of services) {
      if (!Object.hasOwn(config.services, id))
        throw new ExitError(`unknown service "${id}" (known: ${known.join(', ')})`);
    }
    if (values.team && config.teams && !Object.hasOwn(config.teams, values.team)) {
      throw new ExitError(`unknown team "${values.team}" (known: ${Object.keys(config.teams).join(', ')})`);
    }

    if (what === 'runbook') return await newRunbook(io, root, config, title, services, values.owner, at);

    const kind = KINDS[what as keyof typeof KINDS];
    const maintenance = kind === 'maintenance';
    const published = kind === 'incident' || maintenance;
    const impact = maintenance ? values.impact : await ask.choice('Impact', 'impact', values.impact, LEVELS);
    const urgency = maintenance
      ? values.urgency
      : await ask.choice('Urgency', 'urgency', values.urgency, LEVELS);
    const customerIds = Object.keys(config.customers ?? {});
    const customer = await ask.optionalChoice(
      'Customer',
      'customer',
      values.customer,
      customerIds,
      'internal',
    );
    const channel = await ask.optionalChoice('Channel', 'channel', values.channel, CHANNELS, 'none');
    const effects = await askEffects(ask, values.effect, services, config, published, maintenance);
    let scheduledFor: string | undefined;
    let scheduledUntil: string | undefined;
    if (maintenance) {
      const from = await ask.instant(
        'Window start (ISO with offset, e.g. 2026-12-05T20:00:00+01:00)',
        'from',
        values.from,
      );
      const until = await ask.answer<number>({
        label: 'Window end (ISO with offset)',
        flag: 'until',
        given: values.until,
        missing: '--until is required (no terminal to ask on)',
        parse: (answer) => {
          const ms = instantOf(answer, 'until');
          if (typeof ms === 'string') return { error: ms };
          if (ms <= from) return { error: 'the window must end after it starts' };
          return { value: ms };
        },
      });
      scheduledFor = localIso(from, zone);
      scheduledUntil = localIso(until, zone);
    }
    const publicText = published
      ? await ask.text({
          label: 'First public update for the status page (empty: none)',
          flag: 'public',
          given: values.public,
          required: false,
        })
      : values.public;
    const note = await ask.text({
      label: 'Internal note (empty: none)',
      flag: 'note',
      given: values.note,
      required: false,
    });

    const reportedAt = localIso(at, zone);
    const fields: Omit<NewTicketFields, 'id'> = {
      title,
      kind,
      impact,
      urgency,
      services: services.map((id) => (effects.has(id) ? { id, effect: effects.get(id) as string } : id)),
      customer,
      channel,
      reported_by: values['reported-by'],
      assignee: values.assignee,
      team: values.team,
      reportedAt,
      scheduledFor,
      scheduledUntil,
      public: publicText || undefined,
      note: note || undefined,
    };
    return await writeTicket(io, root, config, fields, at);
  } finally {
    ask.close();
  }
}

async function askEffects(
  ask: Prompter,
  given: string[] | undefined,
  services: string[],
  config: OpsbookConfig,
  published: boolean,
  maintenance: boolean,
): Promise<Map<string, string>> {
  const effects = new Map<string, string>();
  for (const spec of given ?? []) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(spec);
    if (!m) throw new ExitError(`--effect "${spec}" must be SERVICE=EFFECT, e.g. mail=major_outage`);
    const service = m[1] as string;
    const effect = m[2] as string;
    if (!services.includes(service))
      throw new ExitError(
        `--effect names "${service}", which is not among the ticket's services (${services.join(', ')})`,
      );
    if (!(EFFECTS as readonly string[]).includes(effect))
      throw new ExitError(`--effect ${service}=${effect}: the effect must be one of ${EFFECTS.join(', ')}`);
    effects.set(service, effect);
  }
  if (given?.length || !published || !ask.interactive) return effects;
  const publicIds = publicServiceIds(config);
  for (const service of services) {
    const shown = publicIds.has(service) ? '' : ', not public';
    const answer = await ask.optionalChoice(
      `Effect on ${config.services[service]?.name ?? service} (${service}${shown})`,
      'effect',
      undefined,
      EFFECTS,
      maintenance ? 'under_maintenance' : 'none',
    );
    if (answer) effects.set(service, answer);
  }
  return effects;
}

async function newRunbook(
  io: CommandIo,
  root: string,
  config: OpsbookConfig,
  title: string,
  services: string[],
  owner: string | undefined,
  at: number,
): Promise<number> {
  const service = services[0];
  if (!service) throw new ExitError('a runbook needs at least one --service');
  const id = slugify(title);
  if (!id) throw new ExitError(`cannot make a runbook id from the title "${title}"`);
  const file = `${RUNBOOK_DIR}/${service}/${id}.md`;
  if (listMarkdownFiles(root, RUNBOOK_DIR).files.some((f) => idFromPath(f) === id)) {
    throw new ExitError(`a runbook "${id}" exists already; choose another title`);
  }
  const text = newRunbookText({
    id,
    title,
    services,
    owner: owner ?? config.services[service]?.owner ?? 'ops-team',
    today: localDate(at, config.organization.timezone),
  });
  writeFileAtomic(join(root, file), text, { exclusive: true });
  const result = await validateRepository({ root, focus: [file], at });
  const errors = result.findings.filter((f) => f.file === file && f.severity === 'error');
  for (const f of errors) io.stderr.write(`${f.file}:${f.line}:${f.col} ${f.code} ${f.message}\n`);
  io.stdout.write(`${file}\n`);
  return errors.length > 0 ? 1 : 0;
}

async function writeTicket(
  io: CommandIo,
  root: string,
  config: OpsbookConfig,
  fields: Omit<NewTicketFields, 'id'>,
  at: number,
): Promise<number> {
  const year = Number(fields.reportedAt.slice(0, 4));
  const prefix = PREFIX_BY_KIND[fields.kind];
  const ctx = ticketRuleContext(root, config);
  const existing = [...ctx.ticketIds];
  // Another process may take the number between listing and writing: then take the next.
  for (let attempt = 0; attempt < 20; attempt++) {
    const id = nextTicketId(existing, prefix, year);
    const file = ticketPath(id);
    const text = newTicketText({ id, ...fields });
    // The file is checked in memory first: nothing invalid is ever written.
    const { errors, ticket } = checkTicketText(file, text, ctx);
    if (errors.length > 0 || !ticket) {
      const lines = errors.map((f) => `  ${f.code} ${f.message}`);
      throw new ExitError(`the ticket would not be valid, so nothing was written:\n${lines.join('\n')}`);
    }
    if (!existsSync(join(root, file))) {
      try {
        writeFileAtomic(join(root, file), text, { exclusive: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        existing.push(id);
        continue;
      }
      io.stdout.write(`${file}\n`);
      io.stderr.write(`${ticketOutlook(ticket, config, at).join('\n')}\n`);
      return 0;
    }
    existing.push(id);
  }
  throw new ExitError('could not find a free ID');
}

/** What the new ticket got: its SLA policy and due instants, and its place on the status page. */
function ticketOutlook(ticket: Ticket, config: OpsbookConfig, at: number): string[] {
  const lines = [
    `${ticket.id} ${ticket.kind}, ${ticket.status}${ticket.customer ? `, customer ${ticket.customer}` : ', internal'}`,
  ];
  const sla = computeTicketSla(ticket, config, Math.max(at, instantMs(ticket.reported_at)));
  if (sla.policy === null) {
    lines.push('SLA: no policy applies (no assign rule matches and sla.default is not set)');
  } else {
    const policy = config.sla.policies?.[sla.policy];
    const calendar = policy ? config.calendars?.[policy.calendar] : undefined;
    const calZone = calendar?.timezone ?? config.organization.timezone;
    const due = (clock: { due: string | null; state: string; reason?: string }) =>
      clock.due
        ? `due ${localMinute(instantMs(clock.due), calZone)}`
        : `not applicable (${clock.reason ?? clock.state})`;
    lines.push(
      `SLA: policy ${sla.policy}${policy ? ` (calendar ${policy.calendar}, ${calZone})` : ''}, priority ${sla.priority ?? 'none'}`,
    );
    lines.push(`  response ${due(sla.response)}; resolution ${due(sla.resolution)}`);
  }
  const name = (s: string) => config.services[s]?.name ?? s;
  lines.push(...describeOutlook(statusPageOutlook(ticket, publicServiceIds(config)), name, ticket.kind));
  return lines;
}

function localMinute(ms: number, zone: string): string {
  return `${localIso(ms, zone).slice(0, 16).replace('T', ' ')} (${zone})`;
}
