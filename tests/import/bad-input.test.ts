/**
 * Bad input for `opsbook import`: one clear line and exit 2, never a stack or a half-written
 * repository; hostile text from an export reaches the terminal and opsbook.yaml escaped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { changedFiles, IMPORT_FIXTURES, importRepository, snapshot } from '../helpers/import-repo.ts';

let repo: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = importRepository();
});
afterEach(() => repo.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir });

describe('opsbook import with bad input', () => {
  it.each([
    [['import'], 'say what to import: opsbook import SOURCE INPUT (see opsbook import --help)'],
    [['import', 'remedy', 'x.csv'], 'unknown source "remedy" (known: servicenow, jira, statuspage, cstate)'],
    [['import', 'servicenow', 'missing.csv'], 'missing.csv: no such file or folder'],
    [['import', 'servicenow', '.'], '.: servicenow reads an export file, not a folder'],
    [
      ['import', 'statuspage', 'opsbook.yaml'],
      "opsbook.yaml: statuspage reads a folder (the site's files), not a file",
    ],
    [
      ['import', 'servicenow', 'x.csv', '--on-error', 'ignore'],
      '--on-error must be one of skip, stop, not "ignore"',
    ],
    [
      ['import', 'servicenow', 'x.csv', '--since', '2026-13-01'],
      '--since "2026-13-01" is not a date YYYY-MM-DD',
    ],
  ])('%j: one line, exit 2', async (args, message) => {
    writeFileSync(join(repo.dir, 'x.csv'), 'number,state\n');
    const result = await cli(...args);
    expect(result.stderr).toBe(`opsbook import: ${message}\n`);
    expect(result.code).toBe(2);
  });

  it('stops at a broken CSV with its line and writes nothing', async () => {
    writeFileSync(
      join(repo.dir, 'x.csv'),
      'number,short_description,state\nINC1,ok,New\nINC2,"never closed,New\n',
    );
    const before = snapshot(repo.dir);
    const result = await cli('import', 'servicenow', 'x.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^opsbook import: x\.csv line \d+: .*\n$/);
    expect(changedFiles(before, snapshot(repo.dir))).toEqual([]);
  });

  it('names the map file and field of a bad map', async () => {
    writeFileSync(join(repo.dir, 'map.yaml'), 'values: { state: { New: 42 } }\n');
    const result = await cli(
      'import',
      'servicenow',
      join(IMPORT_FIXTURES, 'servicenow-audit.csv'),
      '--map',
      'map.yaml',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^opsbook import: map\.yaml: values\.state\.New: .*\n$/);
  });

  it('keeps escape sequences off the terminal and out of opsbook.yaml', async () => {
    writeFileSync(
      join(repo.dir, 'x.csv'),
      [
        'number,short_description,state,opened_at,priority,assignment_group',
        'INC1,"Down \u001b[31mRED\u001b[0m",New,2026-03-02 08:00:00,2 - High,"Team \u0085\u2028 ""quoted"" #1"',
        'INC2,Evil state,"\u001b]0;pwned\u0007Busy",2026-03-02 08:00:00,2 - High,Ops',
      ].join('\n'),
    );
    const result = await cli('import', 'servicenow', 'x.csv');
    expect(result.stdout.includes('\u001b') || result.stdout.includes('\u0007')).toBe(false);
    expect(result.stdout).toContain(
      'skipped INC2: x.csv row 2 (line 3), field state: unknown state " ]0;pwned Busy"',
    );
    const config = readFileSync(join(repo.dir, 'opsbook.yaml'), 'utf8');
    const teams = (load(config) as { teams: Record<string, { name: string }> }).teams;
    expect(teams['team-quoted-1']?.name).toBe('Team \u0085\u2028 "quoted" #1');
    expect((await cli('validate')).code).toBe(0);
  });
});
