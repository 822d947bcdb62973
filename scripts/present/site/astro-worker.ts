/**
 * Child process entry of buildSiteWithAstro (astro-build.ts): runs one Astro build through
 * Astro's JavaScript API with the options that arrive over the IPC channel, or writes the ticket
 * pages of a finished build, and answers there.
 * The site project's own config (site/astro.config.mjs) is merged with the build's settings and
 * the opsbook integration, which hands the model to the pages as a virtual module.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTicketPages } from './astro-build.ts';

export interface AstroWorkerRequest {
  /**
   * `build`: Astro's build into `outDir`. `pages`: the ticket pages into the built `outDir`, from
   * the shell Astro rendered (the site project's integrations/ticket-pages.ts), in a process of
   * their own once the build's process has ended and returned its memory.
   */
  task: 'build' | 'pages';
  siteDir: string;
  outDir: string;
  audience: 'public' | 'internal';
  modelFile: string;
  base: string;
  siteUrl: string;
}

export type AstroWorkerAnswer = { type: 'done' } | { type: 'failed'; message: string };

async function build(request: AstroWorkerRequest): Promise<void> {
  const require = createRequire(join(request.siteDir, 'package.json'));
  const astro = (await import(pathToFileURL(require.resolve('astro')).href)) as typeof import('astro');
  const integration = (await import(
    pathToFileURL(join(request.siteDir, 'integrations', 'opsbook.mjs')).href
  )) as {
    default: (options: { audience: string; modelFile: string }) => import('astro').AstroIntegration;
  };
  await astro.build({
    root: request.siteDir,
    outDir: request.outDir,
    site: request.siteUrl,
    base: request.base,
    logLevel: 'error',
    integrations: [integration.default({ audience: request.audience, modelFile: request.modelFile })],
  });
}

const answer = (message: AstroWorkerAnswer): Promise<void> =>
  new Promise((done) => {
    if (process.send) process.send(message, () => done());
    else done();
  });

process.once('message', async (request: AstroWorkerRequest) => {
  try {
    if (request.task === 'pages') await runTicketPages(request);
    else await build(request);
    await answer({ type: 'done' });
  } catch (error) {
    const e = error as Error;
    await answer({ type: 'failed', message: e.message || String(error) });
  }
  // Vite may keep a handle open after the build: the answer is sent, so end here.
  process.exit(0);
});
