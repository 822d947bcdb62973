/**
 * `opsbook review ID`: writes the post-incident review section into a ticket's body.
 * `opsbook review --check [IDS...] [--at ISO] [--format text|json] [--fail-on overdue]`: lists
 * the reviews that are pending, due or overdue and the open or overdue follow-up actions.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRawHtml } from '../derive/markdown-html.ts';
import type { PriorityMatrix } from '../derive/priority.ts';
import { buildReviewCheck, type ReviewCheckSource } from '../derive/review-check.ts';
import { addReviewToText, endsInsideFence, findReviewHeading } from '../derive/review-edit.ts';
import {
  type ReviewPolicy,
  ReviewPolicyError,
  reviewDueDate,
  reviewPolicy,
} from '../derive/review-policy.ts';
import { isPublished } from '../derive/service-status.ts';
import { buildSlaReport } from '../derive/sla-report.ts';
import { publicServiceIds } from '../derive/status-page-outlook.ts';
import { oneOf, parseAt, parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { parseMarkdownDocument } from '../load/documents.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { splitFrontmatter } from '../load/frontmatter.ts';
import { decodeSource } from '../load/source-text.ts';
import { parseTicketId, ticketPath } from '../model/ids.ts';
import { instantMs } from '../model/time.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { localDate } from '../model/zone-offsets.ts';
import { formatReviewCheckJson, formatReviewCheckText } from '../present/review-check.ts';
import { reviewSectionLines } from '../present/review-section.ts';
import { withTicketIndexFor, zonedConfig } from './inputs.ts';

const reviewHelp = `Usage: opsbook review ID [--root DIR]
       opsbook review --check [IDS...] [options]

opsbook review ID appends the post-incident review section (summary, impact, root causes,
trigger, resolution, detection, what went well / wrong / where we got lucky, timeline, action
items) to the ticket's body, filled with what the ticket already says. Nothing else in the file
changes, except that a ticket without a \`review\` field gets one (required, due, done: false).
A ticket that has a review section already (## Summary) is left alone.

opsbook review --check lists the reviews that are required and not done (pending until the
ticket is resolved, then due, then overdue) and the open and overdue follow-up actions.

Options of --check:
  --at ISO              the instant (default: now); due dates are compared with its date in
                        the organisation's time zone
  --format FORMAT       text (default) or json
  --fail-on overdue     exit 1 when a review or an action is overdue
  --no-cache            parse every ticket instead of using .opsbook-cache/
  --root DIR            the repository (default: the folder with opsbook.yaml at or above the current one)

Which tickets need a review and when it is due: \`review\` in opsbook.yaml (docs/reviews.md).
Exit codes: 0 done, 1 --fail-on matched, 2 the command failed.
`;

export async function reviewCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'review',
    args,
    {
      check: { type: 'boolean' },
      at: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      'no-cache': { type: 'boolean' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(reviewHelp);
    return 0;
  }
  const root = () => findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  if (values.check) {
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const failOn =
      values['fail-on'] === undefined
        ? null
        : oneOf('fail-on', values['fail-on'], ['overdue'] as const, 'overdue');
    for (const id of positionals) if (!parseTicketId(id)) throw new ExitError(`"${id}" is not a ticket ID`);
    const at = parseAt(values.at, io);
    return checkReviews(root(), { format, failOn, at, ids: positionals, cache: !values['no-cache'] }, io);
  }
  for (const flag of ['at', 'format', 'fail-on', 'no-cache'] as const) {
    if (values[flag] !== undefined) throw new ExitError(`--${flag} goes with --check`);
  }
  const [id] = positionals;
  if (positionals.length !== 1 || id === undefined) {
    throw new ExitError(
      positionals.length === 0
        ? 'give a ticket ID (opsbook review INC-2026-0042) or --check'
        : 'give one ticket ID; --check lists several',
    );
  }
  if (!parseTicketId(id)) throw new ExitError(`"${id}" is not a ticket ID (like INC-2026-0042)`);
  return scaffoldReview(root(), id, io);
}

function policyOf(config: OpsbookConfig): ReviewPolicy {
  try {
    return reviewPolicy(config);
  } catch (error) {
    if (error instanceof ReviewPolicyError) throw new ExitError(`opsbook.yaml: ${error.message}`);
    throw error;
  }
}

async function scaffoldReview(root: string, id: string, io: CommandIo): Promise<number> {
  const file = ticketPath(id);
  const absolute = join(root, file);
  if (!existsSync(absolute)) throw new ExitError(`no ticket file ${file}`);
  const bytes = readFileSync(absolute);
  const parsed = parseMarkdownDocument(bytes, file, 'ticket');
  if (!parsed.document)
    throw new ExitError(`${file} is not a valid ticket; \`opsbook validate ${file}\` says why`);
  const ticket = parsed.document.data;
  const body = parsed.document.body;
  const existing = findReviewHeading(body);
  if (existing !== null) {
    throw new ExitError(
      `${file} has a review section already (line ${parsed.document.bodyLine + existing - 1}); edit it there`,
    );
  }
  if (endsInsideFence(body)) {
    throw new ExitError(`${file} ends inside an unclosed code block (\`\`\`); close it first`);
  }
  const config = zonedConfig(root, io, 'review');
  // A review of a ticket on the status page is published by `review.publish` (now or later):
  // it gets public facts only, whatever the flag says today.
  const publicServices = publicServiceIds(config);
  const publicOnly = ticket.review?.publish === true || isPublished(ticket, publicServices);
  const section = reviewSectionLines({
    ticket,
    config,
    publicOnly: publicOnly ? { services: publicServices } : undefined,
  });
  if (findRawHtml(section.join('\n')).length > 0) {
    throw new Error(`the review section for ${id} would contain raw HTML`);
  }

  let review: Ticket['review'] | null = null;
  if (ticket.review === undefined) {
    const policy = policyOf(config);
    review = { required: true };
    if (ticket.resolved_at) review.due = reviewDueDate(policy, instantMs(ticket.resolved_at));
    review.done = false;
  }
  const block = review
    ? ['review:', ...Object.entries(review).map(([key, value]) => `  ${key}: ${String(value)}`)]
    : null;

  const text = bytes.toString('utf8');
  const attempt = (withBlock: boolean) => {
    const edit = addReviewToText(text, section, withBlock ? block : null);
    if (!edit) return null;
    const again = parseMarkdownDocument(Buffer.from(edit.text, 'utf8'), file, 'ticket').document;
    const expected = withBlock && review ? { ...ticket, review } : ticket;
    const ok =
      again !== null &&
      canonicalJson(again.data) === canonicalJson(expected) &&
      again.body.startsWith(body) &&
      findReviewHeading(again.body) !== null;
    return ok ? edit : null;
  };
  let edit = block ? attempt(true) : null;
  if (block && !edit) {
    io.stderr.write(
      `opsbook review: could not add \`review:\` to the frontmatter of ${file} safely; add it by hand\n`,
    );
  }
  edit ??= attempt(false);
  if (!edit) throw new ExitError(`${file}: could not append the review section without changing the rest`);
  writeFileAtomic(absolute, edit.text);

  const notes: string[] = [];
  if (publicOnly) {
    notes.push(
      'the ticket is on the status page, so the section holds public facts only (no internal notes, customer, priority, cause or actions); what you add to it is published with review.publish: true',
    );
  }
  if (edit.frontmatterEdited && review) {
    notes.push(`review: required${review.due ? `, due ${review.due}` : ''}, done: false`);
  }
  io.stdout.write(
    `${file}: review section added at line ${edit.sectionLine}${notes.length ? `; ${notes.join('; ')}` : ''}\n`,
  );
  if (!ticket.resolved_at) io.stderr.write(`opsbook review: ${id} is not resolved yet (${ticket.status})\n`);
  return 0;
}

/** JSON with sorted keys, to compare parsed YAML data whatever its key order and prototypes. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

interface CheckOptions {
  format: 'text' | 'json';
  failOn: 'overdue' | null;
  at: number;
  ids: string[];
  cache: boolean;
}

/** Whether a ticket file's body has a review section (false when it cannot be read). */
function hasWrittenReview(root: string, file: string): boolean {
  try {
    const decoded = decodeSource(readFileSync(join(root, file)));
    if (!decoded.usable) return false;
    const split = splitFrontmatter(decoded.text);
    return split.ok && findReviewHeading(split.body) !== null;
  } catch {
    return false;
  }
}

async function checkReviews(root: string, options: CheckOptions, io: CommandIo): Promise<number> {
  const config = zonedConfig(root, io, 'review');
  const policy = policyOf(config);
  const breached = new Set<string>();
  const index = await withTicketIndexFor(root, io, 'review', { cache: options.cache }, (index) => {
    if (!policy.onBreach) return { result: index };
    const sla = buildSlaReport(index.tickets, config, options.at, { ids: options.ids });
    for (const t of sla.tickets) if (t.states.includes('breached')) breached.add(t.id);
    return { result: index, keep: [sla.settled] };
  });
  const sources: ReviewCheckSource[] = index.tickets.map((t) => ({ file: t.file, data: t.data }));
  const today = localDate(options.at, config.organization.timezone);
  const check = buildReviewCheck(sources, policy, options.at, today, {
    breached,
    written: (source) => hasWrittenReview(root, source.file),
    matrix: config.priority?.matrix as PriorityMatrix | undefined,
    ids: options.ids,
  });
  const known = new Set(sources.map((s) => s.data.id));
  const unknown = options.ids.filter((id) => !known.has(id));
  if (unknown.length > 0) io.stderr.write(`opsbook review: no ticket ${unknown.join(', ')}\n`);

  io.stdout.write(
    options.format === 'json'
      ? formatReviewCheckJson(check, policy)
      : formatReviewCheckText(check, config.organization.timezone),
  );
  if (options.failOn === null) return 0;
  return check.summary.overdue + check.summary.overdueActions > 0 ? 1 : 0;
}
