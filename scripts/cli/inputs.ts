/**
 * What the whole-repository commands (sla, report, review --check, runbooks) read first, with
 * the same messages everywhere: a usable opsbook.yaml, and the ticket index.
 */
import { isKnownTimeZone } from '../derive/calendar/index.ts';
import { checkConfig } from '../derive/config-rules.ts';
import { type ReviewPolicy, ReviewPolicyError, reviewPolicy } from '../derive/review-policy.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { startProgress } from '../lib/progress.ts';
import { loadConfig } from '../load/repository.ts';
import {
  type IndexWork,
  type TicketIndex,
  type TicketIndexOptions,
  withTicketIndex,
} from '../load/ticket-index.ts';
import type { OpsbookConfig } from '../model/types.ts';

/**
 * opsbook.yaml, or exit 2 when it is missing or fails its schema. With `consequence`, the
 * errors of the consistency rules (calendars, policies) are counted on stderr: the command goes
 * on, and `consequence` says what that means for its output.
 */
export function usableConfig(
  root: string,
  io: CommandIo,
  command: string,
  consequence?: string,
): OpsbookConfig {
  const { config } = loadConfig(root);
  if (!config)
    throw new ExitError('opsbook.yaml is missing or invalid; `opsbook validate opsbook.yaml` says why');
  if (consequence !== undefined) {
    const errors = checkConfig(config).filter((f) => f.severity === 'error').length;
    if (errors > 0) {
      io.stderr.write(
        `opsbook ${command}: opsbook.yaml has ${errors} error(s); ${consequence} (run opsbook validate)\n`,
      );
    }
  }
  return config;
}

/** usableConfig for commands that compute dates in the organisation's zone: exit 2 when it is unknown. */
export function zonedConfig(root: string, io: CommandIo, command: string): OpsbookConfig {
  const config = usableConfig(root, io, command);
  const zone = config.organization.timezone;
  if (!isKnownTimeZone(zone)) throw new ExitError(`organization.timezone "${zone}" is not a known time zone`);
  return config;
}

/**
 * Runs `work` on the ticket index (withTicketIndex: the cache is written afterwards, with the
 * derived values `work` returns), with progress on a terminal and a note about skipped files.
 */
export async function withTicketIndexFor<R>(
  root: string,
  io: CommandIo,
  command: string,
  options: Pick<TicketIndexOptions, 'cache' | 'derive' | 'prepared' | 'onTicket'>,
  work: (index: TicketIndex) => IndexWork<R> | Promise<IndexWork<R>>,
): Promise<R> {
  const progress = startProgress(io, 'reading tickets');
  return withTicketIndex(root, { ...options, onProgress: progress.update }, (index) => {
    progress.done();
    const invalid = index.invalidFiles;
    if (invalid.length > 0) {
      const more = invalid.length > 3 ? ` and ${invalid.length - 3} more` : '';
      io.stderr.write(
        `opsbook ${command}: skipped ${invalid.length} invalid ticket file(s): ${invalid.slice(0, 3).join(', ')}${more} (run opsbook validate)\n`,
      );
    }
    return work(index);
  });
}

/** The review policy of opsbook.yaml; a wrong one is an exit with its message. */
export function reviewPolicyOf(config: OpsbookConfig): ReviewPolicy {
  try {
    return reviewPolicy(config);
  } catch (error) {
    if (error instanceof ReviewPolicyError) throw new ExitError(`opsbook.yaml: ${error.message}`);
    throw error;
  }
}
