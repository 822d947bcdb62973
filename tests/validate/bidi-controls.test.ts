/**
 * `text/bidi-control`: embeddings, overrides and isolates in text the public site shows are
 * errors at their line; the direction marks (LRM, RLM, ALM) and internal notes are fine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';
const RLM = '\u200F';
const LRM = '\u200E';
const ALM = '\u061C';

const CONFIG = (serviceName: string) =>
  configYaml({
    name: 'Bidi',
    services: `\n  mail: { name: "${serviceName}", group: central, owner: ops }`,
    sla: `
  policies:
    standard: { calendar: mon-fri, targets: { P1: { response: 1h, resolution: 4h } } }
  default: standard`,
  });

function ticket(id: string, title: string, timeline: string, body: string): string {
  return `---
id: ${id}
title: "${title}"
kind: incident
status: investigating
impact: high
urgency: high
services: [mail]
reported_at: 2026-03-02T09:00:00+01:00
timeline:
${timeline}---
${body}`;
}

const ENTRY = (pub: string, note: string) =>
  `  - at: 2026-03-02T09:00:00+01:00\n    status: investigating\n    public: "${pub}"\n    note: "${note}"\n`;

function runbook(audience: string, title: string): string {
  return `---
id: mail-restore
title: "${title}"
services: [mail]
scenario: The mail server is gone.
owner: ops
audience: ${audience}
last_reviewed: 2026-01-10
review_every: 180d
---
## Steps

1. Restore ${RLO}it${PDI}.
`;
}

interface Finding {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
}

let cleanup = () => {};
afterEach(() => cleanup());

async function findings(config: string, files: Record<string, string>): Promise<Finding[]> {
  const repo = tempRepository('bidi', config, files);
  cleanup = repo.cleanup;
  const result = await runCli(['validate', '--format', 'json'], {
    cwd: repo.dir,
    now: Date.parse('2026-03-02T12:00:00Z'),
  });
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings.filter(
    (f) => f.code === 'text/bidi-control',
  );
}

describe('bidirectional controls', () => {
  it('are errors in titles, public updates and the review, at their line', async () => {
    const got = await findings(CONFIG('E-mail'), {
      'incidents/2026/INC-2026-0001.md': ticket(
        'INC-2026-0001',
        `Mail ${RLO}nwod${PDI}`,
        ENTRY('We look into it.', 'fine') + ENTRY(`All ${LRI}good${PDI}`, 'fine'),
        `Description with ${RLO} is internal.\n\n## Summary\n\nThe cause was ${RLO}elif${PDI}.\n`,
      ),
    });
    expect(got.map((f) => `${f.line}:${f.col}`)).toEqual(['3:8', '17:13', '24:15']);
    expect(got[0]?.message).toContain('"title" contains U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(got[1]?.message).toContain('"timeline[1].public" contains U+2066 LEFT-TO-RIGHT ISOLATE');
    expect(got[2]?.message).toContain('the post-incident review contains U+202E');
  });

  it('are allowed in internal notes and the description; direction marks are allowed anywhere', async () => {
    const got = await findings(CONFIG(`E${RLM}-mail`), {
      'incidents/2026/INC-2026-0001.md': ticket(
        'INC-2026-0001',
        `Mail ${LRM}down${RLM} ${ALM}`,
        ENTRY(`Public ${RLM}text`, `Internal ${RLO}note${PDI}`),
        `The description may quote ${RLO}anything${PDI}.\n`,
      ),
      'runbooks/mail/mail-restore.md': runbook('internal', `Internal ${RLO}runbook`),
    });
    expect(got).toEqual([]);
  });

  it('are errors in public runbooks and in the names the status page shows', async () => {
    const got = await findings(CONFIG(`E-${RLO}liam`), {
      'runbooks/mail/mail-restore.md': runbook('public', `Restore ${LRI}mail${PDI}`),
    });
    expect(got.map((f) => `${f.file}:${f.line}`)).toEqual([
      'opsbook.yaml:5',
      'runbooks/mail/mail-restore.md:3',
      'runbooks/mail/mail-restore.md:13',
    ]);
  });
});
