/**
 * A reader that closes the pipe early (`opsbook sla | head -1`) must not turn into a stack trace:
 * the command stops quietly with status 141, as programs ended by SIGPIPE do.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.ts';

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        join(REPO_ROOT, 'bin/opsbook.js'),
        ...args,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OPSBOOK_CACHE: '0' } },
    );
    // The reading end is gone before the command writes its first byte.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('output to a pipe whose reader has gone', () => {
  it.each([
    ['sla', ['sla', '--format', 'json', '--at', '2026-11-23T12:00:00Z']],
    ['report', ['report', '--at', '2026-11-23T12:00:00Z']],
    ['--help', ['--help']],
  ])('%s stops with status 141 and no stack trace', async (_name, args) => {
    const { code, stderr } = await runWithClosedStdout(args);
    expect(code).toBe(141);
    expect(stderr).not.toMatch(/EPIPE|at .*\(|node:internal|internal error/);
  });
});
