/**
 * The alert relay (docs/monitoring.md): a small HTTP server that monitoring systems post their
 * webhooks to. It answers 202 only after the payload is on disk (an atomic write into the
 * spool), then forwards it to GitHub as a `repository_dispatch` event, where the ingest
 * workflow runs `opsbook ingest`. A spool file is deleted only after GitHub accepted it, and a
 * starting relay sends what the spool holds: a payload accepted once is delivered, even when
 * the relay stops in between. (Delivering it twice is harmless: ingest is idempotent.)
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ALERT_SOURCES } from '../load/alert-payload.ts';
import type { GithubClient } from './client.ts';

/** GitHub caps a dispatch's client_payload; bigger alerts would never be accepted. */
const MAX_RELAY_BODY = 60_000;
const SPOOL_FILE = /^\d{13}-[0-9a-f]{12}\.json$/;

export interface RelayOptions {
  client: GithubClient;
  spool: string;
  secret: string;
  eventType: string;
  host: string;
  port: number;
  log: (line: string) => void;
}

export interface Relay {
  url: string;
  /** Resolves when the passes over the spool started so far are done (each payload sent or left for later). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Spooled {
  source: string;
  payload: string;
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_RELAY_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { client, spool, log } = options;
  mkdirSync(spool, { recursive: true });
  let queue: Promise<void> = Promise.resolve();

  const sendOne = async (name: string): Promise<void> => {
    const path = join(spool, name);
    let spooled: Spooled;
    try {
      spooled = JSON.parse(readFileSync(path, 'utf8')) as Spooled;
    } catch {
      return; // sent and removed by an earlier pass
    }
    try {
      await client.api.repos.createDispatchEvent({
        owner: client.owner,
        repo: client.repo,
        event_type: options.eventType,
        client_payload: { source: spooled.source, payload: spooled.payload },
      });
    } catch (error) {
      log(`relay: GitHub did not take ${name}; it stays in the spool: ${(error as Error).message}`);
      return;
    }
    rmSync(path, { force: true });
    log(`relay: sent ${name}`);
  };
  // One pass over the spool at a time, oldest first; a payload that fails waits for the next pass.
  const drain = () => {
    queue = queue.then(async () => {
      try {
        for (const name of readdirSync(spool)
          .filter((n) => SPOOL_FILE.test(n))
          .sort())
          await sendOne(name);
      } catch (error) {
        log(`relay: cannot read the spool: ${(error as Error).message}`);
      }
    });
    return queue;
  };

  const server: Server = createServer((req, res) => {
    const answer = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${message}\n`);
    };
    const source = (req.url ?? '').replace(/^\//, '');
    if (req.method !== 'POST') return answer(405, 'POST a webhook payload');
    if (!(ALERT_SOURCES as readonly string[]).includes(source))
      return answer(404, `post to /${ALERT_SOURCES.join(', /')}`);
    // Alertmanager and Grafana can send only an Authorization header (Bearer credentials).
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!sameSecret(req.headers['x-opsbook-secret'], options.secret) && !sameSecret(bearer, options.secret))
      return answer(401, 'wrong or missing X-Opsbook-Secret (or Authorization: Bearer)');
    readBody(req).then(
      (payload) => {
        if (payload === null) return answer(413, `payload over ${MAX_RELAY_BODY} bytes`);
        const name = `${Date.now()}-${randomBytes(6).toString('hex')}.json`;
        try {
          writeFileAtomic(join(spool, name), JSON.stringify({ source, payload } satisfies Spooled));
        } catch (error) {
          log(`relay: cannot spool: ${(error as Error).message}`);
          return answer(503, 'cannot store the payload; send it again');
        }
        answer(202, 'accepted');
        void drain();
      },
      () => answer(400, 'the request body could not be read'),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address() as AddressInfo;
  void drain();
  return {
    url: `http://${options.host}:${address.port}`,
    idle: () => queue,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
