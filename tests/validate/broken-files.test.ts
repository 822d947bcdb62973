/**
 * The bad-input corpus: every broken file has its exact finding (code and line), no input
 * makes the command print a stack trace, and nothing pollutes a prototype.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runCli, tempDir } from '../helpers/cli.ts';

interface JsonFinding {
  file: string;
  line: number;
  col: number;
  code: string;
  severity: string;
  message: string;
}

const EXPECTED: Record<string, string[]> = {
  'INC-2026-0001.md': ['1 error frontmatter/missing'],
  'INC-2026-0002.md': ['1 error frontmatter/unterminated'],
  'INC-2026-0003.md': ['4 error yaml/syntax'],
  'INC-2026-0004.md': ['12 error yaml/tab-indent'],
  'INC-2026-0005.md': ['8 error yaml/duplicate-key'],
  'INC-2026-0006.md': ['6 error schema/enum', '8 error schema/type'],
  'INC-2026-0007.md': ['10 error schema/unknown-field'],
  'INC-2026-0008.md': ['1 warning file/bom'],
  'INC-2026-0009.md': [],
  'INC-2026-0010.md': ['3 error file/encoding'],
  'INC-2026-0011.md': ['1 error file/empty'],
  'INC-2026-0012.md': ['10 error schema/unknown-field'],
  // Alias findings point at the alias: the one at which the expansion passes the limit.
  'INC-2026-0013.md': ['15 error yaml/alias-limit'],
  'INC-2026-0014.md': ['9 error time/no-offset'],
  'INC-2026-0015.md': ['9 error time/invalid'],
  'INC-2026-0016.md': [],
  'INC-2026-0017.md': ['10 error yaml/alias-cycle'],
  'INC-2026-0018.md': ['11 error yaml/unknown-alias'],
  'INC-2026-0020.md': ['1 error file/too-large'],
  'INC-2026-0021.md': ['1 error file/symlink'],
};

describe('validate on hostile and broken input', () => {
  let dir = '';
  let cleanup = () => {};
  let outsideCleanup = () => {};
  let result: { code: number; stdout: string; stderr: string };
  let findings: JsonFinding[] = [];

  beforeAll(async () => {
    const fixture = copyFixture('bad-input');
    dir = fixture.dir;
    cleanup = fixture.cleanup;
    // Generated here rather than committed: a file over 1 MB and a link out of the repository.
    const big = `---\nid: INC-2026-0020\n---\n${'x'.repeat(1024 * 1024)}\n`;
    writeFileSync(join(dir, 'incidents/2026/INC-2026-0020.md'), big);
    const outside = tempDir('outside');
    outsideCleanup = outside.cleanup;
    mkdirSync(join(outside.dir, 'secrets'), { recursive: true });
    writeFileSync(join(outside.dir, 'secrets', 'passwd.md'), '---\nid: INC-2026-0021\n---\nsecret\n');
    symlinkSync(join(outside.dir, 'secrets', 'passwd.md'), join(dir, 'incidents/2026/INC-2026-0021.md'));
    result = await runCli(['validate', '--format', 'json'], { cwd: dir });
    findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
  });
  afterAll(() => {
    cleanup();
    outsideCleanup();
  });

  it('exits 1 with findings and prints no stack trace', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.join(', ') || 'no findings'}`, () => {
      const got = findings
        .filter((f) => f.file === `incidents/2026/${name}`)
        .map((f) => `${f.line} ${f.severity} ${f.code}`);
      expect(got).toEqual(expected);
    });
  }

  it('reports only the files of the corpus', () => {
    const files = new Set(findings.map((f) => f.file.replace('incidents/2026/', '')));
    for (const file of files) expect(Object.keys(EXPECTED)).toContain(file);
  });

  it('names the missing offset and the impossible date in words a user can act on', () => {
    const noOffset = findings.find((f) => f.code === 'time/no-offset');
    expect(noOffset?.message).toContain('"reported_at" is "2026-03-02T09:15:00" without a UTC offset');
    const invalid = findings.find((f) => f.code === 'time/invalid');
    expect(invalid?.message).toContain('2026-02-30T09:15:00+01:00');
    const unknown = findings.find((f) => f.file.endsWith('INC-2026-0007.md'));
    expect(unknown?.message).toContain('unknown field "severity"');
  });

  it('never pollutes Object.prototype through a __proto__ key', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('does not follow the symlink out of the repository', () => {
    expect(result.stdout).not.toContain('secret');
  });
});
