/**
 * A rebuild puts the new output in place and leaves deleting the old one (a hundred thousand
 * pages take ten seconds and more) to a process of its own that the command does not wait for.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDetached } from '../../scripts/present/site/astro-build.ts';
import { tempDir } from '../helpers/cli.ts';

describe('removing the previous site output', () => {
  it('deletes the given folders in a detached process', async () => {
    const tmp = tempDir('opsbook-old-output-');
    try {
      const old = join(tmp.dir, '.public.old-abc123');
      const bundle = join(tmp.dir, 'public-abc123-bundle');
      for (let n = 0; n < 50; n++) {
        mkdirSync(join(old, 'incidents', `INC-2026-${n}`), { recursive: true });
        writeFileSync(join(old, 'incidents', `INC-2026-${n}`, 'index.html'), '<p>old</p>');
      }
      mkdirSync(bundle);
      const kept = join(tmp.dir, 'public');
      mkdirSync(kept);
      const remover = removeDetached([old, bundle, join(tmp.dir, 'never-there')]);
      expect(remover).toBeDefined();
      expect(remover?.spawnargs).toContain(old);
      const code = await new Promise((done) => remover?.on('exit', done));
      expect(code).toBe(0);
      expect([existsSync(old), existsSync(bundle), existsSync(kept)]).toEqual([false, false, true]);
    } finally {
      tmp.cleanup();
    }
  });

  it('starts nothing when there is nothing to delete', () => {
    expect(removeDetached(['/nonexistent/opsbook-old-output'])).toBeUndefined();
  });
});
