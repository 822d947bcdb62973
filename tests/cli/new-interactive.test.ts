import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../scripts/cli/main.ts';
import { copyFixture } from '../helpers/cli.ts';

describe('opsbook new on a terminal', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('asks for what the flags did not give, and re-asks after an invalid answer', async () => {
    const fixture = copyFixture('rules');
    cleanup = fixture.cleanup;
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    // Each prompt is answered when it appears, as a person would.
    const answers = ['Printer queue stuck', 'mail', 'huge', 'medium', 'low'];
    const prompts: string[] = [];
    stderr.on('data', (chunk: Buffer) => {
      prompts.push(chunk.toString());
      const answer = answers.shift();
      if (answer !== undefined) stdin.write(`${answer}\n`);
    });
    let stdout = '';
    const code = await run(['new', 'incident', '--at', '2026-11-23T08:30:00Z'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr,
      stdin,
      env: {},
      cwd: fixture.dir,
      now: () => 0,
    });
    expect(code).toBe(0);
    expect(prompts.join('')).toContain('Impact (high/medium/low): ');
    expect(stdout).toBe('incidents/2026/INC-2026-0100.md\n');
    const text = readFileSync(join(fixture.dir, 'incidents/2026/INC-2026-0100.md'), 'utf8');
    expect(text).toContain('title: Printer queue stuck\n');
    expect(text).toContain('impact: medium\nurgency: low\n');
    expect(text).toContain('services:\n  - mail\n');
  });
});
