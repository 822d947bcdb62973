/**
 * `opsbook init --clean`: turns the template repository into a real team's repository by
 * removing the example organisation's tickets and runbooks and writing a minimal opsbook.yaml.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { CONFIG_FILE, findRepositoryRoot, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';

export const initHelp = `Usage: opsbook init --clean [--name NAME] [--timezone ZONE] [--yes] [--root DIR]

Removes every ticket under incidents/ and every runbook under runbooks/ (the example
organisation) and writes a minimal opsbook.yaml to start from. Asks for confirmation unless
--yes is given. Commit the result; git keeps the examples in its history.
`;

export function starterConfig(name: string, timezone: string): string {
  return `# Opsbook settings: see docs/file-formats.md. Run \`npm run opsbook -- validate\` after each change.
organization:
  name: ${JSON.stringify(name)}
  timezone: ${timezone}
teams:
  ops: { name: Operations }
services:                      # the catalogue of services; group them as you like
  mail: { name: E-mail, group: central, owner: ops }
customers: {}
calendars:
  office:
    timezone: ${timezone}
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
  always: { timezone: ${timezone}, hours: always }
priority:
  matrix:
    high: { high: P1, medium: P2, low: P3 }
    medium: { high: P2, medium: P3, low: P4 }
    low: { high: P3, medium: P4, low: P4 }
sla:
  policies:
    standard:
      calendar: office
      pause_statuses: [pending]
      at_risk: 0.75
      targets:
        P1: { response: 1h, resolution: 8h }
        P2: { response: 4h, resolution: 2bd }
        P3: { response: 1bd, resolution: 5bd }
        P4: { response: 1bd, resolution: 10bd }
  default: standard
`;
}

export async function initCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('init', args, {
    clean: { type: 'boolean' },
    name: { type: 'string' },
    timezone: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(initHelp);
    return 0;
  }
  if (!values.clean) throw new ExitError('say --clean to remove the example organisation (see --help)');
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const timezone = values.timezone ?? 'Europe/Berlin';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ExitError(`unknown time zone "${timezone}"`);
  }
  if (!values.yes) {
    if (!io.stdin.isTTY) throw new ExitError('this deletes every ticket and runbook; add --yes to confirm');
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
    const answer = await rl.question(`Delete every ticket and runbook in ${root}? (yes/no) `);
    rl.close();
    if (answer.trim().toLowerCase() !== 'yes') {
      io.stderr.write('nothing changed\n');
      return 0;
    }
  }
  let removed = 0;
  for (const dir of [TICKET_DIR, RUNBOOK_DIR]) {
    const path = join(root, dir);
    mkdirSync(path, { recursive: true });
    for (const entry of readdirSync(path)) {
      if (entry === '.gitkeep' || entry === 'README.md') continue;
      rmSync(join(path, entry), { recursive: true, force: true });
      removed++;
    }
    // Git keeps no empty folders.
    writeFileAtomic(join(path, '.gitkeep'), '');
  }
  writeFileAtomic(join(root, CONFIG_FILE), starterConfig(values.name ?? 'My IT', timezone));
  io.stdout.write(
    `removed the example tickets and runbooks (${removed} folders) and wrote a starter ${CONFIG_FILE}; next: edit it, then \`npm run opsbook -- validate\`\n`,
  );
  return 0;
}
