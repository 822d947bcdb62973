/**
 * `opsbook init --clean`: turns the template repository into a real team's repository: removes
 * the example organisation's tickets and runbooks, writes a starter opsbook.yaml with the team's
 * name, address, time zone and first services, and rewrites what `.github/` says about the
 * example organisation (the outage form's services, the status-page link, CODEOWNERS). All of it
 * is one journaled change: an interrupted run is completed or undone by the next.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isKnownTimeZone } from '../derive/calendar/index.ts';
import { checkConfig } from '../derive/config-rules.ts';
import { scalarText } from '../derive/frontmatter-edit.ts';
import { ISSUE_FORM_FILE, rewriteServiceOptions, serviceOptions } from '../derive/issue-form-services.ts';
import { parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { applyChange, type FileChange, interruptionFrom, recoverJournal } from '../lib/journal.ts';
import { CONFIG_FILE, findRepositoryRoot, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import { checkAgainstSchema } from '../load/schema-validation.ts';
import { CONFIG_YAML_LIMITS, parseYaml } from '../load/yaml.ts';
import type { OpsbookConfig } from '../model/types.ts';

const initHelp = `Usage: opsbook init --clean [--name NAME] [--url URL] [--timezone ZONE]
                          [--service ID[=NAME]]... [--yes] [--force] [--root DIR]

Makes the template your team's repository: removes every ticket under incidents/ and every
runbook under runbooks/ (the example organisation), writes a starter opsbook.yaml with your
organisation, and rewrites .github/ (the outage form's service choices, the status-page link,
CODEOWNERS). Values not given are asked for on a terminal.

Options:
  --name NAME          the organisation's name (shown on the status page)
  --url URL            where the public status page will be, e.g. https://status.example.org
  --timezone ZONE      IANA time zone of the organisation, e.g. Europe/Berlin (default)
  --service ID[=NAME]  a first service (repeatable; default: mail=E-mail); public on the status page
  --yes                do not ask for confirmation
  --force              go on although incidents/, runbooks/, opsbook.yaml or .github/ have
                       uncommitted changes (they would be lost)

Commit the result; Git keeps the examples in its history.
`;

interface StarterSettings {
  name: string;
  url: string | undefined;
  timezone: string;
  services: { id: string; name: string }[];
}

function starterConfig(s: StarterSettings): string {
  const services = s.services
    // Inside a flow mapping a plain scalar may not hold "," or braces: JSON quoting is YAML too.
    .map((x) => `  ${x.id}: { name: ${JSON.stringify(x.name)}, group: central, owner: ops, public: true }`)
    .join('\n');
  return `# Opsbook settings: see docs/file-formats.md. Run \`npm run -s opsbook -- validate\` after each change.
organization:
  name: ${scalarText(s.name)}
  timezone: ${s.timezone}${s.url ? `\n  url: ${scalarText(s.url)}` : ''}
teams:
  ops: { name: Operations }   # add github: "@your-org/your-team" to be mentioned in escalations
services:                      # public: true = shown on the status page
${services}
customers: {}
calendars:
  office:
    timezone: ${s.timezone}
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
  always: { timezone: ${s.timezone}, hours: always }
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

function issueTemplateConfig(url: string | undefined): string {
  const links = url
    ? `contact_links:
  - name: Status page
    url: ${scalarText(url)}
    about: Known outages and planned maintenance, with their latest updates.
`
    : 'contact_links: []   # add your status page here once it is published\n';
  return `# Outages go through the form (report-outage.yml), so that they become tickets; other issues
# may still be opened blank.
blank_issues_enabled: true
${links}`;
}

const CODEOWNERS = `# Who reviews what: GitHub asks these people or teams to review a pull request that touches
# the paths. Name your own, for example:
# /opsbook.yaml       @your-org/ops
# /runbooks/          @your-org/ops
# /incidents/         @your-org/service-desk
# /.github/           @your-org/ops
`;

export async function initCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('init', args, {
    clean: { type: 'boolean' },
    name: { type: 'string' },
    url: { type: 'string' },
    timezone: { type: 'string' },
    service: { type: 'string', multiple: true },
    yes: { type: 'boolean', short: 'y' },
    force: { type: 'boolean' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(initHelp);
    return 0;
  }
  if (!values.clean) throw new ExitError('say --clean to remove the example organisation (see --help)');
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const recovered = recoverJournal(root);
  if (recovered) io.stderr.write(`opsbook init: ${recovered}\n`);

  const interactive = Boolean(io.stdin.isTTY) && !io.env.CI;
  if (!values.yes && !interactive)
    throw new ExitError('this deletes every ticket and runbook; add --yes to confirm');
  const changes = uncommittedChanges(root);
  if (changes === null && !values.force) {
    throw new ExitError(
      'not in a Git repository, so nothing could bring the examples back; add --force to go on',
    );
  }
  if (changes && changes.length > 0 && !values.force) {
    const shown =
      changes.slice(0, 5).join(', ') + (changes.length > 5 ? ` and ${changes.length - 5} more` : '');
    throw new ExitError(`uncommitted changes would be lost (${shown}); commit them first or add --force`);
  }

  const rl = interactive
    ? createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream, terminal: false })
    : null;
  try {
    const ask = async (question: string, check: (answer: string) => string | null, fallback?: string) => {
      for (;;) {
        const answer =
          ((await rl?.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)) ?? '').trim() ||
          fallback ||
          '';
        const problem = check(answer);
        if (!problem) return answer;
        io.stderr.write(`  ${problem}; please answer again\n`);
      }
    };
    const given = (flag: string, value: string | undefined, check: (v: string) => string | null) => {
      if (value === undefined) return undefined;
      const problem = check(value);
      if (problem) throw new ExitError(`--${flag}: ${problem}`);
      return value;
    };
    const name =
      given('name', values.name, checkName) ??
      (rl ? await ask("Your organisation's name", checkName) : 'My IT');
    const url =
      given('url', values.url, checkUrl) ??
      (rl
        ? (await ask('Address of the public status page (empty: later)', (a) =>
            a === '' ? null : checkUrl(a),
          )) || undefined
        : undefined);
    const timezone =
      given('timezone', values.timezone, checkZone) ??
      (rl ? await ask('Time zone (IANA, e.g. Europe/Berlin)', checkZone, 'Europe/Berlin') : 'Europe/Berlin');
    const serviceSpecs = values.service?.length
      ? values.service
      : rl
        ? (
            await ask(
              'First services, comma-separated id=Name (e.g. mail=E-mail, web=Website)',
              checkServiceList,
              'mail=E-mail',
            )
          )
            .split(',')
            .map((x) => x.trim())
        : ['mail=E-mail'];
    const services = serviceSpecs.map((spec) => {
      const problem = checkService(spec);
      if (problem) throw new ExitError(`--service "${spec}": ${problem}`);
      return parseService(spec);
    });
    if (new Set(services.map((s) => s.id)).size !== services.length)
      throw new ExitError('a service id is given twice');

    const configText = starterConfig({ name, url, timezone, services });
    const config = checkStarterConfig(configText);
    const change = plan(root, configText, config, url);
    if (!values.yes) {
      const answer = await rl?.question(
        `Delete ${change.delete.length} ticket and runbook folder(s) in ${root} and write a new opsbook.yaml? (yes/no) `,
      );
      if ((answer ?? '').trim().toLowerCase() !== 'yes') {
        io.stderr.write('nothing changed\n');
        return 0;
      }
    }
    applyChange(root, 'init --clean', change, interruptionFrom(io.env));
    io.stdout.write(
      `removed the example tickets and runbooks (${change.delete.length} folders), wrote ${CONFIG_FILE} for ${name} and rewrote ${change.write
        .map((w) => w.path)
        .filter((p) => p.startsWith('.github/'))
        .join(
          ', ',
        )}\nnext: review ${CONFIG_FILE}, then \`npm run -s opsbook -- validate\` and commit${url ? '' : `; set organization.url in ${CONFIG_FILE} once you know where the status page lives`}\n`,
    );
    return 0;
  } finally {
    rl?.close();
  }
}

/** What init writes and deletes. */
function plan(root: string, configText: string, config: OpsbookConfig, url: string | undefined): FileChange {
  const change: FileChange = { write: [{ path: CONFIG_FILE, content: configText }], delete: [] };
  for (const dir of [TICKET_DIR, RUNBOOK_DIR]) {
    let entries: string[] = [];
    try {
      entries = readdirSync(join(root, dir));
    } catch {
      // Missing: created below.
    }
    for (const entry of entries)
      if (entry !== '.gitkeep' && entry !== 'README.md') change.delete.push(`${dir}/${entry}`);
    change.write.push({ path: `${dir}/.gitkeep`, content: '' });
  }
  const formPath = join(root, ISSUE_FORM_FILE);
  if (existsSync(formPath)) {
    const form = rewriteServiceOptions(readFileSync(formPath, 'utf8'), serviceOptions(config));
    if (form !== null) change.write.push({ path: ISSUE_FORM_FILE, content: form });
  }
  if (existsSync(join(root, '.github/ISSUE_TEMPLATE/config.yml')))
    change.write.push({ path: '.github/ISSUE_TEMPLATE/config.yml', content: issueTemplateConfig(url) });
  if (existsSync(join(root, '.github/CODEOWNERS')))
    change.write.push({ path: '.github/CODEOWNERS', content: CODEOWNERS });
  return change;
}

/** The starter opsbook.yaml checked as validate would check it: nothing invalid is written. */
function checkStarterConfig(text: string): OpsbookConfig {
  const parsed = parseYaml(text, CONFIG_YAML_LIMITS);
  if (!parsed.ok) throw new ExitError(`the starter opsbook.yaml would not be valid: ${parsed.error.message}`);
  const check = checkAgainstSchema('config', parsed.value);
  if (!check.ok) {
    throw new ExitError(
      `the starter opsbook.yaml would not be valid: ${check.problems[0]?.message ?? 'it does not match the schema'}`,
    );
  }
  const config = check.value;
  const error = checkConfig(config).find((f) => f.severity === 'error');
  if (error) throw new ExitError(`the starter opsbook.yaml would not be valid: ${error.message}`);
  return config;
}

/** Files under the paths init replaces that Git does not have as they are; null outside Git. */
function uncommittedChanges(root: string): string[] | null {
  try {
    const out = execFileSync(
      'git',
      [
        'status',
        '--porcelain',
        '--untracked-files=all',
        '--',
        TICKET_DIR,
        RUNBOOK_DIR,
        CONFIG_FILE,
        '.github',
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
  } catch {
    return null;
  }
}

function checkName(value: string): string | null {
  const name = value.trim();
  if (name === '') return 'the name must not be empty';
  if (name.length > 100) return 'the name is longer than 100 characters';
  return null;
}

function checkUrl(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" is not an http(s) address`;
    return null;
  } catch {
    return `"${value}" is not an address like https://status.example.org`;
  }
}

function checkZone(value: string): string | null {
  // Offsets are not zones: they know no daylight saving time.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value) || !isKnownTimeZone(value))
    return `"${value}" is not an IANA time zone like Europe/Berlin`;
  return null;
}

const SERVICE_ID = /^[a-z0-9][a-z0-9-]*$/;

function parseService(spec: string): { id: string; name: string } {
  const [id = '', ...rest] = spec.split('=');
  const name = rest.join('=').trim();
  return { id: id.trim(), name: name || id.trim() };
}

function checkService(spec: string): string | null {
  const { id, name } = parseService(spec);
  if (!SERVICE_ID.test(id)) return `"${id}" is not a service id (lowercase letters, digits, "-")`;
  if (name.length > 100) return 'the name is longer than 100 characters';
  return null;
}

function checkServiceList(answer: string): string | null {
  const specs = answer.split(',').map((x) => x.trim());
  if (specs.length === 0 || specs.some((s) => s === '')) return 'name at least one service';
  for (const spec of specs) {
    const problem = checkService(spec);
    if (problem) return problem;
  }
  return null;
}
