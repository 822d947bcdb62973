/**
 * The `opsbook` command line: dispatch, help, and the error policy (one clean line and exit 2
 * for a failed command; a stack and a plea for a bug report for anything unexpected).
 */
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';

type Command = (args: string[], io: CommandIo) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: {
    summary: 'check tickets, runbooks and opsbook.yaml',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  new: {
    summary: 'create a ticket or runbook with the next free ID',
    load: async () => (await import('./new.ts')).newCommand,
  },
  sla: {
    summary: 'SLA clocks of every ticket on the business calendars',
    load: async () => (await import('./sla.ts')).slaCommand,
  },
  review: {
    summary: 'scaffold a post-incident review; --check lists missing and overdue reviews and actions',
    load: async () => (await import('./review.ts')).reviewCommand,
  },
  report: {
    summary: 'the periodic review report over a period (Markdown or JSON)',
    load: async () => (await import('./report.ts')).reportCommand,
  },
  runbooks: {
    summary: 'runbook overview and staleness',
    load: async () => (await import('./runbooks.ts')).runbooksCommand,
  },
  update: {
    summary: 'add a timeline entry: status, public update, internal note, effect',
    load: async () => (await import('./update.ts')).updateCommandFor('update'),
  },
  ack: {
    summary: 'acknowledge a ticket (first response)',
    load: async () => (await import('./update.ts')).updateCommandFor('ack'),
  },
  resolve: {
    summary: 'resolve a ticket (maintenance: complete it)',
    load: async () => (await import('./update.ts')).updateCommandFor('resolve'),
  },
  close: {
    summary: 'close a resolved ticket',
    load: async () => (await import('./update.ts')).updateCommandFor('close'),
  },
  reopen: {
    summary: 'reopen a resolved, closed or cancelled ticket',
    load: async () => (await import('./update.ts')).updateCommandFor('reopen'),
  },
  cancel: {
    summary: 'cancel a ticket',
    load: async () => (await import('./update.ts')).updateCommandFor('cancel'),
  },
  init: {
    summary: "start a real team's repository: remove the example organisation",
    load: async () => (await import('./init.ts')).initCommand,
  },
  renumber: {
    summary: 'rename a ticket and rewrite every reference to it',
    load: async () => (await import('./renumber.ts')).renumberCommand,
  },
  github: {
    summary: 'CI helpers: pull-request summary, escalation issues, outage issue to ticket',
    load: async () => (await import('./github.ts')).githubCommand,
  },
  notify: {
    summary: 'send what a push added to chat, webhooks and e-mail',
    load: async () => (await import('./notify.ts')).notifyCommand,
  },
  ingest: {
    summary: 'monitoring alerts (Alertmanager, Grafana, Uptime Kuma, webhook) open and update incidents',
    load: async () => (await import('./ingest.ts')).ingestCommand,
  },
  relay: {
    summary: 'HTTP relay: monitoring webhooks to GitHub repository_dispatch (spooled on disk)',
    load: async () => (await import('./relay.ts')).relayCommand,
  },
  rota: {
    summary: 'who is on duty for each team; --ics TEAM: the duty as a calendar feed',
    load: async () => (await import('./rota.ts')).rotaCommand,
  },
  import: {
    summary: 'import tickets from ServiceNow, Jira, Statuspage or cState',
    load: async () => (await import('./import.ts')).importCommand,
  },
  site: {
    summary: 'build the public status page and the internal site (Astro)',
    load: async () => (await import('./site.ts')).siteCommand,
  },
};

/** The version in package.json. */
async function version(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Usage: opsbook <command> [options]    (opsbook --version, opsbook help <command>)',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `opsbook <command> --help` for a command's options.",
    '',
  ].join('\n');
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V' || first === 'version') {
    io.stdout.write(`opsbook ${await version()}\n`);
    return 0;
  }
  // `opsbook help CMD` is `opsbook CMD --help`.
  const helpFor = first === 'help' && rest[0] !== undefined ? rest[0] : undefined;
  const name = helpFor ?? first;
  const args = helpFor !== undefined ? ['--help'] : rest;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr.write(`opsbook: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof ExitError) {
      if (error.message) io.stderr.write(`opsbook ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(
      `opsbook ${name}: internal error. This is a bug in Opsbook; please report it with the output below.\n${stack}\n`,
    );
    return 2;
  }
}
