/**
 * `opsbook new incident|request|problem|maintenance|runbook`
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { validateRepository } from '../check/validate-repository.ts';
import { nextTicketId, slugify } from '../derive/next-id.ts';
import { localDate, localIso, parseAt, parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot, listMarkdownFiles, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import { loadConfig } from '../load/repository.ts';
import { idFromPath, PREFIX_BY_KIND, ticketPath } from '../model/ids.ts';
import { newRunbookText, newTicketText } from '../present/new-file.ts';

export const newHelp = `Usage: opsbook new <incident|request|problem|maintenance|runbook> [options]

Creates a valid file with the next free ID. Missing values are asked for on a terminal.

Options:
  --title TEXT            title (required)
  --service ID            affected service (repeatable)
  --impact LEVEL          high, medium or low (tickets other than maintenance)
  --urgency LEVEL         high, medium or low
  --customer ID           customer from opsbook.yaml (omit for internal tickets)
  --channel CHANNEL       web-form, phone, email, chat, walk-in, monitoring or social
  --reported-by NAME, --assignee NAME, --team ID
  --at ISO                when it was reported (default: now)
  --from ISO, --until ISO maintenance window
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

const LEVELS = ['high', 'medium', 'low'];
const CHANNELS = ['web-form', 'phone', 'email', 'chat', 'walk-in', 'monitoring', 'social'];

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
  const { config } = loadConfig(root);
  if (!config) throw new ExitError('opsbook.yaml has errors; run `opsbook validate` first');
  const at = parseAt(values.at, io);
  const zone = config.organization.timezone;
  const ask = new Prompter(io, values['no-input'] === true);
  try {
    const title = await ask.text('Title', values.title, true);
    const services = values.service?.length
      ? values.service
      : await ask.list('Affected services', Object.keys(config.services));
    for (const s of services) {
      if (!Object.hasOwn(config.services, s))
        throw new ExitError(`unknown service "${s}" (known: ${Object.keys(config.services).join(', ')})`);
    }

    if (what === 'runbook') {
      const service = services[0];
      if (!service) throw new ExitError('a runbook needs at least one --service');
      const id = slugify(title);
      if (!id) throw new ExitError(`cannot make a runbook id from the title "${title}"`);
      const file = `${RUNBOOK_DIR}/${service}/${id}.md`;
      if (listMarkdownFiles(root, RUNBOOK_DIR).files.some((f) => idFromPath(f) === id)) {
        throw new ExitError(`a runbook "${id}" exists already; choose another title`);
      }
      const owner = values.owner ?? config.services[service]?.owner ?? 'ops-team';
      writeFileAtomic(
        join(root, file),
        newRunbookText({ id, title, services, owner, today: localDate(at, zone) }),
        { exclusive: true },
      );
      return await report(io, root, file, at);
    }

    const kind = KINDS[what as keyof typeof KINDS];
    const maintenance = kind === 'maintenance';
    const impact = maintenance ? values.impact : await ask.choice('Impact', values.impact, LEVELS);
    const urgency = maintenance ? values.urgency : await ask.choice('Urgency', values.urgency, LEVELS);
    const channel =
      values.channel === undefined ? undefined : await ask.choice('Channel', values.channel, CHANNELS);
    if (values.customer && !Object.hasOwn(config.customers ?? {}, values.customer)) {
      throw new ExitError(`unknown customer "${values.customer}"`);
    }
    let scheduledFor: string | undefined;
    let scheduledUntil: string | undefined;
    if (maintenance) {
      const from = parseAt(await ask.text('Window start (ISO with offset)', values.from, true), io);
      const until = parseAt(await ask.text('Window end (ISO with offset)', values.until, true), io);
      if (until <= from) throw new ExitError('the maintenance window must end after it starts');
      scheduledFor = localIso(from, zone);
      scheduledUntil = localIso(until, zone);
    }
    const reportedAt = localIso(at, zone);
    const year = Number(reportedAt.slice(0, 4));
    const prefix = PREFIX_BY_KIND[kind];
    const existing = listMarkdownFiles(root, TICKET_DIR).files.map(idFromPath);
    // Another process may take the number between listing and writing: then take the next.
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = nextTicketId(existing, prefix, year);
      const file = ticketPath(id);
      const text = newTicketText({
        id,
        title,
        kind,
        impact,
        urgency,
        services,
        customer: values.customer,
        channel,
        reported_by: values['reported-by'],
        assignee: values.assignee,
        team: values.team,
        reportedAt,
        scheduledFor,
        scheduledUntil,
      });
      if (!existsSync(join(root, file))) {
        try {
          writeFileAtomic(join(root, file), text, { exclusive: true });
          return await report(io, root, file, at);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
      existing.push(id);
    }
    throw new ExitError('could not find a free ID');
  } finally {
    ask.close();
  }
}

async function report(io: CommandIo, root: string, file: string, at: number): Promise<number> {
  const result = await validateRepository({ root, focus: [file], at });
  const errors = result.findings.filter((f) => f.file === file && f.severity === 'error');
  if (errors.length > 0) {
    for (const f of errors) io.stderr.write(`${f.file}:${f.line}:${f.col} ${f.code} ${f.message}\n`);
    return 1;
  }
  io.stdout.write(`${file}\n`);
  return 0;
}

/** Asks for missing values on a terminal; refuses when prompting is not possible. */
class Prompter {
  private readonly io: CommandIo;
  private readonly interactive: boolean;
  private rl: ReturnType<typeof createInterface> | undefined;

  constructor(io: CommandIo, noInput: boolean) {
    this.io = io;
    this.interactive = !noInput && Boolean(io.stdin.isTTY) && !io.env.CI;
  }

  private async ask(question: string): Promise<string> {
    this.rl ??= createInterface({
      input: this.io.stdin,
      output: this.io.stderr as NodeJS.WritableStream,
      terminal: false,
    });
    return (await this.rl.question(`${question}: `)).trim();
  }

  async text(label: string, given: string | undefined, required: boolean): Promise<string> {
    if (given !== undefined && given.trim() !== '') return given.trim();
    if (!this.interactive) {
      if (!required) return '';
      throw new ExitError(`--${label.split(' ')[0]?.toLowerCase()} is required (no terminal to ask on)`);
    }
    for (;;) {
      const answer = await this.ask(label);
      if (answer || !required) return answer;
    }
  }

  async choice(label: string, given: string | undefined, allowed: readonly string[]): Promise<string> {
    if (given !== undefined) {
      if (allowed.includes(given)) return given;
      throw new ExitError(`--${label.toLowerCase()} must be one of ${allowed.join(', ')}, not "${given}"`);
    }
    if (!this.interactive)
      throw new ExitError(`--${label.toLowerCase()} is required (${allowed.join(', ')})`);
    for (;;) {
      const answer = await this.ask(`${label} (${allowed.join('/')})`);
      if (allowed.includes(answer)) return answer;
    }
  }

  async list(label: string, known: readonly string[]): Promise<string[]> {
    if (!this.interactive) throw new ExitError(`--service is required (known: ${known.join(', ')})`);
    for (;;) {
      const answer = await this.ask(`${label}, comma-separated (${known.join(', ')})`);
      const items = answer
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length > 0 && items.every((s) => known.includes(s))) return items;
    }
  }

  close(): void {
    this.rl?.close();
  }
}
