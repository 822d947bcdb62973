import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFilesAtRef } from '../../scripts/git/file-at-ref.ts';
import { copyFixture, runCli, tempDir } from '../helpers/cli.ts';
import { commitAll, featureBranch, git, gitInit, writeFile } from '../helpers/repo.ts';

const FILE = 'incidents/2026/INC-2026-0003.md';

// Line 3 is the title, line 18 the timeline note, line 27 the first body line.
const CLOSED = `---
id: INC-2026-0003
title: Mail delays
kind: incident
status: closed
impact: low
urgency: low
services: [mail]
reported_at: 2026-03-05T10:00:00+01:00
acknowledged_at: 2026-03-05T10:10:00+01:00
resolved_at: 2026-03-05T12:00:00+01:00
closed_at: 2026-03-06T09:00:00+01:00
timeline:
  - at: 2026-03-05T10:00:00+01:00
    status: new
  - at: 2026-03-05T10:10:00+01:00
    status: investigating
    note: Queue stuck, like INC-2026-0001.
  - at: 2026-03-05T12:00:00+01:00
    status: resolved
  - at: 2026-03-06T09:00:00+01:00
    status: closed
customer: acme
team: ops
---
The mail queue was stuck.
Restarting the transport service fixed it.
`;

interface JsonFinding {
  code: string;
  severity: string;
  file: string;
  line: number;
  col: number;
  message: string;
}

const MESSAGE_TAIL =
  'without reopening it: add a timeline entry that reopens it, or change only review, actions, prevention, problem, related and the review section';

describe('history/closed-edited (validate --changed-since)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** The clean fixture plus a closed ticket, committed on main; HEAD on a new branch. */
  function repo(): string {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const dir = fixture.dir;
    writeFileSync(join(dir, FILE), CLOSED);
    featureBranch(dir);
    return dir;
  }

  function edit(dir: string, file: string, change: (text: string) => string): void {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = change(before);
    expect(after).not.toBe(before);
    writeFileSync(path, after);
  }

  async function validate(
    dir: string,
    ...extra: string[]
  ): Promise<{ code: number; findings: JsonFinding[] }> {
    const result = await runCli(['validate', '--changed-since', 'main', '--format', 'json', ...extra], {
      cwd: dir,
    });
    expect(result.stderr).toBe('');
    return {
      code: result.code,
      findings: (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings,
    };
  }

  it('warns at the changed field when a closed ticket is edited in a commit', async () => {
    const dir = repo();
    edit(dir, FILE, (t) => t.replace('title: Mail delays', 'title: Mail delays for all customers'));
    commitAll(dir, 'rename');
    expect(await validate(dir)).toEqual({
      code: 0,
      findings: [
        {
          code: 'history/closed-edited',
          severity: 'warning',
          file: FILE,
          line: 3,
          col: 1,
          message: `INC-2026-0003 was closed on main and this change edits title ${MESSAGE_TAIL}`,
        },
      ],
    });
    // A whole-repository run compares only uncommitted edits with the last commit: none here.
    const full = await runCli(['validate', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(full.stdout).not.toContain('history/closed-edited');
  });

  it('warns in a whole-repository run about an uncommitted edit of a closed ticket', async () => {
    const dir = repo();
    edit(dir, FILE, (t) => t.replace('title: Mail delays', 'title: Mail delays for all customers'));
    for (const cache of [['--no-cache'], []]) {
      const full = await runCli(['validate', '--format', 'json', ...cache], { cwd: dir });
      expect(full.stderr).toBe('');
      expect((JSON.parse(full.stdout) as { findings: JsonFinding[] }).findings).toEqual([
        {
          code: 'history/closed-edited',
          severity: 'warning',
          file: FILE,
          line: 3,
          col: 1,
          message: `INC-2026-0003 was closed on the last commit and this change edits title ${MESSAGE_TAIL}`,
        },
      ]);
    }
    commitAll(dir, 'rename');
    const after = await runCli(['validate', '--format', 'json'], { cwd: dir });
    expect(after.stdout).not.toContain('history/closed-edited');
  });

  it('points at the first changed line and lists every change, for uncommitted edits too', async () => {
    const dir = repo();
    edit(dir, FILE, (t) =>
      t
        .replace('note: Queue stuck, like INC-2026-0001.', 'note: Queue stuck.')
        .replace('impact: low', 'impact: medium')
        .replace('Restarting the transport service', 'A restart of the transport service'),
    );
    expect((await validate(dir)).findings).toEqual([
      {
        code: 'history/closed-edited',
        severity: 'warning',
        file: FILE,
        line: 6,
        col: 1,
        message: `INC-2026-0003 was closed on main and this change edits impact, timeline[1].note, body ${MESSAGE_TAIL}`,
      },
    ]);
  });

  it('reports a body-only edit at its line', async () => {
    const dir = repo();
    edit(dir, FILE, (t) => t.replace('fixed it.', 'fixed it for good.'));
    commitAll(dir, 'body');
    const { findings } = await validate(dir);
    expect(findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.severity} ${f.code}`)).toEqual([
      `${FILE}:27:1 warning history/closed-edited`,
    ]);
    expect(findings[0]?.message).toBe(
      `INC-2026-0003 was closed on main and this change edits body ${MESSAGE_TAIL}`,
    );
  });

  it('allows the post-incident work, reformatting and renumbered references', async () => {
    const dir = repo();
    const links =
      'team: ops\nproblem: PRB-2026-0001\nrelated: [INC-2026-0001]\nprevention: Monitor the queue.\n' +
      'review: {required: true, due: 2026-03-13, done: true}\n' +
      'actions:\n  - title: Alert on queue length\n    owner: ops\n    due: 2026-04-01\n';
    edit(dir, FILE, (t) => {
      const edited = t
        .replace('title: Mail delays', "title: 'Mail delays'  # quoted now")
        .replace('INC-2026-0001.', 'INC-2026-0007.')
        .replace('team: ops\n', links);
      return `${edited}\n## Summary\n\nThe queue got stuck.\n`;
    });
    commitAll(dir, 'review');
    expect((await validate(dir)).findings.filter((f) => f.code === 'history/closed-edited')).toEqual([]);
  });

  it('says nothing when the change reopens the ticket, even if it closes it again', async () => {
    const dir = repo();
    edit(dir, FILE, (t) =>
      t
        .replace('title: Mail delays', 'title: Mail delays, again')
        .replace('closed_at: 2026-03-06T09:00:00+01:00', 'closed_at: 2026-03-09T09:00:00+01:00')
        .replace(
          '    status: closed\n',
          '    status: closed\n  - at: 2026-03-09T08:00:00+01:00\n    status: investigating\n    note: It happened again.\n' +
            '  - at: 2026-03-09T09:00:00+01:00\n    status: closed\n',
        ),
    );
    commitAll(dir, 'reopen and close');
    expect((await validate(dir)).findings.filter((f) => f.code === 'history/closed-edited')).toEqual([]);
  });

  it('leaves resolved tickets alone and compares with the merge base, not the tip of the target', async () => {
    const dir = repo();
    // main edits the closed ticket after the branch started; the branch only adds a review.
    git(dir, 'checkout', '-q', 'main');
    edit(dir, FILE, (t) => t.replace('title: Mail delays', 'title: Mail delays (main)'));
    commitAll(dir, 'main edit');
    git(dir, 'checkout', '-q', 'feature');
    edit(dir, FILE, (t) => `${t}\n## Post-incident review\n\nText.\n`);
    // A resolved ticket may still change (the review is written after resolution).
    edit(dir, 'incidents/2026/INC-2026-0001.md', (t) => t.replace('Body text.', 'Body text, corrected.'));
    commitAll(dir, 'branch edits');
    expect((await validate(dir)).findings).toEqual([]);
  });

  it('treats cancelled as final and names the status in the message', async () => {
    const dir = repo();
    writeFileSync(
      join(dir, 'incidents/2026/INC-2026-0004.md'),
      '---\nid: INC-2026-0004\ntitle: Printer\nkind: incident\nstatus: cancelled\nimpact: low\nurgency: low\n' +
        'services: [mail]\nreported_at: 2026-03-05T10:00:00+01:00\ntimeline:\n  - at: 2026-03-05T10:00:00+01:00\n' +
        '    status: new\n  - at: 2026-03-05T11:00:00+01:00\n    status: cancelled\n---\nReported by mistake.\n',
    );
    commitAll(dir, 'cancelled ticket');
    git(dir, 'branch', '-f', 'main', 'HEAD');
    edit(dir, 'incidents/2026/INC-2026-0004.md', (t) => t.replace('urgency: low', 'urgency: high'));
    expect((await validate(dir)).findings).toEqual([
      {
        code: 'history/closed-edited',
        severity: 'warning',
        file: 'incidents/2026/INC-2026-0004.md',
        line: 7,
        col: 1,
        message: `INC-2026-0004 was cancelled on main and this change edits urgency ${MESSAGE_TAIL}`,
      },
    ]);
  });
});

describe('readFilesAtRef', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('reads many files at a revision from a subfolder, with null for missing paths and folders', async () => {
    const t = tempDir('file-at-ref');
    cleanup = t.cleanup;
    writeFile(t.dir, 'ops/incidents/a.md', 'first\n');
    writeFile(t.dir, 'ops/incidents/b.md', 'no line end');
    writeFile(t.dir, 'ops/incidents/empty.md', '');
    gitInit(t.dir);
    commitAll(t.dir, 'one');
    writeFile(t.dir, 'ops/incidents/a.md', 'second\n');
    commitAll(t.dir, 'two');

    const root = join(t.dir, 'ops');
    const files = [
      'incidents/a.md',
      'incidents/missing.md',
      'incidents',
      'incidents/b.md',
      'incidents/empty.md',
    ];
    const text = (m: Map<string, Uint8Array | null>) =>
      Object.fromEntries([...m].map(([k, v]) => [k, v === null ? null : Buffer.from(v).toString('utf8')]));
    expect(text(await readFilesAtRef(root, 'HEAD~1', files))).toEqual({
      'incidents/a.md': 'first\n',
      'incidents/missing.md': null,
      incidents: null,
      'incidents/b.md': 'no line end',
      'incidents/empty.md': '',
    });
    expect(text(await readFilesAtRef(root, 'HEAD', ['incidents/a.md']))).toEqual({
      'incidents/a.md': 'second\n',
    });
    await expect(readFilesAtRef(root, 'HEAD', [])).resolves.toEqual(new Map());
  });

  it('finds files in several folders, at the top level and not through a file or a bad revision', async () => {
    const t = tempDir('file-at-ref-folders');
    cleanup = t.cleanup;
    writeFile(t.dir, 'top.md', 'top\n');
    writeFile(t.dir, 'incidents/2025/INC-2025-0001.md', '2025\n');
    writeFile(t.dir, 'incidents/2026/INC-2026-0001.md', '2026 one\n');
    writeFile(t.dir, 'incidents/2026/INC-2026-0002.md', '2026 two\n');
    writeFile(t.dir, 'incidents/2026/sub/deeper.md', 'deeper\n');
    writeFile(t.dir, 'incidents/2026/Ünïcode name.md', 'unicode\n');
    gitInit(t.dir);
    commitAll(t.dir, 'one');

    const files = [
      'incidents/2026/INC-2026-0002.md',
      'top.md',
      'incidents/2025/INC-2025-0001.md',
      'incidents/2026/sub',
      'incidents/2026/sub/deeper.md',
      'incidents/2026/Ünïcode name.md',
      'top.md/inside.md',
      'incidents/2027/INC-2027-0001.md',
      'incidents/2026/INC-2026-0001.md',
      'incidents/2026/INC-2026-0002.md',
    ];
    const text = (m: Map<string, Uint8Array | null>) =>
      [...m].map(([k, v]) => [k, v === null ? null : Buffer.from(v).toString('utf8')]);
    expect(text(await readFilesAtRef(t.dir, 'HEAD', files))).toEqual([
      ['incidents/2026/INC-2026-0002.md', '2026 two\n'],
      ['top.md', 'top\n'],
      ['incidents/2025/INC-2025-0001.md', '2025\n'],
      ['incidents/2026/sub', null],
      ['incidents/2026/sub/deeper.md', 'deeper\n'],
      ['incidents/2026/Ünïcode name.md', 'unicode\n'],
      ['top.md/inside.md', null],
      ['incidents/2027/INC-2027-0001.md', null],
      ['incidents/2026/INC-2026-0001.md', '2026 one\n'],
    ]);
    expect(text(await readFilesAtRef(t.dir, 'no-such-branch', ['top.md']))).toEqual([['top.md', null]]);
  });
});
