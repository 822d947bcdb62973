/**
 * File contents at a revision, for many files from two `git cat-file --batch` processes (never a
 * `git show` per file): `validate --changed-since` compares the changed tickets with their
 * version at the merge base.
 *
 * This is a plain `child_process.spawn` rather than simple-git: `cat-file --batch` reads the
 * object names from stdin, which simple-git cannot feed.
 */
import { spawn } from 'node:child_process';
import { ExitError } from '../lib/errors.ts';

/**
 * The bytes of each file at `ref`, by its path relative to `root` (which may be a subfolder of
 * the repository), or null where `ref` has no such file (or has a folder there).
 *
 * Two `cat-file --batch` runs: the trees of the files' folders, then the files' blobs by object
 * name. Asking for `REF:path` per file instead makes git search the folder's tree for every file,
 * which for thousands of changed tickets in a year folder of thousands takes seconds to minutes.
 */
export async function readFilesAtRef(
  root: string,
  ref: string,
  files: readonly string[],
): Promise<Map<string, Uint8Array | null>> {
  const result = new Map<string, Uint8Array | null>();
  // A name with a line break cannot be written to --batch's line-based input.
  const asked = [...new Set(files)].filter((f) => !/[\r\n]/.test(f));
  for (const f of files) result.set(f, null);
  if (asked.length === 0) return result;

  // `REF:./folder` is relative to the working folder, so `root` may lie below the top level.
  const folders = [...new Set(asked.map(folderOf))];
  const trees = await catFile(
    root,
    folders.map((d) => `${ref}:./${d}`),
  );
  const objectOf = new Map<string, string>();
  folders.forEach((folder, i) => {
    const tree = trees[i];
    if (tree?.type !== 'tree') return;
    for (const entry of treeEntries(tree.content, tree.oid.length / 2)) {
      if (entry.mode !== TREE_MODE)
        objectOf.set(folder === '' ? entry.name : `${folder}/${entry.name}`, entry.oid);
    }
  });
  const found = asked.filter((f) => objectOf.has(f));
  const objects = await catFile(
    root,
    found.map((f) => objectOf.get(f) as string),
  );
  found.forEach((file, i) => {
    const object = objects[i];
    if (object?.type === 'blob') result.set(file, object.content);
  });
  return result;
}

function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** A tree entry's mode for a folder (git writes it without a leading zero). */
const TREE_MODE = '40000';

/** The entries of a tree object: `<mode> <name>\0<object name, raw>` one after the other. */
function* treeEntries(
  tree: Buffer,
  oidBytes: number,
): Generator<{ mode: string; name: string; oid: string }> {
  let pos = 0;
  while (pos < tree.length) {
    const space = tree.indexOf(0x20, pos);
    const nul = tree.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 1 + oidBytes > tree.length) return;
    yield {
      mode: tree.toString('latin1', pos, space),
      name: tree.toString('utf8', space + 1, nul),
      oid: tree.toString('hex', nul + 1, nul + 1 + oidBytes),
    };
    pos = nul + 1 + oidBytes;
  }
}

interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

/** One answer per request (`REF:path` or an object name), in order: null where git has none. */
async function catFile(root: string, requests: readonly string[]): Promise<(GitObject | null)[]> {
  if (requests.length === 0) return [];
  const output = await runCatFile(root, requests.map((r) => `${r}\n`).join(''));
  const objects: (GitObject | null)[] = [];
  let pos = 0;
  for (const request of requests) {
    const headerEnd = output.indexOf(0x0a, pos);
    // git answers every line it is given, so a short answer is a bug (here or in git).
    if (headerEnd === -1) throw new Error(`git cat-file: the output ends before the answer for ${request}`);
    const header = output.subarray(pos, headerEnd).toString('utf8');
    pos = headerEnd + 1;
    // `<name> missing` (or `ambiguous`) has no content; `<oid> <type> <size>` is followed by
    // <size> bytes and a line feed.
    const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
    if (!m) {
      objects.push(null);
      continue;
    }
    const size = Number(m[3]);
    objects.push({ oid: m[1] as string, type: m[2] as string, content: output.subarray(pos, pos + size) });
    pos += size + 1;
  }
  return objects;
}

function runCatFile(root: string, input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => reject(new ExitError(`git failed: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new ExitError(`git cat-file failed: ${stderr.split('\n')[0] || `exit code ${code}`}`));
    });
    // A closed pipe (git exited early) is reported through 'close' with git's own message.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
