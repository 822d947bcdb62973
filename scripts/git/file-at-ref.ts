/**
 * File contents at a revision, for many files from ONE `git cat-file --batch` process (never a
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

  // `REF:./path` is relative to the working folder, so `root` may lie below the top level.
  const input = asked.map((f) => `${ref}:./${f}\n`).join('');
  const output = await runCatFile(root, input);

  let pos = 0;
  for (const file of asked) {
    const headerEnd = output.indexOf(0x0a, pos);
    // git answers every line it is given, so a short answer is a bug (here or in git).
    if (headerEnd === -1) throw new Error(`git cat-file: the output ends before the answer for ${file}`);
    const header = output.subarray(pos, headerEnd).toString('utf8');
    pos = headerEnd + 1;
    // `<name> missing` (or `ambiguous`) has no content; `<oid> <type> <size>` is followed by
    // <size> bytes and a line feed.
    const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
    if (!m) continue;
    const size = Number(m[2]);
    const content = output.subarray(pos, pos + size);
    pos += size + 1;
    if (m[1] === 'blob') result.set(file, content);
  }
  return result;
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
