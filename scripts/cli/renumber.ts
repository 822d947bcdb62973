/**
 * `opsbook renumber OLD NEW`: gives a ticket a new ID (after two pull requests took the same
 * number) and rewrites every reference to it, leaving everything else in every file as it was.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { replaceTicketId } from '../derive/renumber-text.ts';
import { parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { applyChange, interruptionFrom, recoverJournal } from '../lib/journal.ts';
import { findRepositoryRoot, listMarkdownFiles, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import { idFromPath, parseTicketId, ticketPath } from '../model/ids.ts';
import { FIRST_YEAR, LAST_YEAR } from '../model/time.ts';

const renumberHelp = `Usage: opsbook renumber OLD-ID NEW-ID [--root DIR]

Moves incidents/<year>/OLD-ID.md to NEW-ID's file, sets its id, and rewrites every reference to
OLD-ID in tickets and runbooks (duplicate_of, problem, related, caused_by_change and mentions in
the text). Nothing else in any file changes. Both IDs must have the same kind prefix.
Files that are not valid UTF-8 are never rewritten (the command refuses). All files change
together: an interrupted run is completed by the next opsbook command that writes.
`;

export async function renumberCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'renumber',
    args,
    { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    io.stdout.write(renumberHelp);
    return 0;
  }
  const [oldId, newId] = positionals;
  if (positionals.length !== 2 || !oldId || !newId)
    throw new ExitError('give the old and the new ID: opsbook renumber OLD NEW');
  const oldParsed = parseTicketId(oldId);
  const newParsed = parseTicketId(newId);
  if (!oldParsed) throw new ExitError(`"${oldId}" is not a ticket ID`);
  if (!newParsed) throw new ExitError(`"${newId}" is not a ticket ID (like INC-2026-0042)`);
  if (oldParsed.prefix !== newParsed.prefix) {
    throw new ExitError(
      `${oldId} and ${newId} have different kinds (${oldParsed.prefix} vs ${newParsed.prefix})`,
    );
  }
  if (newParsed.year < FIRST_YEAR || newParsed.year > LAST_YEAR)
    throw new ExitError(`${newId}: the year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const recovered = recoverJournal(root);
  if (recovered) io.stderr.write(`opsbook renumber: ${recovered}\n`);
  const files = [...listMarkdownFiles(root, TICKET_DIR).files, ...listMarkdownFiles(root, RUNBOOK_DIR).files];
  const ids = new Set(files.map(idFromPath));
  const oldFile = ticketPath(oldId);
  if (!files.includes(oldFile)) throw new ExitError(`no ticket file ${oldFile}`);
  if (ids.has(newId)) throw new ExitError(`${newId} exists already`);

  // Compute every new text first, then write all files as one journaled change.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const needle = Buffer.from(oldId);
  const writes: Array<{ path: string; content: string }> = [];
  for (const file of files) {
    const bytes = readFileSync(join(root, file));
    if (!bytes.includes(needle)) continue;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new ExitError(
        `${file} mentions ${oldId} but is not valid UTF-8; nothing was changed (save it as UTF-8 first: opsbook validate ${file})`,
      );
    }
    const next = replaceTicketId(text, oldId, newId);
    if (next !== text || file === oldFile)
      writes.push({ path: file === oldFile ? ticketPath(newId) : file, content: next });
  }
  const newFile = ticketPath(newId);
  if (!writes.some((w) => w.path === newFile)) throw new ExitError(`${oldFile} does not mention its own ID`);
  applyChange(
    root,
    `renumber ${oldId} ${newId}`,
    { write: writes, delete: [oldFile] },
    interruptionFrom(io.env),
  );
  const changed = writes.filter((w) => w.path !== newFile).length;
  io.stdout.write(
    `${oldFile} → ${newFile}; references rewritten in ${changed} other ${changed === 1 ? 'file' : 'files'}\n`,
  );
  return 0;
}
