/**
 * Runs the command line in-process with captured output, and makes throwaway repositories.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../scripts/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export async function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; now?: number; stdin?: string } = { cwd: REPO_ROOT },
): Promise<CliResult> {
  const stdin = new PassThrough();
  // Without `stdin` the stream stays open, as a terminal nobody types into.
  if (options.stdin !== undefined) stdin.end(options.stdin);
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd,
    now: () => options.now ?? Date.parse('2026-11-23T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

/** A copy of a fixture repository in a temporary folder; removed by the returned function. */
export function copyFixture(name: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `opsbook-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true, filter: (src) => !src.includes('.opsbook-cache') });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `opsbook-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
