import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTicketHistory } from '../../scripts/git/history.ts';
import { HistoryParser, statusValue } from '../../scripts/git/history-parser.ts';
import { commitAll, type GitPerson, git, gitInit, writeFile } from '../helpers/repo.ts';

// The authors; the committer is always another (GIT_PERSON): history reports the author.
const A: GitPerson = { name: 'Ada Author', email: 'ada@example.com' };
const B: GitPerson = { name: 'Bo Builder', email: 'bo@example.com' };
const C: GitPerson = { name: 'Cy Closer', email: 'cy@example.com' };
const D: GitPerson = { name: 'Di Renumber', email: 'di@example.com' };

function ticket(id: string, status: string, extra = '', body = 'Mail is slow.\n'): string {
  return `---\nid: ${id}\ntitle: Mail delays\nkind: incident\nstatus: ${status}\nimpact: low\nurgency: low\nreported_at: 2026-03-05T10:00:00+01:00\n${extra}---\n${body}`;
}

describe('readTicketHistory', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  function repo(): string {
    dir = mkdtempSync(join(tmpdir(), 'opsbook-history-'));
    gitInit(dir);
    return dir;
  }

  it('reports creation, status changes by author, the last change and a renumber', async () => {
    const d = repo();
    const one = 'incidents/2026/INC-2026-0001.md';
    writeFile(d, one, ticket('INC-2026-0001', 'new'));
    writeFile(d, 'opsbook.yaml', 'services: []\n');
    const c1 = commitAll(d, 'open', { author: A, date: '2026-03-05T10:00:00+01:00' });

    const timeline = 'timeline:\n  - at: 2026-03-05T10:30:00+01:00\n    status: investigating\n';
    writeFile(d, one, ticket('INC-2026-0001', 'investigating', timeline));
    const c2 = commitAll(d, 'investigate', { author: B, date: '2026-03-05T10:30:00+01:00' });

    // Body only: a change, but not a status change.
    writeFile(d, one, ticket('INC-2026-0001', 'investigating', timeline, 'Mail is slow.\nMore.\n'));
    const c3 = commitAll(d, 'notes', { author: A, date: '2026-03-05T11:00:00+01:00' });

    // Something outside incidents/ is not part of any ticket's history.
    writeFile(d, 'opsbook.yaml', 'services: [mail]\n');
    commitAll(d, 'config', { author: B, date: '2026-03-05T11:15:00+01:00' });

    const resolved = `${timeline}  - at: 2026-03-05T12:00:00+01:00\n    status: resolved\nresolved_at: 2026-03-05T12:00:00+01:00\n`;
    writeFile(d, one, ticket('INC-2026-0001', 'resolved', resolved, 'Mail is slow.\nMore.\n'));
    const c4 = commitAll(d, 'resolve', { author: C, date: '2026-03-05T12:00:00+01:00' });

    // `opsbook renumber`: the file moves and its id changes.
    const two = 'incidents/2026/INC-2026-0002.md';
    git(d, 'mv', one, two);
    writeFile(d, two, ticket('INC-2026-0002', 'resolved', resolved, 'Mail is slow.\nMore.\n'));
    const c5 = commitAll(d, 'renumber', { author: D, date: '2026-03-06T08:00:00Z' });

    const history = await readTicketHistory(d);
    expect([...history.keys()]).toEqual(['INC-2026-0002']);
    // Read in consecutive ranges by parallel processes, the history is the same.
    for (const parallel of [2, 3, 4]) {
      expect(await readTicketHistory(d, { parallel, minCommitsToSplit: 1 })).toEqual(history);
    }
    const at = (who: GitPerson, commitId: string, iso: string) => ({
      commit: commitId,
      author: who.name,
      email: who.email,
      at: iso,
    });
    expect(history.get('INC-2026-0002')).toEqual({
      created: at(A, c1, '2026-03-05T09:00:00Z'),
      lastChange: at(D, c5, '2026-03-06T08:00:00Z'),
      statusChanges: [
        { ...at(A, c1, '2026-03-05T09:00:00Z'), from: null, to: 'new' },
        { ...at(B, c2, '2026-03-05T09:30:00Z'), from: 'new', to: 'investigating' },
        { ...at(C, c4, '2026-03-05T11:00:00Z'), from: 'investigating', to: 'resolved' },
      ],
      renamedFrom: ['INC-2026-0001'],
    });
    expect(c3).not.toBe(c4);
  });

  it('reads CRLF files, ignores indented and body status lines, drops deleted tickets', async () => {
    const d = repo();
    const crlf = 'incidents/2025/REQ-2025-0007.md';
    writeFile(d, crlf, ticket('REQ-2025-0007', 'new').replaceAll('\n', '\r\n'));
    // A body line that looks like the key is not the ticket's status.
    const body = 'Steps:\nstatus: copied from a log\n';
    const other = 'incidents/2025/INC-2025-0003.md';
    writeFile(d, other, ticket('INC-2025-0003', "'triaged'  # quoted", '', body));
    const gone = 'incidents/2025/INC-2025-0004.md';
    writeFile(d, gone, ticket('INC-2025-0004', 'new'));
    const c1 = commitAll(d, 'open', { author: A, date: '2025-12-31T23:30:00-01:00' });

    writeFile(d, crlf, ticket('REQ-2025-0007', 'pending').replaceAll('\n', '\r\n'));
    // Only timeline entries change: indented `status:` keys are not the ticket's status.
    writeFile(
      d,
      other,
      ticket(
        'INC-2025-0003',
        "'triaged'  # quoted",
        'timeline:\n  - at: 2026-01-01T02:00:00+01:00\n    status: investigating\n',
        body,
      ),
    );
    rmSync(join(d, gone));
    const c2 = commitAll(d, 'update', { author: B, date: '2026-01-01T01:00:00Z' });

    // A rewrite to LF endings shows every line as -/+, the status value stays the same.
    writeFile(d, crlf, ticket('REQ-2025-0007', 'pending'));
    const c3 = commitAll(d, 'line endings', { author: C, date: '2026-01-02T00:00:00Z' });

    const history = await readTicketHistory(d);
    expect([...history.keys()].sort()).toEqual(['INC-2025-0003', 'REQ-2025-0007']);
    const req = history.get('REQ-2025-0007');
    expect(req?.created).toEqual({
      commit: c1,
      author: A.name,
      email: A.email,
      at: '2026-01-01T00:30:00Z',
    });
    expect(req?.lastChange.commit).toBe(c3);
    expect(req?.statusChanges.map((s) => [s.commit, s.author, s.from, s.to])).toEqual([
      [c1, A.name, null, 'new'],
      [c2, B.name, 'new', 'pending'],
    ]);
    expect(req?.renamedFrom).toBeUndefined();
    const inc = history.get('INC-2025-0003');
    expect(inc?.lastChange.commit).toBe(c2);
    expect(inc?.statusChanges.map((s) => [s.from, s.to])).toEqual([[null, 'triaged']]);
  });

  it('reads a folder inside a larger repository, and a repository without commits', async () => {
    const d = repo();
    expect((await readTicketHistory(d)).size).toBe(0);
    writeFile(d, 'ops/incidents/2026/MNT-2026-0001.md', ticket('MNT-2026-0001', 'scheduled'));
    writeFile(d, 'incidents/2026/INC-2026-0009.md', ticket('INC-2026-0009', 'new'));
    const c1 = commitAll(d, 'open', { author: A, date: '2026-02-01T00:00:00Z' });
    const history = await readTicketHistory(join(d, 'ops'));
    expect([...history.keys()]).toEqual(['MNT-2026-0001']);
    expect(history.get('MNT-2026-0001')?.created.commit).toBe(c1);
    await expect(readTicketHistory(d, { ref: 'no-such-branch' })).rejects.toThrow(/not a commit/);
  });
});

describe('HistoryParser', () => {
  it('reads status values with quotes, comments and CR', () => {
    expect(statusValue(' "resolved"\r')).toBe('resolved');
    expect(statusValue(' monitoring # waiting')).toBe('monitoring');
    expect(statusValue(' ')).toBeNull();
  });

  it('follows a pure rename that has no hunks', () => {
    const p = new HistoryParser();
    const lines = [
      '\x1eaaa\x1fA\x1fa@x\x1f0',
      'diff --git a/incidents/INC-1.md b/incidents/INC-1.md',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/incidents/INC-1.md',
      '@@ -0,0 +1,3 @@',
      '+---',
      '+status: new',
      '+---',
      '\x1ebbb\x1fB\x1fb@x\x1f60',
      'diff --git a/incidents/INC-1.md b/incidents/INC-2.md',
      'similarity index 100%',
      'rename from incidents/INC-1.md',
      'rename to incidents/INC-2.md',
    ];
    for (const line of lines) p.line(line);
    const h = p.finish().get('INC-2');
    expect(h?.renamedFrom).toEqual(['INC-1']);
    expect(h?.lastChange).toEqual({ commit: 'bbb', author: 'B', email: 'b@x', at: '1970-01-01T00:01:00Z' });
    expect(h?.statusChanges).toHaveLength(1);
  });
});
