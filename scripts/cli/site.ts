/**
 * `opsbook site [--audience public|internal|both] [--at ISO] [--base PATH] [--site URL]
 *  [--out DIR] [--no-cache] [--no-history] [--root DIR]`
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot } from '../load/files.ts';
import type { SiteAudience } from '../model/site.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { buildSiteWithAstro, modelMb } from '../present/site/astro-build.ts';
import { readSiteModelHead } from '../present/site/model-file-read.ts';
import { zonedConfig } from './inputs.ts';
import { type PreparedModel, prepareModelsInChildProcess } from './site-models.ts';

const siteHelp = `Usage: opsbook site [options]

Builds the site (docs/site.md) into site/dist/<audience>/: the public status page (public
updates and published reviews only) and the internal site (everything: runbooks, notes,
customers, SLA clocks, reports, the Git audit trail). The status is the status at --at.

Options:
  --audience WHICH   public, internal or both (default: both)
  --at ISO           the instant the site shows (default: now)
  --base PATH        base path the site is served under, e.g. /opsbook/ (default: $OPSBOOK_BASE_PATH or /)
  --site URL         the site's public address for the feed, API and sitemap
                     (default: $OPSBOOK_SITE_URL, else organization.url, else https://status.example.com)
  --out DIR          output folder; each audience goes to DIR/<audience> (default: site/dist)
  --no-cache         accepted for scripts; the site always reads every ticket file once
  --no-history       leave out the Git audit trail (internal site)
  --model FILE       build from this site model instead of the repository (a hand-written one, such
                     as tests/fixtures/site/model-internal.json, when working on the pages); the
                     model says its audience
  --root DIR         the repository (default: the folder with opsbook.yaml at or above the current one)

A build replaces the previous output only when it succeeded. Exit codes: 0 built, 2 failed.
`;

export async function siteCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'site',
    args,
    {
      audience: { type: 'string' },
      at: { type: 'string' },
      base: { type: 'string' },
      site: { type: 'string' },
      out: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'no-history': { type: 'boolean' },
      model: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(siteHelp);
    return 0;
  }
  // `npm run build -- public` reads naturally too.
  const audienceArg = values.audience ?? positionals[0] ?? 'both';
  if (positionals.length > (values.audience ? 0 : 1))
    throw new ExitError(`unexpected argument "${positionals[values.audience ? 0 : 1]}"`);
  if (audienceArg !== 'both' && audienceArg !== 'public' && audienceArg !== 'internal')
    throw new ExitError(`--audience must be public, internal or both, not "${audienceArg}"`);
  const audiences: SiteAudience[] = audienceArg === 'both' ? ['public', 'internal'] : [audienceArg];
  const at = parseAt(values.at, io);
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const siteDir = siteProject(root);
  const config = zonedConfig(root, io, 'site');
  const base = normaliseBase(values.base ?? io.env.OPSBOOK_BASE_PATH ?? '/');
  // An empty value (a workflow output that is not set) counts as not given.
  const siteUrl = siteUrlOf(values.site || io.env.OPSBOOK_SITE_URL || undefined, config);
  const outRoot = values.out ? resolve(io.cwd, values.out) : join(root, 'site', 'dist');

  // The models are built in a child process: its memory (every ticket with its body) is gone when
  // it ends, so the two Astro builds that follow have the memory to themselves.
  const given = values.model ? givenModel(resolve(io.cwd, values.model), values.audience) : null;
  const builds =
    given ?? (await prepareModelsInChildProcess({ root, at, audiences, history: !values['no-history'] }, io));
  const build = (b: PreparedModel) =>
    buildSiteWithAstro({
      siteDir,
      modelFile: b.modelFile,
      audience: b.audience,
      outDir: join(outRoot, b.audience),
      base,
      siteUrl,
      env: io.env,
    });
  try {
    if (sideBySide(builds)) {
      // Settled, not all: a failed build must not leave the other one running on its own.
      const results = await Promise.allSettled(builds.map(build));
      for (const r of results) if (r.status === 'rejected') throw r.reason;
    } else {
      for (const b of builds) await build(b);
    }
  } finally {
    if (!given)
      for (const b of builds) {
        rmSync(b.modelFile, { force: true });
        rmSync(`${b.modelFile}.details`, { force: true });
        rmSync(`${b.modelFile}.light`, { force: true });
      }
  }
  for (const b of builds) io.stdout.write(`${join(outRoot, b.audience)}\n`);
  return 0;
}

/**
 * Whether the builds run side by side (on two cores) or one after the other. An Astro build holds
 * about 400 MB before its first page and about 12 times its model's light part (`<model>`, not
 * `.details`) on top (measured at 25,000 tickets: 560 MB public, 650 MB internal). Side by side
 * only while both fit in 1 GB with this process: up to about 7,000 tickets. A larger desk builds
 * one audience after the other, so the whole build's memory stays that of one Astro build.
 */
const SIDE_BY_SIDE_MODELS_MB = 10;

function sideBySide(builds: readonly PreparedModel[]): boolean {
  if (builds.length < 2) return false;
  return builds.reduce((mb, b) => mb + modelMb(b.modelFile), 0) <= SIDE_BY_SIDE_MODELS_MB;
}

/**
 * The repository's own site project (`site/`, a team may restyle it), else the one that came with
 * this Opsbook (a repository outside the template, such as a test fixture).
 */
function siteProject(root: string): string {
  const own = join(root, 'site');
  if (existsSync(join(own, 'astro.config.mjs'))) return own;
  const shipped = fileURLToPath(new URL('../../site', import.meta.url));
  if (existsSync(join(shipped, 'astro.config.mjs'))) return shipped;
  throw new ExitError(`${own} has no astro.config.mjs: the site project is missing`);
}

/** `--model FILE`: the one build it makes, for the audience the model names. */
function givenModel(file: string, audienceFlag: string | undefined): PreparedModel[] {
  let audience: SiteAudience;
  try {
    audience = readSiteModelHead(file).audience;
  } catch (error) {
    throw new ExitError(`--model ${file}: ${(error as Error).message}`);
  }
  if (audienceFlag && audienceFlag !== 'both' && audienceFlag !== audience)
    throw new ExitError(`--model ${file} is the ${audience} model, not the ${audienceFlag} one`);
  return [{ audience, modelFile: file }];
}

function normaliseBase(base: string): string {
  let b = base.trim();
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(b)) throw new ExitError(`--base "${base}" is not a URL path`);
  return b;
}

function siteUrlOf(given: string | undefined, config: OpsbookConfig): string {
  const url = given ?? (config.organization as { url?: string }).url ?? 'https://status.example.com';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ExitError(`--site "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ExitError(`--site "${url}" must be an http(s) address`);
  return `${parsed.protocol}//${parsed.host}`;
}
