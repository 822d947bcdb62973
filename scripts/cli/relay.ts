/**
 * `opsbook relay`: the HTTP relay from monitoring webhooks to GitHub (scripts/github/relay.ts).
 */
import { resolve } from 'node:path';
import { createGithubClient, githubSettings } from '../github/client.ts';
import { startRelay } from '../github/relay.ts';
import { parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';

const relayHelp = `Usage: opsbook relay --spool DIR [--port N] [--host ADDR] [--repo owner/name] [--event-type T]

Receives monitoring webhooks (POST /alertmanager, /grafana, /uptime-kuma, /webhook with the
header X-Opsbook-Secret, or Authorization: Bearer with the secret), stores each payload in the spool folder, answers 202, and forwards
it to GitHub as a repository_dispatch event (the ingest workflow runs opsbook ingest). A
payload leaves the spool only after GitHub accepted it; on start the relay sends what the
spool holds. Runs until stopped.

Environment: OPSBOOK_RELAY_SECRET (the shared secret), GITHUB_TOKEN (may create dispatch
events: contents write), GITHUB_REPOSITORY when --repo is not given.

Options:
  --spool DIR             where accepted payloads wait (required)
  --port N                default 8787
  --host ADDR             default 127.0.0.1 (put a TLS proxy in front)
  --repo owner/name       the repository with the ingest workflow
  --event-type T          default opsbook-alert
  --api-url URL           the GitHub API (default https://api.github.com)
`;

export async function relayCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('relay', args, {
    spool: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    repo: { type: 'string' },
    'event-type': { type: 'string' },
    'api-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(relayHelp);
    return 0;
  }
  if (!values.spool) throw new ExitError('--spool DIR is required');
  const secret = io.env.OPSBOOK_RELAY_SECRET ?? '';
  if (secret.length < 16)
    throw new ExitError('set OPSBOOK_RELAY_SECRET to a shared secret of at least 16 characters');
  const port = Number(values.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ExitError(`--port "${values.port}" is not a port`);
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const client = createGithubClient(githubSettings(values, io.env), log);
  const relay = await startRelay({
    client,
    spool: resolve(io.cwd, values.spool),
    secret,
    eventType: values['event-type'] ?? 'opsbook-alert',
    host: values.host ?? '127.0.0.1',
    port,
    log,
  });
  log(`relay: listening on ${relay.url}`);
  await new Promise<void>((done) => {
    process.once('SIGTERM', done);
    process.once('SIGINT', done);
  });
  await relay.close();
  return 0;
}
