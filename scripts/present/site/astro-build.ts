/**
 * Runs Astro's build for one audience in a child process (astro-worker.ts, which gets its options
 * over the IPC channel), so the two audiences build side by side on two cores, and a crash in one
 * cannot leave the other half-written. The build goes to a fresh folder next to the target,
 * which replaces the old output only when it succeeded.
 */
import { fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExitError } from '../../lib/errors.ts';
import type { SiteAudience } from '../../model/site.ts';
import type { AstroWorkerAnswer, AstroWorkerRequest } from './astro-worker.ts';

export interface AstroBuildInput {
  siteDir: string;
  modelFile: string;
  audience: SiteAudience;
  outDir: string;
  base: string;
  siteUrl: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Resolves when the new output is in place; `removed` settles when the previous output and the
 * build's leftovers are deleted (in the background).
 */
export async function buildSiteWithAstro(input: AstroBuildInput): Promise<{ removed: Promise<void> }> {
  // Astro imports its prerender bundle from the output folder, so the build happens inside the
  // site project, where node_modules resolve, and moves to the output folder when it succeeded.
  mkdirSync(join(input.siteDir, '.build'), { recursive: true });
  const staging = mkdtempSync(join(input.siteDir, '.build', `${input.audience}-`));
  const request: AstroWorkerRequest = {
    siteDir: input.siteDir,
    outDir: staging,
    audience: input.audience,
    modelFile: input.modelFile,
    base: input.base,
    siteUrl: input.siteUrl,
  };
  const output: string[] = [];
  let answer: AstroWorkerAnswer | null = null;
  const code = await new Promise<number>((resolveCode, reject) => {
    const child = fork(fileURLToPath(new URL('./astro-worker.ts', import.meta.url)), [], {
      cwd: input.siteDir,
      // Astro's own setting; everything of ours arrives over the IPC channel.
      env: { ...input.env, ASTRO_TELEMETRY_DISABLED: '1' },
      execArgv: [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        `--max-old-space-size=${heapLimitMb(input.modelFile)}`,
        // V8's default young generation held about 100 MB more garbage (internal build of
        // 25,000 tickets: 717 → 621 MB, no slower).
        '--max-semi-space-size=4',
        // The integration collects the model's garbage before it writes the ticket pages.
        '--expose-gc',
      ],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('message', (message: AstroWorkerAnswer) => {
      answer = message;
    });
    child.on('error', reject);
    child.on('close', (c) => resolveCode(c ?? 1));
    child.send(request);
  });
  const reply = answer as AstroWorkerAnswer | null;
  if (reply?.type === 'failed') output.push(reply.message);
  if (code !== 0 || reply?.type !== 'done' || !existsSync(join(staging, 'index.html'))) {
    rmSync(staging, { recursive: true, force: true });
    const tail = output.join('').trim().split('\n').slice(-15).join('\n');
    throw new ExitError(`the ${input.audience} site did not build:\n${tail}`);
  }
  mkdirSync(dirname(input.outDir), { recursive: true });
  const suffix = basename(staging);
  const incoming = join(dirname(input.outDir), `.${basename(input.outDir)}.new-${suffix}`);
  const old = join(dirname(input.outDir), `.${basename(input.outDir)}.old-${suffix}`);
  // Astro's bundle is no part of the site: out of the way first, deleted with the old output.
  const bundle = `${staging}-bundle`;
  if (existsSync(join(staging, '.prerender'))) renameSync(join(staging, '.prerender'), bundle);
  moveFolder(staging, incoming);
  if (existsSync(input.outDir)) renameSync(input.outDir, old);
  renameSync(incoming, input.outDir);
  // Deleting a large old output takes seconds: it goes on while the next build runs.
  return { removed: removeInBackground([old, bundle]) };
}

/**
 * Deletes folders on a worker thread with `rmSync` (native code; `fs.promises.rm` walks the tree
 * in JavaScript and held 400 MB for an old output of 100,000 pages). Never rejects: what is left
 * is only an old copy, and the next build's folder names differ.
 */
function removeInBackground(paths: readonly string[]): Promise<void> {
  const code = `const { rmSync } = require('node:fs');
for (const path of require('node:worker_threads').workerData) {
  try { rmSync(path, { recursive: true, force: true }); } catch {}
}`;
  return new Promise((done) => {
    const worker = new Worker(code, { eval: true, workerData: paths });
    worker.on('error', () => done());
    worker.on('exit', () => done());
  });
}

/**
 * The V8 heap an Astro build gets, in MB. Left alone, V8 lets the heap grow to twice what the
 * build keeps alive before it collects, while the other build runs beside it. Measured on a
 * 25,000-ticket internal build: about 200 MB live, 500 MB of heap and 970 MB resident without a
 * limit; with 384 MB, 710 MB resident at the same speed. The limit grows with the model (its light
 * part, which the build holds whole), so a large desk never runs out.
 */
function heapLimitMb(modelFile: string): number {
  let modelMb = 0;
  try {
    modelMb = statSync(modelFile).size / 2 ** 20;
  } catch {
    // A missing model is reported by the build itself.
  }
  return Math.ceil(320 + 6 * modelMb);
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
