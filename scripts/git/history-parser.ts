/**
 * The parser of the history pass (`history.ts`): reads the output of
 * `git log --reverse -M -p --unified=0` line by line, as it arrives, and keeps per ticket file
 * who created it and when, its last change, every change of the frontmatter's `status:` and the
 * IDs it had before a rename (`opsbook renumber`). Patch headers give creations, deletions and
 * renames; zero-context hunks give the `status:` lines. Several parsers can read consecutive
 * ranges of the history side by side and be joined in order (`defer`, `absorb`).
 */
import { basename } from 'node:path';
import { isoUtcOfSeconds } from '../model/time.ts';

/** One commit that touched a ticket file. `at` is the author date, ISO 8601 in UTC. */
export interface TicketChange {
  commit: string;
  author: string;
  email: string;
  at: string;
}

/** A status change; the commit that created the ticket is the first one, `from: null`. */
export interface StatusChange extends TicketChange {
  from: string | null;
  to: string;
}

/** What the log says about one ticket file. */
export interface TicketHistory {
  created: TicketChange;
  lastChange: TicketChange;
  statusChanges: StatusChange[];
  /** Former IDs, oldest first, when the file was renamed (`opsbook renumber`). */
  renamedFrom?: string[];
}

/** Starts each commit's header line; no patch line can start with it. */
const COMMIT_MARK = '\x1e';

/** The `--format` of the log whose header lines the parser reads. */
export const HISTORY_LOG_FORMAT = `--format=${COMMIT_MARK}%H%x1f%an%x1f%ae%x1f%at`;

interface FileState {
  history: TicketHistory;
  /** The status in the file's current version, as far as the log showed it. */
  status: string | null;
}

interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  added: boolean;
  deleted: boolean;
  removedStatus: string | null;
  addedStatus: string | null;
  /** Creation hunks show the whole file: only `status:` inside the frontmatter counts. */
  newLine: number;
  inFrontmatter: boolean;
}

/** `status: investigating  # note` -> `investigating`; quotes and a CR are dropped. */
export function statusValue(rest: string): string | null {
  let value = rest.replace(/\r$/, '');
  const comment = value.search(/\s#/);
  if (comment >= 0) value = value.slice(0, comment);
  value = value.trim();
  const quoted = /^(['"])(.*)\1$/.exec(value);
  if (quoted) value = quoted[2] as string;
  return value.length > 0 ? value : null;
}

function unquotePath(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    // Git quotes names with special characters C-style; JSON reads the common escapes.
    return JSON.parse(path) as string;
  } catch {
    return path.slice(1, -1);
  }
}

/** `a/X b/X` -> X (only unambiguous when both names are equal, which holds without renames). */
function headerPath(rest: string): string | null {
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ');
    return end > 0 ? unquotePath(rest.slice(0, end + 1)).replace(/^a\//, '') : null;
  }
  const half = (rest.length - 1) / 2;
  if (!Number.isInteger(half)) return null;
  const left = rest.slice(0, half);
  return left.startsWith('a/') ? left.slice(2) : null;
}

function stripPrefix(path: string, prefix: 'a/' | 'b/'): string | null {
  const name = unquotePath(path.replace(/\t$/, ''));
  if (name === '/dev/null') return null;
  return name.startsWith(prefix) ? name.slice(2) : name;
}

function ticketId(path: string): string | null {
  return path.endsWith('.md') ? basename(path, '.md') : null;
}

/** Incremental parser of the log output: feed it lines in order, then call `finish`. */
export class HistoryParser {
  private readonly files = new Map<string, FileState>();
  private commit: TicketChange | null = null;
  private patch: FilePatch | null = null;
  private inHunk = false;
  /** Set for a later range of commits: its patches wait until the earlier ranges are applied. */
  private deferred: [TicketChange, FilePatch][] | null = null;

  /** Buffers the parsed patches (small: paths and status values) instead of applying them. */
  defer(): this {
    this.deferred = [];
    return this;
  }

  /** Applies the patches a deferred parser buffered, after the ones this parser applied. */
  absorb(later: HistoryParser): void {
    this.endPatch();
    later.endPatch();
    for (const [commit, patch] of later.deferred ?? []) this.apply(commit, patch);
    later.deferred = [];
  }

  line(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith(COMMIT_MARK)) {
      this.endPatch();
      const [commit = '', author = '', email = '', seconds = '0'] = line.slice(1).split('\x1f');
      this.commit = { commit, author, email, at: isoUtcOfSeconds(Number(seconds)) };
      return;
    }
    if (line.startsWith('diff --git ')) {
      this.endPatch();
      const path = headerPath(line.slice('diff --git '.length));
      this.patch = {
        oldPath: path,
        newPath: path,
        added: false,
        deleted: false,
        removedStatus: null,
        addedStatus: null,
        newLine: 0,
        inFrontmatter: false,
      };
      this.inHunk = false;
      return;
    }
    const patch = this.patch;
    if (!patch) return;
    if (!this.inHunk) {
      if (line.startsWith('@@')) {
        this.inHunk = true;
      } else if (line.startsWith('new file mode')) patch.added = true;
      else if (line.startsWith('deleted file mode')) patch.deleted = true;
      else if (line.startsWith('rename from ')) patch.oldPath = unquotePath(line.slice(12));
      else if (line.startsWith('rename to ')) patch.newPath = unquotePath(line.slice(10));
      else if (line.startsWith('--- ')) patch.oldPath = stripPrefix(line.slice(4), 'a/');
      else if (line.startsWith('+++ ')) patch.newPath = stripPrefix(line.slice(4), 'b/');
      return;
    }
    if (line.startsWith('@@')) return;
    const sign = line[0];
    if (sign === '+' && patch.added) {
      // The creation hunk is the whole file: track the frontmatter fences.
      patch.newLine++;
      const text = line.slice(1);
      if (patch.newLine === 1) {
        patch.inFrontmatter = text.trimEnd() === '---';
        return;
      }
      if (!patch.inFrontmatter) return;
      if (text.trimEnd() === '---') {
        patch.inFrontmatter = false;
        return;
      }
      if (patch.addedStatus === null && text.startsWith('status:'))
        patch.addedStatus = statusValue(text.slice(7));
      return;
    }
    // Only top-level keys (column 0) count: timeline entries indent their `status:`.
    if (sign === '-' && line.startsWith('-status:')) {
      if (patch.removedStatus === null) patch.removedStatus = statusValue(line.slice(8));
    } else if (sign === '+' && line.startsWith('+status:')) {
      if (patch.addedStatus === null) patch.addedStatus = statusValue(line.slice(8));
    }
  }

  private endPatch(): void {
    const patch = this.patch;
    const commit = this.commit;
    this.patch = null;
    this.inHunk = false;
    if (!patch || !commit) return;
    if (this.deferred) this.deferred.push([commit, patch]);
    else this.apply(commit, patch);
  }

  private apply(commit: TicketChange, patch: FilePatch): void {
    const { oldPath, newPath } = patch;
    if (patch.deleted || newPath === null) {
      if (oldPath !== null) this.files.delete(oldPath);
      return;
    }
    if (ticketId(newPath) === null) return;
    let state: FileState | undefined;
    if (!patch.added && oldPath !== null) {
      state = this.files.get(oldPath);
      if (state && oldPath !== newPath) {
        this.files.delete(oldPath);
        const oldId = ticketId(oldPath);
        if (oldId !== null && oldId !== ticketId(newPath)) {
          state.history.renamedFrom = [...(state.history.renamedFrom ?? []), oldId];
        }
      }
    }
    if (!state) {
      // A new file (or one whose earlier history lies outside the folder or the log).
      state = {
        history: { created: commit, lastChange: commit, statusChanges: [] },
        status: null,
      };
      if (patch.addedStatus !== null) {
        state.history.statusChanges.push({ ...commit, from: null, to: patch.addedStatus });
        state.status = patch.addedStatus;
      }
      this.files.set(newPath, state);
      return;
    }
    this.files.set(newPath, state);
    state.history.lastChange = commit;
    const to = patch.addedStatus;
    if (to !== null && to !== state.status) {
      const from = state.status ?? patch.removedStatus;
      state.history.statusChanges.push({ ...commit, from, to });
      state.status = to;
    }
  }

  /** The histories of the files that exist at the end of the log, by ticket ID. */
  finish(): Map<string, TicketHistory> {
    this.endPatch();
    const result = new Map<string, TicketHistory>();
    for (const [path, state] of this.files) {
      const id = ticketId(path);
      if (id !== null) result.set(id, state.history);
    }
    return result;
  }
}
