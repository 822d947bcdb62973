import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import {
  type HookReceiver,
  hookReceiver,
  type MailReceiver,
  mailReceiver,
} from '../helpers/notify-receivers.ts';
import { commitAll, configYaml, gitInit, tempRepository, writeFile } from '../helpers/repo.ts';

const CHANNELS = `notifications:
  - { id: ops-slack, kind: slack, url_env: SLACK_URL, audience: internal }
  - { id: public-teams, kind: teams, url_env: TEAMS_URL, audience: public }
  - { id: web-discord, kind: discord, url_env: DISCORD_URL, audience: public, services: [web] }
  - { id: status-hook, kind: webhook, url_env: HOOK_URL, audience: public }
  - id: ops-mail
    kind: email
    smtp_env: SMTP_URL
    from: Status <status@example.com>
    to: [ops@example.com]
    audience: internal
    priorities: [P1, P2]
`;

const CONFIG = configYaml({
  name: 'Notify IT',
  services: [
    '',
    '  mail: { name: E-mail, group: central, owner: ops }',
    '  web: { name: Website, group: central, owner: ops }',
    '  vpn: { name: VPN, group: central, owner: ops, public: false }',
  ].join('\n'),
  sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
  more: CHANNELS,
}).replace('timezone: Europe/Berlin }', 'timezone: Europe/Berlin, url: "https://status.example.com" }');

const HOSTILE = '<!channel> @everyone *bold* <script>alert(1)</script> [click](https://evil.example) & more';

function incident(id: string, services: string, timeline: string, extra = ''): string {
  return [
    '---',
    `id: ${id}`,
    'title: Mail delivery delayed',
    'kind: incident',
    'status: new',
    'impact: high',
    'urgency: high',
    'customer: acme',
    `services: ${services}`,
    'reported_at: 2026-11-23T09:00:00+01:00',
    'timeline:',
    timeline,
    extra,
    '---',
    '',
  ].join('\n');
}

const NEW_INCIDENT = incident(
  'INC-2026-0001',
  '[{ id: mail, effect: partial_outage }, vpn]',
  [
    '  - at: 2026-11-23T09:00:00+01:00',
    '    status: new',
    `    public: ${JSON.stringify(HOSTILE)}`,
    '    note: Queue on mx2 is stuck; secret internal detail.',
  ].join('\n'),
).replace('customer: acme\n', '');

let hooks: Record<'slack' | 'teams' | 'discord' | 'hook', HookReceiver>;
let smtp: MailReceiver;
let repo: { dir: string; cleanup: () => void };
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const [slack, teams, discord, hook] = await Promise.all([
    hookReceiver(),
    hookReceiver(),
    hookReceiver(),
    hookReceiver(),
  ]);
  hooks = { slack, teams, discord, hook };
  smtp = await mailReceiver();
});

afterAll(async () => {
  await Promise.all([...Object.values(hooks).map((h) => h.close()), smtp.close()]);
});

beforeEach(() => {
  for (const h of Object.values(hooks)) {
    h.requests.length = 0;
    h.answers.length = 0;
  }
  smtp.mails.length = 0;
  env = {
    SLACK_URL: hooks.slack.url,
    TEAMS_URL: hooks.teams.url,
    DISCORD_URL: hooks.discord.url,
    HOOK_URL: hooks.hook.url,
    SMTP_URL: smtp.url,
    OPSBOOK_NOTIFY_RETRY_MS: '0',
  };
  repo = tempRepository('notify', CONFIG);
  gitInit(repo.dir);
});

afterEach(() => repo.cleanup());

function commit(files: Record<string, string>, message: string): string {
  for (const [path, text] of Object.entries(files)) writeFile(repo.dir, path, text);
  return commitAll(repo.dir, message);
}

const notify = (from: string, to: string, ...more: string[]) =>
  runCli(['notify', '--from', from, '--to', to, '--at', '2026-11-23T12:00:00Z', ...more], {
    cwd: repo.dir,
    env,
  });

const update = (...args: string[]) => runCli(['update', 'INC-2026-0001', ...args], { cwd: repo.dir });

const bodies = (h: HookReceiver) => h.requests.map((r) => r.body).join('\n');

/** The generic webhook's incident payloads, and its component payloads. */
function incidentPosts(r: HookReceiver) {
  return r.requests.filter((q) => typeof q.json === 'object' && q.json !== null && 'incident' in q.json);
}
function componentPosts(r: HookReceiver) {
  return r.requests.filter(
    (q) => typeof q.json === 'object' && q.json !== null && 'component_update' in q.json,
  );
}

describe('opsbook notify', () => {
  it('sends a new incident to every channel that wants it, escaped for each, and only once', async () => {
    const base = commit({ 'incidents/.keep': '' }, 'start');
    const head = commit({ 'incidents/2026/INC-2026-0001.md': NEW_INCIDENT }, 'new incident');

    const first = await notify(base, head);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);

    // Slack (internal): the public text and the note, with mrkdwn and mentions neutralised.
    expect(hooks.slack.requests).toHaveLength(1);
    const slack = bodies(hooks.slack);
    expect(hooks.slack.requests[0]?.contentType).toBe('application/json');
    expect(slack).toContain('secret internal detail');
    expect(slack).toContain('&lt;!channel&gt;');
    expect(slack).not.toContain('<!channel>');
    expect(slack).not.toMatch(/@everyone/);
    expect(slack).toContain('&lt;script&gt;');
    expect(slack).toContain('VPN'); // internal channels see non-public services

    // Teams (public): an Adaptive Card without the note or the hidden service.
    expect(hooks.teams.requests).toHaveLength(1);
    const card = hooks.teams.requests[0]?.json as {
      attachments: { contentType: string; content: { type: string; body: { text?: string }[] } }[];
    };
    expect(card.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]?.content.type).toBe('AdaptiveCard');
    const teams = bodies(hooks.teams);
    expect(teams).not.toContain('secret internal detail');
    expect(teams).not.toContain('VPN');
    expect(teams).not.toMatch(/@everyone/);
    expect(card.attachments[0]?.content.body.map((b) => b.text ?? '').join('\n')).toContain(
      '\\<script\\>alert\\(1\\)\\</script\\>',
    );

    // Discord filters on the web service: the mail incident is not for it.
    expect(hooks.discord.requests).toHaveLength(0);

    // The generic webhook: Statuspage's incident payload.
    expect(incidentPosts(hooks.hook)).toHaveLength(1);
    const sp = incidentPosts(hooks.hook)[0]?.json as {
      page: { id: string; status_indicator: string };
      incident: {
        id: string;
        status: string;
        shortlink: string;
        incident_updates: { id: string; body: string; affected_components: { code: string }[] }[];
      };
    };
    expect(sp.page).toMatchObject({ id: 'notify-it', status_indicator: 'major' });
    expect(sp.incident).toMatchObject({
      id: 'INC-2026-0001',
      status: 'investigating',
      shortlink: 'https://status.example.com/incidents/INC-2026-0001/',
    });
    expect(sp.incident.incident_updates[0]?.id).toBe('INC-2026-0001:opened');
    // And Statuspage's component payload for the component the incident took down.
    expect(componentPosts(hooks.hook).map((q) => q.json)).toEqual([
      expect.objectContaining({
        component_update: expect.objectContaining({ component_id: 'mail', old_status: 'operational' }),
        component: expect.objectContaining({ id: 'mail', name: 'E-mail' }),
      }),
    ]);
    expect(sp.incident.incident_updates[0]?.body).toContain('<script>'); // JSON data, not markup
    expect(sp.incident.incident_updates[0]?.affected_components.map((c) => c.code)).toEqual(['mail']);
    expect(bodies(hooks.hook)).not.toContain('secret internal detail');
    expect(bodies(hooks.hook)).not.toMatch(/@everyone/);

    // E-mail (internal, P1/P2): a plain-text and an HTML part, HTML-escaped, through SMTP auth.
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.user).toBe('notifier');
    expect(mail?.to).toEqual(['ops@example.com']);
    expect(mail?.subject).toContain('INC-2026-0001');
    expect(mail?.text).toContain('secret internal detail');
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail?.html).not.toContain('<script>');

    // The same range again: nothing new anywhere.
    const second = await notify(base, head);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('ops-slack: nothing new');
    expect(hooks.slack.requests).toHaveLength(1);
    expect(hooks.teams.requests).toHaveLength(1);
    expect(incidentPosts(hooks.hook)).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it('sends updates and the resolution; a note reaches internal channels only', async () => {
    const base = commit({ 'incidents/2026/INC-2026-0001.md': NEW_INCIDENT }, 'new incident');
    expect(
      (await update('--note', 'Root cause full disk on mx2', '--at', '2026-11-23T09:30:00+01:00')).code,
    ).toBe(0);
    const noted = commitAll(repo.dir, 'note');
    expect(
      (
        await runCli(
          [
            'resolve',
            'INC-2026-0001',
            '--public',
            'Mail is delivered again.',
            '--note',
            'Swapped the disk in rack four',
            '--effect',
            'mail=operational',
            '--at',
            '2026-11-23T10:15:00+01:00',
          ],
          { cwd: repo.dir },
        )
      ).code,
    ).toBe(0);
    const resolved = commitAll(repo.dir, 'resolve');

    const result = await notify(base, resolved);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Internal: the note and the resolution.
    expect(hooks.slack.requests).toHaveLength(2);
    expect(bodies(hooks.slack)).toContain('Root cause full disk');
    expect(bodies(hooks.slack)).toContain('Resolved');
    // Public: only the resolution, never the note.
    expect(hooks.teams.requests).toHaveLength(1);
    expect(bodies(hooks.teams)).toContain('Mail is delivered again');
    expect(bodies(hooks.teams)).not.toContain('full disk');
    expect(bodies(hooks.teams)).not.toContain('Swapped the disk');
    expect(bodies(hooks.slack)).toContain('Swapped the disk in rack four');
    const sp = incidentPosts(hooks.hook)[0]?.json as {
      incident: {
        status: string;
        resolved_at: string;
        incident_updates: { id: string; affected_components: unknown }[];
      };
    };
    expect(incidentPosts(hooks.hook)).toHaveLength(1);
    expect(sp.incident.status).toBe('resolved');
    expect(sp.incident.resolved_at).toBe('2026-11-23T09:15:00.000Z');
    expect(sp.incident.incident_updates[0]?.affected_components).toEqual([
      { code: 'mail', name: 'E-mail', old_status: 'partial_outage', new_status: 'operational' },
    ]);
    expect(bodies(hooks.hook)).not.toContain('full disk');
    expect(bodies(hooks.hook)).not.toContain('Swapped the disk');

    // A range that only repeats part of the first: nothing new.
    const again = await notify(noted, resolved);
    expect(again.code).toBe(0);
    expect(hooks.slack.requests).toHaveLength(2);
  });

  it('announces a maintenance and its start to the channels of its service', async () => {
    const base = commit({ 'incidents/.keep': '' }, 'start');
    const maintenance = [
      '---',
      'id: MNT-2026-0001',
      'title: Web server upgrade',
      'kind: maintenance',
      'status: scheduled',
      'services: [{ id: web, effect: under_maintenance }]',
      'reported_at: 2026-11-20T09:00:00+01:00',
      'scheduled_for: 2026-11-23T20:00:00+01:00',
      'scheduled_until: 2026-11-23T22:00:00+01:00',
      'timeline:',
      '  - at: 2026-11-20T09:00:00+01:00',
      '    status: scheduled',
      '    public: The website will be unavailable for up to two hours.',
      '---',
      '',
    ].join('\n');
    const scheduled = commit({ 'incidents/2026/MNT-2026-0001.md': maintenance }, 'maintenance');
    const started = commit(
      {
        'incidents/2026/MNT-2026-0001.md': maintenance
          .replace('status: scheduled\nservices', 'status: in-progress\nservices')
          .replace(
            '    public: The website will be unavailable for up to two hours.\n---',
            '    public: The website will be unavailable for up to two hours.\n  - at: 2026-11-23T20:00:00+01:00\n    status: in-progress\n    public: The upgrade has begun.\n---',
          ),
      },
      'start maintenance',
    );

    expect((await notify(base, scheduled)).code).toBe(0);
    expect(hooks.discord.requests).toHaveLength(1);
    const discord = hooks.discord.requests[0]?.json as {
      embeds: { title: string; description: string }[];
      allowed_mentions: { parse: string[] };
    };
    expect(discord.allowed_mentions.parse).toEqual([]);
    expect(discord.embeds[0]?.title).toContain('Maintenance scheduled');
    // Mail wants P1 and P2 only: a maintenance has no priority.
    expect(smtp.mails).toHaveLength(0);

    const run = await notify(scheduled, started);
    expect(run.stderr).toBe('');
    expect(hooks.discord.requests).toHaveLength(2);
    const second = hooks.discord.requests[1]?.json as { embeds: { title: string; description: string }[] };
    expect(second.embeds[0]?.title).toContain('Maintenance started');
    expect(second.embeds[0]?.description).toContain('The upgrade has begun\\.');
    const sp = incidentPosts(hooks.hook)[1]?.json as { incident: { status: string; scheduled_for: string } };
    expect(sp.incident).toMatchObject({ status: 'in_progress', scheduled_for: '2026-11-23T19:00:00.000Z' });
  });

  it('retries a failing channel, reports it, exits 1 and still serves the others', async () => {
    const base = commit({ 'incidents/.keep': '' }, 'start');
    const head = commit({ 'incidents/2026/INC-2026-0001.md': NEW_INCIDENT }, 'new incident');
    hooks.teams.answers.push(500, 500, 500, 500);
    hooks.hook.answers.push(503); // one failure, then it works

    const result = await notify(base, head);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('public-teams: INC-2026-0001:opened: try 1 failed: HTTP 500; retrying');
    expect(result.stderr).toContain('public-teams: gave up after 4 tries');
    expect(result.stderr).not.toContain('secret-token'); // the URL is a secret
    expect(hooks.teams.answers).toEqual([]);
    expect(hooks.teams.requests).toHaveLength(0);
    expect(incidentPosts(hooks.hook)).toHaveLength(1);
    expect(hooks.slack.requests).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);

    // The next run sends what failed, and only that.
    const retry = await notify(base, head);
    expect(retry.code).toBe(0);
    expect(hooks.teams.requests).toHaveLength(1);
    expect(hooks.slack.requests).toHaveLength(1);
    expect(incidentPosts(hooks.hook)).toHaveLength(1);
  });

  it('--dry-run prints the payloads and sends and records nothing', async () => {
    const base = commit({ 'incidents/.keep': '' }, 'start');
    const head = commit({ 'incidents/2026/INC-2026-0001.md': NEW_INCIDENT }, 'new incident');
    const result = await notify(base, head, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- ops-slack (slack, internal) INC-2026-0001:opened');
    expect(result.stdout).toContain('"incident_updates"');
    expect(result.stdout).toContain('status-hook: 1 would be sent');
    expect(hooks.slack.requests).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
    expect(existsSync(join(repo.dir, '.opsbook-cache', 'notify-sent.json'))).toBe(false);
  });

  it('fails clearly on a missing secret or a bad revision', async () => {
    const base = commit({ 'incidents/.keep': '' }, 'start');
    const head = commit({ 'incidents/2026/INC-2026-0001.md': NEW_INCIDENT }, 'new incident');
    env.SLACK_URL = undefined;
    const missing = await notify(base, head);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ops-slack: the environment variable SLACK_URL is not set');
    expect(hooks.teams.requests).toHaveLength(1);

    const bad = await notify('nope', head);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('opsbook notify: --from: "nope" is not a commit in this repository\n');

    const zero = await notify('0000000000000000000000000000000000000000', head);
    expect(zero.code).toBe(0);
    expect(zero.stdout).toContain('nothing to compare');
  });
});
