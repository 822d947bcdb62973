import { describe, expect, it } from 'vitest';
import { copyFixture, runCli } from '../helpers/cli.ts';

describe('opsbook site: bad arguments fail before anything is built', () => {
  it.each([
    [['--audience', 'everyone'], '--audience must be public, internal or both, not "everyone"'],
    [['--base', '/a b/'], '--base "/a b/" is not a URL path'],
    [['--site', 'javascript:alert(1)'], '--site "javascript:alert(1)" must be an http(s) address'],
    [['--site', 'not a url'], '--site "not a url" is not a URL'],
    [['--at', 'yesterday'], '--at'],
  ])('%j', async (args, message) => {
    const repo = copyFixture('site-canary');
    try {
      const result = await runCli(['site', ...args, '--out', `${repo.dir}/out`], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');
    } finally {
      repo.cleanup();
    }
  });

  it('prints its help', async () => {
    const result = await runCli(['site', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: opsbook site');
  });
});
