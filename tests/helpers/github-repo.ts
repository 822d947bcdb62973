/**
 * A small Opsbook repository for the GitHub tests: two teams (one with a GitHub handle), a 24/7
 * calendar so the SLA arithmetic is easy to follow, and a few tickets.
 */
import { type CliResult, runCli } from './cli.ts';
import type { FakeGithub } from './fake-github.ts';
import { configYaml, git, tempRepository, writeFile } from './repo.ts';

export const CONFIG = configYaml({
  name: 'Test IT',
  teams: `
  ops: { name: Operations, github: "@acme/ops" }
  desk: { name: Service desk }`,
  // Not on the status page: these tests are about SLA and GitHub, not status-page warnings.
  services: `
  mail: { name: E-mail, group: central, owner: ops, public: false }
  web: { name: Website, group: central, owner: desk, public: false }`,
  calendars: `
  always: { timezone: Europe/Berlin, hours: always }`,
  sla: `
  policies:
    standard:
      calendar: always
      at_risk: 0.75
      pause_statuses: [pending]
      targets:
        P1: { response: 1h, resolution: 4h }
        P2: { response: 4h, resolution: 8h }
        P3: { response: 8h, resolution: 16h }
        P4: { response: 8h, resolution: 16h }
  default: standard`,
});

/** An open P1 incident on mail, reported 09:00Z, not acknowledged: at risk from 09:45Z, breached after 10:00Z. */
export const OPEN_P1 = `---
id: INC-2026-0001
title: "Mail down for @everyone <b>now</b>"
kind: incident
status: new
impact: high
urgency: high
services: [mail]
reported_at: 2026-03-02T09:00:00Z
timeline:
  - at: 2026-03-02T09:00:00Z
    status: new
---
Mail is down.
`;

/** INC-2026-0001 acknowledged at 10:40Z and resolved at 10:45Z. */
export const RESOLVED_P1 = `---
id: INC-2026-0001
title: "Mail down for @everyone <b>now</b>"
kind: incident
status: resolved
impact: high
urgency: high
services: [mail]
reported_at: 2026-03-02T09:00:00Z
acknowledged_at: 2026-03-02T10:40:00Z
resolved_at: 2026-03-02T10:45:00Z
timeline:
  - at: 2026-03-02T09:00:00Z
    status: new
  - at: 2026-03-02T10:40:00Z
    status: investigating
  - at: 2026-03-02T10:45:00Z
    status: resolved
---
Mail is down.
`;

/** A P2 on the website, acknowledged: its clocks run calmly all morning. */
export const CALM_P2 = `---
id: INC-2026-0002
title: Website slow
kind: incident
status: investigating
impact: high
urgency: medium
services: [web]
reported_at: 2026-03-02T09:00:00Z
acknowledged_at: 2026-03-02T09:10:00Z
timeline:
  - at: 2026-03-02T09:00:00Z
    status: new
  - at: 2026-03-02T09:10:00Z
    status: investigating
---
Slow.
`;

export interface TestRepo {
  dir: string;
  cleanup: () => void;
  write(file: string, text: string): void;
  git(...args: string[]): string;
}

export function makeRepo(files: Record<string, string> = {}): TestRepo {
  const { dir, cleanup } = tempRepository('github', CONFIG, files);
  return {
    dir,
    cleanup,
    write: (file, text) => writeFile(dir, file, text),
    git: (...args) => git(dir, ...args),
  };
}

/** The environment a GitHub Actions job gives the command, pointed at the fake server, with no waits. */
export function githubEnv(fake: FakeGithub, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_TOKEN: fake.token,
    GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
    GITHUB_API_URL: fake.url,
    OPSBOOK_GITHUB_WAIT_SCALE: '0',
    ...extra,
  };
}

export function runGithub(
  repo: TestRepo,
  fake: FakeGithub,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  return runCli(['github', ...args], { cwd: repo.dir, env: githubEnv(fake, env) });
}
