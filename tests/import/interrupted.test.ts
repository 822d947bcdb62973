/**
 * An import is one journaled change: interrupted after any of its file operations
 * (OPSBOOK_TEST_INTERRUPT_AFTER=N), the next import completes or rolls it back, and the
 * repository ends exactly as after an uninterrupted run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { IMPORT_FIXTURES, importRepository, snapshot } from '../helpers/import-repo.ts';

const AUDIT = join(IMPORT_FIXTURES, 'servicenow-audit.csv');

describe('an interrupted import', () => {
  it('is completed or rolled back by the next one, at every file operation', async () => {
    const clean = importRepository();
    await runCli(['import', 'servicenow', AUDIT], { cwd: clean.dir });
    const expected = snapshot(clean.dir);
    clean.cleanup();
    // The journal (staging), opsbook.yaml and 3 tickets staged, the journal (committed), 4 renames,
    // the journal's removal.
    for (let k = 0; k < 11; k++) {
      const repo = importRepository();
      try {
        const env = { OPSBOOK_TEST_INTERRUPT_AFTER: String(k) };
        const broken = await runCli(['import', 'servicenow', AUDIT], { cwd: repo.dir, env });
        expect(broken.code, `interrupted after ${k}`).toBe(2);
        const again = await runCli(['import', 'servicenow', AUDIT], { cwd: repo.dir });
        expect(again.code, `after ${k}: ${again.stderr}`).toBe(1);
        expect(snapshot(repo.dir), `after ${k}`).toEqual(expected);
      } finally {
        repo.cleanup();
      }
    }
  });
});
