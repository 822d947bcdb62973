/**
 * `opsbook site --model FILE`: the pages built from a hand-written model (work on the pages),
 * for the audience the model names; a model that is not one fails with a clear message.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, FIXTURES, runCli } from '../helpers/cli.ts';

const MODEL = join(FIXTURES, 'site', 'model-internal.json');

describe('opsbook site --model', () => {
  it('builds the audience the model names from that model', async () => {
    const repo = copyFixture('site-canary');
    try {
      const result = await runCli(['site', '--model', MODEL, '--out', 'out'], { cwd: repo.dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(join(repo.dir, 'out', 'internal'));
      expect(existsSync(join(repo.dir, 'out', 'public'))).toBe(false);
      // The example's open mail incident, from the fixture model (not from the repository's tickets).
      const page = readFileSync(
        join(repo.dir, 'out', 'internal', 'incidents', 'INC-2026-0012', 'index.html'),
        'utf8',
      );
      expect(page).toContain('INC-2026-0012');
      expect(existsSync(join(repo.dir, 'out', 'internal', 'runbooks', 'index.html'))).toBe(true);
      // The given model is the user's file: it is not deleted after the build.
      expect(existsSync(MODEL)).toBe(true);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses a file that is not a site model, and a model of the other audience', async () => {
    const repo = copyFixture('site-canary');
    try {
      writeFileSync(join(repo.dir, 'bad.json'), 'not json\n');
      const bad = await runCli(['site', '--model', 'bad.json', '--out', 'out'], { cwd: repo.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('bad.json');
      expect(bad.stderr).toContain('not a site model');
      const other = await runCli(['site', '--model', MODEL, '--audience', 'public', '--out', 'out'], {
        cwd: repo.dir,
      });
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('is the internal model, not the public one');
      expect(existsSync(join(repo.dir, 'out'))).toBe(false);
    } finally {
      repo.cleanup();
    }
  });
});
