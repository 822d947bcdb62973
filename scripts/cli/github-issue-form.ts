/**
 * `opsbook github issue-form [--check]`: writes the public services of opsbook.yaml into the
 * "Report an outage" issue form's service choices (the rest of the form stays as it is).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  formServiceOptions,
  ISSUE_FORM_FILE,
  rewriteServiceOptions,
  serviceOptions,
} from '../derive/issue-form-services.ts';
import { parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { usableConfig } from './inputs.ts';

const issueFormHelp = `Usage: opsbook github issue-form [--check] [--root DIR]

Writes the public services of opsbook.yaml (each as "<name> (<id>)") into the service choices
of ${ISSUE_FORM_FILE}. Run it after changing services; \`opsbook validate\` warns
(github/issue-form-services) while they differ. With --check nothing is written: exit 1 when the
form differs.
`;

export async function issueForm(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('github issue-form', args, {
    check: { type: 'boolean' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(issueFormHelp);
    return 0;
  }
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const config = usableConfig(root, io, 'github issue-form');
  const path = join(root, ISSUE_FORM_FILE);
  if (!existsSync(path)) throw new ExitError(`${ISSUE_FORM_FILE} does not exist`);
  const text = readFileSync(path, 'utf8');
  const wanted = serviceOptions(config);
  const current = formServiceOptions(text);
  if (!current) throw new ExitError(`${ISSUE_FORM_FILE} has no dropdown with the id "service"`);
  if (current.options.join('\n') === wanted.join('\n')) {
    io.stdout.write(`${ISSUE_FORM_FILE} offers the public services already\n`);
    return 0;
  }
  if (values.check) {
    io.stdout.write(
      `${ISSUE_FORM_FILE} differs from opsbook.yaml: it offers ${current.options.join(', ')}; expected ${wanted.join(', ')}\n`,
    );
    return 1;
  }
  if (wanted.length === 0) throw new ExitError('opsbook.yaml has no public service for the form to offer');
  const rewritten = rewriteServiceOptions(text, wanted);
  if (rewritten === null)
    throw new ExitError(
      `the service choices in ${ISSUE_FORM_FILE} are not a block list ("- " lines); write them so once`,
    );
  writeFileAtomic(path, rewritten);
  io.stdout.write(`${ISSUE_FORM_FILE}: ${wanted.length} service(s): ${wanted.join(', ')}\n`);
  return 0;
}
