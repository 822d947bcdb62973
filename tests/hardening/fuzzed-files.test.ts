/**
 * Fuzzing the read commands (`validate`, `sla`, `report`, `runbooks`, `review --check`) with
 * generated hostile files (tests/helpers/fuzz-corpus.ts), in-process: no input may make a command print
 * a stack trace or an internal error, exit codes are 0, 1 or 2, and every finding of `validate`
 * has a line and column of at least 1. Ticket and runbook cases are put into repositories in
 * batches (one command run covers many files); each opsbook.yaml case gets its own repository.
 * The site models (what the site build renders) are built over two of the batches.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareModels } from '../../scripts/cli/site-models.ts';
import { ExitError } from '../../scripts/lib/errors.ts';
import { type CliResult, runCli, tempDir } from '../helpers/cli.ts';
import {
  configCases,
  runbookCases,
  ticketCases,
  VALID_CONFIG,
  validRunbook,
  validTicket,
} from '../helpers/fuzz-corpus.ts';

const AT = Date.parse('2026-03-10T12:00:00Z');
const COMMANDS = [['sla'], ['report'], ['runbooks'], ['review', '--check']];
const BATCHES = 20;
const TICKETS_PER_BATCH = 30;
const RUNBOOKS_PER_BATCH = 6;
const CONFIG_CASES = 80;

interface Finding {
  file: string;
  line: number;
  col: number;
  code: string;
}

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A repository with `config` as opsbook.yaml and the files, byte for byte. */
function repository(
  config: Uint8Array | string,
  files: readonly { file: string; bytes: Uint8Array | string }[],
): string {
  const repo = tempDir('fuzz');
  cleanup = repo.cleanup;
  mkdirSync(join(repo.dir, 'incidents', '2026'), { recursive: true });
  mkdirSync(join(repo.dir, 'runbooks', 'mail'), { recursive: true });
  writeFileSync(join(repo.dir, 'opsbook.yaml'), config);
  for (const { file, bytes } of files) writeFileSync(join(repo.dir, file), bytes);
  return repo.dir;
}

function expectSound(result: CliResult, label: string): void {
  expect([0, 1, 2], label).toContain(result.code);
  const output = `${result.stdout}${result.stderr}`;
  expect(output, label).not.toContain('internal error');
  expect(output, label).not.toMatch(/\n\s+at \S.*[(:]\d+|RangeError|TypeError|Deprecation warning/);
}

/** validate (JSON) and the four read commands over a repository. */
async function checkRepository(dir: string, label: string): Promise<Finding[]> {
  const validate = await runCli(['validate', '--format', 'json'], { cwd: dir, now: AT });
  expectSound(validate, `validate: ${label}`);
  const findings = (JSON.parse(validate.stdout) as { findings: Finding[] }).findings;
  for (const f of findings) {
    expect(f.line >= 1 && f.col >= 1, `${f.file} ${f.code} at ${f.line}:${f.col}: ${label}`).toBe(true);
  }
  for (const args of COMMANDS) {
    const result = await runCli(args, { cwd: dir, now: AT });
    expectSound(result, `${args.join(' ')}: ${label}`);
  }
  return findings;
}

/** Builds the public and internal site models as `opsbook site` does before Astro runs. */
function siteModels(dir: string) {
  const io = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
    now: () => AT,
  };
  return prepareModels({ root: dir, at: AT, audiences: ['public', 'internal'], history: false }, io);
}

describe('fuzzed tickets and runbooks', () => {
  for (let batch = 0; batch < BATCHES; batch++) {
    it(`batch ${batch + 1} of ${BATCHES}: ${TICKETS_PER_BATCH} tickets, ${RUNBOOKS_PER_BATCH} runbooks`, async () => {
      const warn = vi.spyOn(console, 'warn');
      const tickets = ticketCases(1000 + batch, TICKETS_PER_BATCH, 1);
      const runbooks = runbookCases(2000 + batch, RUNBOOKS_PER_BATCH, 1);
      // Valid files next to the hostile ones, so the commands have something to compute.
      const valid = [
        { file: 'incidents/2026/INC-2026-0900.md', bytes: validTicket('INC-2026-0900') },
        {
          file: 'incidents/2026/INC-2026-0901.md',
          bytes: validTicket('INC-2026-0901')
            .replace('title: Mail server unreachable', `title: '<img src=x onerror=alert(1)> "down" & out'`)
            .replace('public: Fixed.', 'public: "</script><b>Fixed</b> & done"'),
        },
        { file: 'runbooks/mail/restore-900.md', bytes: validRunbook('restore-900') },
      ];
      const dir = repository(VALID_CONFIG, [...tickets, ...runbooks, ...valid]);
      const label = [...tickets, ...runbooks].map((c) => c.name).join('; ');
      const findings = await checkRepository(dir, label);
      // The corpus really is hostile: validate finds something in it.
      expect(findings.some((f) => f.file.startsWith('incidents/'))).toBe(true);
      expect(warn).not.toHaveBeenCalled();
      if (batch < 2) {
        const prepared = await siteModels(dir);
        expect(prepared.map((p) => p.audience)).toEqual(['public', 'internal']);
      }
    });
  }
});

describe('both site builds over a fuzzed repository', () => {
  it('build, skipping what validation rejects, with no crash', async () => {
    const tickets = ticketCases(1500, TICKETS_PER_BATCH, 1);
    const runbooks = runbookCases(2500, RUNBOOKS_PER_BATCH, 1);
    const dir = repository(VALID_CONFIG, [
      ...tickets,
      ...runbooks,
      { file: 'incidents/2026/INC-2026-0900.md', bytes: validTicket('INC-2026-0900') },
      {
        file: 'incidents/2026/INC-2026-0901.md',
        bytes: validTicket('INC-2026-0901')
          .replace('title: Mail server unreachable', `title: '<img src=x onerror=alert(1)> "down" & out'`)
          .replace('public: Fixed.', 'public: "</script><b>Fixed</b> & done"'),
      },
      { file: 'runbooks/mail/restore-900.md', bytes: validRunbook('restore-900') },
    ]);
    const built = await runCli(['site', '--out', 'out', '--no-history', '--no-cache'], { cwd: dir, now: AT });
    expect(built.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(built.code, built.stderr).toBe(0);
    // The API's JSON parses, and holds no markup characters as such (each as its \u escape).
    for (const audience of ['public', 'internal']) {
      const text = readFileSync(join(dir, 'out', audience, 'api/v2/incidents.json'), 'utf8');
      expect((JSON.parse(text) as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/[<>&]/);
    }
  }, 180_000);
});

describe('fuzzed opsbook.yaml', () => {
  const cases = configCases(3000, CONFIG_CASES);
  it(`${CONFIG_CASES} configurations: validate and the read commands never crash`, async () => {
    const warn = vi.spyOn(console, 'warn');
    for (const c of cases) {
      const dir = repository(c.bytes, [
        { file: 'incidents/2026/INC-2026-0001.md', bytes: validTicket('INC-2026-0001') },
        { file: 'runbooks/mail/restore-1.md', bytes: validRunbook('restore-1') },
      ]);
      await checkRepository(dir, c.name);
      // The site stops on an unusable opsbook.yaml with a message (ExitError), never a crash.
      await siteModels(dir).catch((error: unknown) => {
        expect(error, `site models: ${c.name}: ${String(error)}`).toBeInstanceOf(ExitError);
      });
      cleanup();
    }
    // date-holidays warns through moment.js on the console about dates it cannot handle.
    expect(warn).not.toHaveBeenCalled();
  });
});
