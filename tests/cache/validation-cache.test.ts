/**
 * The validation cache gives the answer a full check gives: reused for unchanged files, checked
 * again when the file changes or when an ID its rules asked about appears or disappears.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateRepository } from '../../scripts/check/validate-repository.ts';
import { CACHE_DIR } from '../../scripts/load/ticket-index.ts';
import { copyFixture } from '../helpers/cli.ts';

const at = Date.parse('2026-11-23T12:00:00Z');
// The copied files are new; the racy-file rule caches only files older than 2 s.
const cacheNow = () => Date.now() + 10_000;
const lines = (r: Awaited<ReturnType<typeof validateRepository>>) =>
  r.findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.code} ${f.message}`);

describe('validation cache', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('answers as a full check does, reuses unchanged results and re-checks what changed', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    const full = lines(await validateRepository({ root, at, cache: false, threads: 1 }));
    expect(full.length).toBeGreaterThan(10);

    expect(lines(await validateRepository({ root, at, cacheNow, threads: 1 }))).toEqual(full);
    expect(lines(await validateRepository({ root, at, cacheNow, threads: 1 }))).toEqual(full);

    // Proof that results are reused: a result planted in the cache for an unchanged file shows.
    const cacheFile = join(root, CACHE_DIR, 'validate.json');
    const doc = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: [string, ...unknown[]][] };
    const entry = doc.entries.find((e) => e[0] === 'incidents/2026/INC-2026-0001.md') as unknown[];
    (entry[5] as { findings: unknown[] }).findings.push({
      code: 'test/planted',
      severity: 'warning',
      file: 'incidents/2026/INC-2026-0001.md',
      line: 1,
      col: 1,
      message: 'planted',
    });
    writeFileSync(cacheFile, JSON.stringify(doc));
    const reused = lines(await validateRepository({ root, at, cacheNow, threads: 1 }));
    expect(reused).toContain('incidents/2026/INC-2026-0001.md:1:1 test/planted planted');

    // INC-2026-0005 refers to the missing INC-2026-0777: once it exists, that finding goes.
    const missingRef =
      'incidents/2026/INC-2026-0005.md:12:11 ref/ticket no ticket INC-2026-0777 in this repository';
    expect(full).toContain(missingRef);
    const base = readFileSync(join(root, 'incidents/2026/INC-2026-0001.md'), 'utf8');
    writeFileSync(
      join(root, 'incidents/2026/INC-2026-0777.md'),
      base.replaceAll('INC-2026-0001', 'INC-2026-0777'),
    );
    const withTarget = lines(await validateRepository({ root, at, cacheNow, threads: 1 }));
    expect(withTarget).not.toContain(missingRef);
    expect(withTarget.filter((l) => !l.includes('test/planted'))).toEqual(
      lines(await validateRepository({ root, at, cache: false, threads: 1 })),
    );

    // A changed file is checked again (the planted result goes with it).
    const first = join(root, 'incidents/2026/INC-2026-0001.md');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\nMore text.\n`);
    const changed = lines(await validateRepository({ root, at, cacheNow, threads: 1 }));
    expect(changed.some((l) => l.includes('test/planted'))).toBe(false);
    expect(changed).toEqual(lines(await validateRepository({ root, at, cache: false, threads: 1 })));
  });
});
