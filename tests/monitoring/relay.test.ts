/**
 * The alert relay against the local GitHub stand-in: an accepted payload is spooled before the
 * 202, reaches GitHub as a repository_dispatch event and leaves the spool; a payload GitHub did
 * not take stays spooled and is sent by the next relay that starts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGithubClient, githubSettings } from '../../scripts/github/client.ts';
import { type Relay, startRelay } from '../../scripts/github/relay.ts';
import { tempDir } from '../helpers/cli.ts';
import { FakeGithub } from '../helpers/fake-github.ts';

const SECRET = 'correct horse battery staple';
let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup() {
  const fake = await new FakeGithub().start();
  cleanups.push(() => fake.stop());
  const spoolDir = tempDir('relay');
  cleanups.push(spoolDir.cleanup);
  const spool = join(spoolDir.dir, 'spool');
  const start = async (): Promise<Relay> => {
    const settings = githubSettings(
      { repo: 'acme/ops', 'api-url': fake.url },
      { GITHUB_TOKEN: fake.token, OPSBOOK_GITHUB_WAIT_SCALE: '0' },
    );
    const relay = await startRelay({
      client: createGithubClient(settings, () => {}),
      spool,
      secret: SECRET,
      eventType: 'opsbook-alert',
      host: '127.0.0.1',
      port: 0,
      log: () => {},
    });
    return relay;
  };
  const spooled = () => readdirSync(spool).filter((n) => n.endsWith('.json'));
  return { fake, start, spooled };
}

const PAYLOAD = '{"version":"4","status":"firing","alerts":[]}';

describe('opsbook relay', () => {
  it('checks the secret, answers 202, and the payload reaches GitHub as repository_dispatch', async () => {
    const { fake, start, spooled } = await setup();
    const relay = await start();
    cleanups.push(() => relay.close());
    const wrong = await fetch(`${relay.url}/alertmanager`, {
      method: 'POST',
      headers: { 'x-opsbook-secret': 'guess' },
      body: PAYLOAD,
    });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${relay.url}/nagios`, {
      method: 'POST',
      headers: { 'x-opsbook-secret': SECRET },
    });
    expect(unknown.status).toBe(404);
    const big = await fetch(`${relay.url}/webhook`, {
      method: 'POST',
      headers: { 'x-opsbook-secret': SECRET },
      body: 'x'.repeat(70_000),
    });
    expect(big.status).toBe(413);

    const ok = await fetch(`${relay.url}/alertmanager`, {
      method: 'POST',
      headers: { 'x-opsbook-secret': SECRET, 'content-type': 'application/json' },
      body: PAYLOAD,
    });
    expect(ok.status).toBe(202);
    await relay.idle();
    expect(fake.dispatches).toEqual([
      { event_type: 'opsbook-alert', client_payload: { source: 'alertmanager', payload: PAYLOAD } },
    ]);
    expect(spooled()).toEqual([]);
  });

  it('a payload accepted but not forwarded (GitHub refused) is sent by the relay after a restart', async () => {
    const { fake, start, spooled } = await setup();
    fake.failNext('POST', /\/dispatches$/, { status: 422, body: { message: 'Unprocessable' } });
    const first = await start();
    const ok = await fetch(`${first.url}/uptime-kuma`, {
      method: 'POST',
      headers: { 'x-opsbook-secret': SECRET },
      body: '{"heartbeat":null,"msg":"x"}',
    });
    expect(ok.status).toBe(202);
    await first.idle();
    expect(fake.dispatches).toEqual([]);
    expect(spooled()).toHaveLength(1);
    await first.close();

    const second = await start();
    cleanups.push(() => second.close());
    await second.idle();
    expect(fake.dispatches).toEqual([
      {
        event_type: 'opsbook-alert',
        client_payload: { source: 'uptime-kuma', payload: '{"heartbeat":null,"msg":"x"}' },
      },
    ]);
    expect(spooled()).toEqual([]);
  });
});
