/**
 * Runs Astro's build for one audience in a child process (astro-worker.ts, which gets its options
 * over the IPC channel), so the two audiences build side by side on two cores, and a crash in one
 * cannot leave the other half-written. The build goes to a fresh folder next to the target,
 * which replaces the old output only when it succeeded.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
 * Resolves when the new output is in place. The previous output and the build's leftovers are
 * deleted by a process of their own that outlives this one (removeDetached).
 */
export async function buildSiteWithAstro(input: AstroBuildInput): Promise<void> {
  // Astro imports its prerender bundle from the output folder, so the build happens inside the
  // site project, where node_modules resolve, and moves to the output folder when it succeeded.
  mkdirSync(join(input.siteDir, '.build'), { recursive: true });
  const staging = mkdtempSync(join(input.siteDir, '.build', `${input.audience}-`));
  const request: AstroWorkerRequest = {
    task: 'build',
    siteDir: input.siteDir,
    outDir: staging,
    audience: input.audience,
    modelFile: input.modelFile,
    base: input.base,
    siteUrl: input.siteUrl,
  };
  const built = await inChild(request, input.env, [
    `--max-old-space-size=${heapLimitMb(input.modelFile)}`,
    // V8's default young generation held about 100 MB more garbage (internal build of
    // 25,000 tickets: 717 → 621 MB, no slower).
    '--max-semi-space-size=4',
  ]);
  // The ticket pages from the shell Astro rendered, now that the build's process has ended and
  // its memory is free: in a process of their own for a large desk (whose memory is returned when
  // it ends), in this one for a small one (no process to start).
  const pages = { ...request, task: 'pages' as const };
  const failure =
    built ??
    (!existsSync(join(staging, 'index.html'))
      ? 'Astro wrote no index.html'
      : modelMb(input.modelFile) > PAGES_IN_CHILD_FROM_MB
        ? await inChild(pages, input.env, [])
        : await writeTicketPagesHere(pages));
  if (failure !== null) {
    rmSync(staging, { recursive: true, force: true });
    throw new ExitError(`the ${input.audience} site did not build:\n${failure}`);
  }
  mkdirSync(dirname(input.outDir), { recursive: true });
  const suffix = basename(staging);
  const incoming = join(dirname(input.outDir), `.${basename(input.outDir)}.new-${suffix}`);
  const old = join(dirname(input.outDir), `.${basename(input.outDir)}.old-${suffix}`);
  // Old outputs and bundles a removal did not finish (the machine stopped first) go with this
  // build's, looked up before this build makes its own.
  const leftovers = [
    ...siblings(dirname(input.outDir), `.${basename(input.outDir)}.old-`),
    ...siblings(dirname(staging), `${input.audience}-`).filter((f) => f.endsWith('-bundle')),
  ];
  // Astro's bundle is no part of the site: out of the way first, deleted with the old output.
  const bundle = `${staging}-bundle`;
  if (existsSync(join(staging, '.prerender'))) renameSync(join(staging, '.prerender'), bundle);
  moveFolder(staging, incoming);
  if (existsSync(input.outDir)) renameSync(input.outDir, old);
  renameSync(incoming, input.outDir);
  removeDetached([old, bundle, ...leftovers]);
}

/** The entries of `dir` whose names start with `prefix`, as paths. */
function siblings(dir: string, prefix: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/**
 * Deletes folders in a process of its own that this one does not wait for: deleting the old
 * output of a large desk (100,000 pages and more) takes ten seconds and longer, and nobody needs
 * to wait for it. `rmSync` is native code (`fs.promises.rm` walks the tree in JavaScript and
 * held 400 MB for such an output). What a stopped removal leaves is only an old copy beside the
 * output, under a name no build uses again; the next build deletes it.
 */
export function removeDetached(paths: readonly string[]): ChildProcess | undefined {
  const gone = paths.filter((path) => existsSync(path));
  if (gone.length === 0) return undefined;
  const code = `const { rmSync } = require('node:fs');
for (const path of process.argv.slice(1)) {
  try { rmSync(path, { recursive: true, force: true }); } catch {}
}`;
  try {
    const remover = spawn(process.execPath, ['-e', code, ...gone], { detached: true, stdio: 'ignore' });
    remover.on('error', () => {});
    remover.unref();
    return remover;
  } catch {
    // Only old copies stay behind; the next build deletes them.
    return undefined;
  }
}

/** Runs one task of astro-worker.ts in a child process: null when it succeeded, else what it said. */
async function inChild(
  request: AstroWorkerRequest,
  env: NodeJS.ProcessEnv,
  flags: string[],
): Promise<string | null> {
  const output: string[] = [];
  let answer: AstroWorkerAnswer | null = null;
  const code = await new Promise<number>((resolveCode, reject) => {
    const child = fork(fileURLToPath(new URL('./astro-worker.ts', import.meta.url)), [], {
      cwd: request.siteDir,
      // Astro's own setting; everything of ours arrives over the IPC channel.
      env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      execArgv: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', ...flags],
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
  if (code === 0 && reply?.type === 'done') return null;
  return output.join('').trim().split('\n').slice(-15).join('\n') || `exit code ${code}`;
}

/**
 * The V8 heap an Astro build gets, in MB. Left alone, V8 lets the heap grow to twice what the
 * build keeps alive before it collects, while the other build runs beside it. Measured on a
 * 25,000-ticket internal build: about 200 MB live, 500 MB of heap and 970 MB resident without a
 * limit; with 384 MB, 710 MB resident at the same speed. The limit grows with the model (its light
 * part, which the build holds whole), so a large desk never runs out.
 */
function heapLimitMb(modelFile: string): number {
  return Math.ceil(320 + 6 * modelMb(modelFile));
}

/** The size of a model's light part in MB (0 when it is missing: the build reports that). */
export function modelMb(modelFile: string): number {
  try {
    return statSync(modelFile).size / 2 ** 20;
  } catch {
    return 0;
  }
}

/** Above this light model (about 2,000 tickets), the ticket pages are written in a child process. */
const PAGES_IN_CHILD_FROM_MB = 2;

/**
 * The ticket pages of a finished build (the `pages` task of astro-worker.ts): the site project's
 * integrations/ticket-pages.ts writes them from the shell Astro rendered.
 */
export async function runTicketPages(request: AstroWorkerRequest): Promise<void> {
  const pages = (await import(
    pathToFileURL(join(request.siteDir, 'integrations', 'ticket-pages.ts')).href
  )) as {
    writeTicketPages: (job: { dir: string; modelFile: string; base: string }) => Promise<string[]>;
  };
  await pages.writeTicketPages({ dir: request.outDir, modelFile: request.modelFile, base: request.base });
}

/** The `pages` task in this process: null when it succeeded, else the error. */
async function writeTicketPagesHere(request: AstroWorkerRequest): Promise<string | null> {
  try {
    await runTicketPages(request);
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
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
