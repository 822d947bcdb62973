/**
 * Runs Astro's build for one audience in a child process (so the two audiences build side by
 * side on two cores, and a crash in one cannot leave the other half-written). The build goes to
 * a fresh folder next to the target, which replaces the old output only when it succeeded.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { ExitError } from '../../lib/errors.ts';
import type { SiteAudience } from '../../model/site.ts';

export interface AstroBuildInput {
  siteDir: string;
  modelFile: string;
  audience: SiteAudience;
  outDir: string;
  base: string;
  siteUrl: string;
  env: NodeJS.ProcessEnv;
}

export async function buildSiteWithAstro(input: AstroBuildInput): Promise<void> {
  const require = createRequire(join(input.siteDir, 'package.json'));
  const astroBin = join(dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  // Astro imports its prerender bundle from the output folder, so the build happens inside the
  // site project, where node_modules resolve, and moves to the output folder when it succeeded.
  mkdirSync(join(input.siteDir, '.build'), { recursive: true });
  const staging = mkdtempSync(join(input.siteDir, '.build', `${input.audience}-`));
  const env = {
    ...input.env,
    OPSBOOK_SITE_MODEL: input.modelFile,
    OPSBOOK_SITE_AUDIENCE: input.audience,
    OPSBOOK_OUT_DIR: staging,
    OPSBOOK_BASE_PATH: input.base,
    OPSBOOK_SITE_URL: input.siteUrl,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const output: string[] = [];
  const code = await new Promise<number>((resolveCode, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--root', input.siteDir, '--silent'], {
      env,
      cwd: input.siteDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolveCode(c ?? 1));
  });
  if (code !== 0 || !existsSync(join(staging, 'index.html'))) {
    rmSync(staging, { recursive: true, force: true });
    const tail = output.join('').trim().split('\n').slice(-15).join('\n');
    throw new ExitError(`the ${input.audience} site did not build:\n${tail}`);
  }
  rmSync(join(staging, '.prerender'), { recursive: true, force: true });
  mkdirSync(dirname(input.outDir), { recursive: true });
  const suffix = basename(staging);
  const incoming = join(dirname(input.outDir), `.${basename(input.outDir)}.new-${suffix}`);
  const old = join(dirname(input.outDir), `.${basename(input.outDir)}.old-${suffix}`);
  moveFolder(staging, incoming);
  if (existsSync(input.outDir)) renameSync(input.outDir, old);
  renameSync(incoming, input.outDir);
  rmSync(old, { recursive: true, force: true });
}

/** rename(2), or copy and delete when the folders are on different file systems. */
function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}
