/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) fires an alert at a running
 * relay, which forwards it to the local stand-in for the GitHub API as a repository_dispatch;
 * the dispatched payload, given to `opsbook ingest` as the ingest workflow does, opens the
 * incident. Without the binary the test is skipped with one line, unless
 * OPSBOOK_REQUIRE_ALERTMANAGER=1 (CI installs it and insists).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGithubClient, githubSettings } from '../../scripts/github/client.ts';
import { type Relay, startRelay } from '../../scripts/github/relay.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { FakeGithub } from '../helpers/fake-github.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const BINARY = '/usr/bin/prometheus-alertmanager';
const available = existsSync(BINARY);
if (!available) {
  if (process.env.OPSBOOK_REQUIRE_ALERTMANAGER === '1') throw new Error(`${BINARY} is missing`);
  console.log(
    'alertmanager integration test skipped: no prometheus-alertmanager (apt-get install prometheus-alertmanager)',
  );
}

const SECRET = 'a shared secret of enough length';

const CONFIG = configYaml({
  name: 'Monitored',
  services: '\n  mail: { name: E-mail, group: central, owner: ops }',
  sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
  more: `monitoring:
  rules:
    - match: { alertname: MailQueueStuck }
      service: mail
      effect: { critical: major_outage, warning: degraded_performance }
      impact: high
      urgency: high
      on_resolved: monitoring
`,
});

/** A port that was free a moment ago (Alertmanager needs one given on its command line). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when the process writes a line matching `pattern` to stderr; rejects when it exits. */
function waitForLog(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`alertmanager exited (${code}):\n${seen}`)));
  });
}

describe.skipIf(!available)('Alertmanager → relay → GitHub → ingest', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('turns a firing alert into an incident', async () => {
    const fake = await new FakeGithub().start();
    cleanups.push(() => fake.stop());
    const work = tempDir('alertmanager');
    cleanups.push(work.cleanup);

    const relay: Relay = await startRelay({
      client: createGithubClient(
        githubSettings({ repo: 'acme/ops', 'api-url': fake.url }, { GITHUB_TOKEN: fake.token }),
        () => {},
      ),
      spool: join(work.dir, 'spool'),
      secret: SECRET,
      eventType: 'opsbook-alert',
      host: '127.0.0.1',
      port: 0,
      log: () => {},
    });
    cleanups.push(() => relay.close());

    const port = await freePort();
    const config = join(work.dir, 'alertmanager.yml');
    writeFileSync(
      config,
      `route:
  receiver: opsbook
  group_by: [alertname]
  group_wait: 100ms
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: opsbook
    webhook_configs:
      - url: ${relay.url}/alertmanager
        send_resolved: true
        http_config:
          authorization: { type: Bearer, credentials: "${SECRET}" }
`,
    );
    mkdirSync(join(work.dir, 'data'));
    const alertmanager = spawn(
      BINARY,
      [
        `--config.file=${config}`,
        `--storage.path=${join(work.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    cleanups.push(() => {
      alertmanager.kill('SIGKILL');
    });
    await waitForLog(alertmanager, /Listening on/);

    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const posted = await fetch(`http://127.0.0.1:${port}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: { alertname: 'MailQueueStuck', severity: 'critical', instance: 'mx1' },
          annotations: { summary: 'Mail queue on mx1 is not draining' },
          startsAt,
        },
      ]),
    });
    expect(posted.status).toBe(200);

    await fake.dispatched(1);
    const dispatch = fake.dispatches[0] as {
      event_type: string;
      client_payload: { source: string; payload: string };
    };
    expect(dispatch.event_type).toBe('opsbook-alert');
    expect(dispatch.client_payload.source).toBe('alertmanager');
    const payload = JSON.parse(dispatch.client_payload.payload) as {
      version: string;
      alerts: { labels: Record<string, string> }[];
    };
    expect(payload.version).toBe('4');
    expect(payload.alerts[0]?.labels.alertname).toBe('MailQueueStuck');
    // Accepted by GitHub, so gone from the spool.
    await relay.idle();
    expect(readdirSync(join(work.dir, 'spool')).filter((n) => n.endsWith('.json'))).toEqual([]);

    // What the ingest workflow does with the dispatch.
    const repo = tempRepository('alertmanager-repo', CONFIG);
    cleanups.push(repo.cleanup);
    writeFileSync(join(repo.dir, 'payload.json'), dispatch.client_payload.payload);
    const ingested = await runCli(['ingest', 'alertmanager', 'payload.json'], { cwd: repo.dir });
    expect(ingested.code, ingested.stderr).toBe(0);
    const tickets = readdirSync(join(repo.dir, 'incidents'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.md'));
    expect(tickets).toHaveLength(1);
    const text = readFileSync(join(repo.dir, 'incidents', tickets[0] as string), 'utf8');
    expect(text).toContain('channel: monitoring');
    expect(text).toMatch(/effect: major_outage/);
    const check = await runCli(['validate', '--no-cache'], { cwd: repo.dir });
    expect(check.code, check.stdout).toBe(0);
  }, 60_000);
});
