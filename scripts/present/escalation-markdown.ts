/**
 * The text of escalation issues (`opsbook github escalate`): title, body and comments.
 *
 * What is written depends only on the SLA state (states, due instants, status, priority), never
 * on the instant of the run, so an unchanged ticket renders the same body and the issue is not
 * touched. Ticket text is untrusted: titles are escaped (`md`) and lose their mentions; the only
 * mention is the owner team's `github` handle from opsbook.yaml.
 */
import type { EscalationFacts, EscalationRenderer, Settled } from '../derive/escalation-plan.ts';
import { escalationMarker } from '../derive/escalation-plan.ts';
import { breakMentions, titleText } from './github-text.ts';
import { md } from './report-markdown-parts.ts';
import { formatLocal, STATE_MARKDOWN } from './sla.ts';

const HEADLINE = { breached: 'SLA breached', 'at-risk': 'SLA at risk' } as const;

export interface EscalationTextOptions {
  /** The repository's web address, for the link to the ticket file. */
  htmlUrl: string;
}

/** Untrusted inline text: escaped Markdown, no mentions. */
function inline(text: string): string {
  return breakMentions(md(text));
}

function teamLine(f: EscalationFacts): string {
  if (!f.team) return 'no team (set `team` in the ticket or `owner` on its service)';
  const duty = f.onDuty ? `, on duty: ${inline(f.onDuty)}` : '';
  if (!f.mention) return `${inline(f.team)}${duty} (no \`github\` handle for this team in opsbook.yaml)`;
  return `${f.mention} (${inline(f.team)}${duty})`;
}

function clockRows(f: EscalationFacts): string[] {
  // Due times in the calendar's zone (where the opening hours are), and in UTC unless that is the zone.
  const local = f.zone !== null && f.zone !== 'UTC';
  const rows = local
    ? [`| Clock | State | Due (${f.zone}) | Due (UTC) |`, '|---|---|---|---|']
    : ['| Clock | State | Due (UTC) |', '|---|---|---|'];
  for (const c of f.clocks) {
    const due = c.due ? (local ? `${formatLocal(c.due, f.zone)} | ${c.due}` : c.due) : local ? '— | —' : '—';
    const stopped = c.stoppedAt ? `, stopped ${formatLocal(c.stoppedAt, f.zone)}` : '';
    rows.push(`| ${c.name} | ${STATE_MARKDOWN[c.state]}${stopped} | ${due} |`);
  }
  return rows;
}

export function escalationRenderer(options: EscalationTextOptions): EscalationRenderer {
  const link = (f: EscalationFacts) =>
    `[${f.file}](${options.htmlUrl}/blob/HEAD/${f.file.split('/').map(encodeURIComponent).join('/')})`;
  return {
    issue(f) {
      const body = [
        escalationMarker(f.id),
        `**${f.id}** ${inline(f.title)}: **${HEADLINE[f.level]}**`,
        '',
        '| | |',
        '|---|---|',
        `| Status | ${inline(f.status)} |`,
        `| Priority | ${f.priority ?? '—'} |`,
        `| SLA policy | ${inline(f.policy ?? '—')} |`,
        `| Owner | ${teamLine(f)} |`,
        `| Ticket | ${link(f)} |`,
        '',
        ...clockRows(f),
        '',
        f.level === 'breached'
          ? 'A running clock is past its due time. Respond to the reporter (`acknowledged_at`), resolve the ticket, or record why it waits (`pending`).'
          : 'A running clock has used most of its target. Respond to the reporter (`acknowledged_at`) or resolve the ticket before it is due.',
        '',
        '_Opened and maintained by `opsbook github escalate`: it follows the ticket file, and closes itself when no running clock is breached or at risk. Change the ticket, not this issue._',
        '',
      ].join('\n');
      return { title: titleText(`${HEADLINE[f.level]}: ${f.id} ${f.title}`), body };
    },
    attention(f, change) {
      const who = f.mention ? `${f.mention}: ` : '';
      return change === 'worse'
        ? `${who}**${f.id}** is now **breached**.`
        : `${who}**${f.id}** needs attention again: **${HEADLINE[f.level]}**.`;
    },
    closing(id, settled) {
      return `Closing: ${closingReason(id, settled)}`;
    },
    duplicate(id, keep) {
      return `Closing as a duplicate: #${keep} is the escalation issue of ${id}.`;
    },
  };
}

function closingReason(id: string, s: Settled): string {
  switch (s.reason) {
    case 'resolved':
      return `**${id}** is ${s.status}.`;
    case 'cancelled':
      return `**${id}** is cancelled.`;
    case 'calm':
      return `no running SLA clock of **${id}** is breached or at risk any more (response: ${s.states[0]}, resolution: ${s.states[1]}).`;
    case 'missing':
      return `there is no ticket **${id}** any more (renumbered or removed).`;
  }
}
