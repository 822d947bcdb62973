/**
 * Untrusted text in a job log never becomes a workflow command: not through the github
 * commands' output, not through the validate annotations.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, logDocument, logLine } from '../../scripts/present/workflow-commands.ts';
import { runCli } from '../helpers/cli.ts';
import { FakeGithub } from '../helpers/fake-github.ts';
import { CALM_P2, makeRepo, runGithub, type TestRepo } from '../helpers/github-repo.ts';

/** What the Actions runner reads from a log as commands: its lines (split as .NET ReadLine splits). */
function commandsIn(log: string): string[] {
  return log.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line) || line.includes('##['));
}

const HOSTILE = [
  'Coffee\n::error title=pwned::the build is broken',
  '::add-mask::secret',
  '  ::stop-commands::tok3n',
  '\t::set-output name=x::y',
  'a\r::warning::lone carriage return',
  'mid ##[add-mask]legacy form anywhere in the line',
  '100% %0A::notice::pre-escaped',
  `${'x'.repeat(95)}\n::error::after the 100th character`,
].join('\n');

describe('workflow-commands.ts', () => {
  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('makes a free-text line one line that is no command', () => {
    const line = logLine(HOSTILE);
    expect(line).not.toMatch(/[\r\n]/);
    expect(commandsIn(line)).toEqual([]);
    expect(logLine('::error::x')).toBe('%3A:error::x');
    expect(logLine('  ::x::y')).toBe('  %3A:x::y');
    expect(logLine('a ##[debug]b')).toBe('a ##%5Bdebug]b');
    // Ordinary text stays as it is.
    expect(logLine('created #12 INC-2026-0001 (breached) https://x/issues/12')).toBe(
      'created #12 INC-2026-0001 (breached) https://x/issues/12',
    );
  });

  it('keeps the lines of a document but none is a command', () => {
    const doc = logDocument(`title: ok\n${HOSTILE}\n`);
    expect(commandsIn(doc)).toEqual([]);
    expect(doc.split('\n')).toHaveLength(HOSTILE.split('\n').length + 2);
    expect(logDocument('a\n\nb: c\n')).toBe('a\n\nb: c\n');
  });
});

const FORM = (service: string, description = 'No coffee.') => `### Affected service

${service}

### What is happening?

${description}

### Impact

high
`;

describe('the github commands in a job log', () => {
  let fake: FakeGithub;
  let repo: TestRepo;
  beforeEach(async () => {
    fake = await new FakeGithub().start();
    repo = makeRepo({ 'incidents/2026/INC-2026-0002.md': CALM_P2 });
  });
  afterEach(async () => {
    await fake.stop();
    repo.cleanup();
  });

  it('issue-to-ticket prints an unknown service answer as one inert line', async () => {
    fake.addIssue({ title: 'Outage: coffee', body: FORM(HOSTILE) });
    const run = await runGithub(repo, fake, ['issue-to-ticket', '--issue', '1']);
    expect(run.code).toBe(1);
    expect(commandsIn(run.stdout + run.stderr)).toEqual([]);
    expect(run.stderr).toBe(
      'opsbook github issue-to-ticket: issue #1: the affected service "Coffee%0A::error title=pwned::the build is broken%0A::add-mask::secret%0A  ::stop-commands::tok3n%0A\t::set-o" is not in the service list\n',
    );
  });

  it('issue-to-ticket --dry-run prints the ticket without a command line', async () => {
    fake.addIssue({ title: 'Outage: ::error::in the title', body: FORM('E-mail (mail)', HOSTILE) });
    const run = await runGithub(repo, fake, [
      'issue-to-ticket',
      '--issue',
      '1',
      '--dry-run',
      '--at',
      '2026-03-02T10:30:00Z',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('%3A:add-mask::secret');
    expect(commandsIn(run.stdout + run.stderr)).toEqual([]);
  });

  it('a failure message that quotes an argument stays one inert line', async () => {
    const run = await runGithub(repo, fake, ['issue-to-ticket', '--issue', '1\n::add-mask::x']);
    expect(run).toMatchObject({
      code: 2,
      stderr: 'opsbook github: --issue must be a positive integer, not "1%0A::add-mask::x"\n',
    });
  });

  it('validate --format github annotates hostile values without extra commands', async () => {
    const evil = HOSTILE.replace(/"/g, '');
    writeFileSync(
      join(repo.dir, 'incidents/2026/INC-2026-0002.md'),
      CALM_P2.replace('services: [web]', `services: [${JSON.stringify(evil)}]`),
    );
    const run = await runCli(['validate', '--format', 'github', '--at', '2026-03-02T10:30:00Z'], {
      cwd: repo.dir,
    });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    // Each line is one of our annotations; the hostile text is inside the message, escaped.
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) [^\r\n:]*::[^\r\n]*$/);
    expect(run.stdout.split(/\r\n|\r|\n/).filter((l) => /^\s*::/.test(l))).toHaveLength(lines.length);
  });
});
