/**
 * The GitHub side of `opsbook github escalate`: reads the escalation issues, and carries out the
 * operations planned by derive/escalation-plan.ts.
 */
import {
  ESCALATION_LABEL,
  type EscalationOp,
  type ExistingIssue,
  isManagedLabel,
  ticketOfIssue,
} from '../derive/escalation-plan.ts';
import type { GithubClient } from './client.ts';

/**
 * Every issue with the escalation label, open and closed (closed ones tell a person's close
 * from Opsbook's, and are reopened when their ticket needs attention again). Pull requests
 * and issues without a ticket marker are left out.
 */
export async function listEscalationIssues(client: GithubClient): Promise<ExistingIssue[]> {
  const issues = await client.api.paginate(client.api.rest.issues.listForRepo, {
    owner: client.owner,
    repo: client.repo,
    labels: ESCALATION_LABEL,
    state: 'all',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  const out: ExistingIssue[] = [];
  for (const issue of issues) {
    if (issue.pull_request || !ticketOfIssue(issue.body)) continue;
    out.push({
      number: issue.number,
      open: issue.state === 'open',
      title: issue.title,
      body: issue.body ?? '',
      labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    });
  }
  return out;
}

/** Colours and descriptions of the labels Opsbook puts on escalation issues. */
function labelStyle(name: string): { color: string; description: string } {
  if (name === ESCALATION_LABEL) return { color: '5319e7', description: 'Opened by opsbook github escalate' };
  if (name === 'sla:breached')
    return { color: 'b60205', description: 'A running SLA clock is past its due time' };
  if (name === 'sla:at-risk')
    return { color: 'fbca04', description: 'A running SLA clock is close to its due time' };
  if (name === 'priority:P1') return { color: 'd93f0b', description: 'Ticket priority P1' };
  return { color: 'c5def5', description: `Ticket ${name.replace(':', ' ')}` };
}

/**
 * Creates the labels the operations use that the repository lacks, with their colours (GitHub
 * would otherwise create them grey on first use). One listing, and only when something is
 * written.
 */
export async function ensureLabels(client: GithubClient, ops: readonly EscalationOp[]): Promise<string[]> {
  const wanted = new Set<string>();
  for (const o of ops) {
    const labels = o.op === 'create' ? o.labels : o.op === 'update' ? o.changes.labels : undefined;
    for (const l of labels ?? []) if (isManagedLabel(l)) wanted.add(l);
  }
  if (wanted.size === 0) return [];
  const existing = await client.api.paginate(client.api.rest.issues.listLabelsForRepo, {
    owner: client.owner,
    repo: client.repo,
    per_page: 100,
  });
  const have = new Set(existing.map((l) => l.name.toLowerCase()));
  const created: string[] = [];
  for (const name of [...wanted].sort()) {
    if (have.has(name.toLowerCase())) continue;
    try {
      await client.api.rest.issues.createLabel({
        owner: client.owner,
        repo: client.repo,
        name,
        ...labelStyle(name),
      });
      created.push(name);
    } catch (error) {
      // Another run created it in the meantime: fine.
      if ((error as { status?: number }).status !== 422) throw error;
    }
  }
  return created;
}

/** Carries out the operations in order; reports each as one line. */
export async function applyEscalations(
  client: GithubClient,
  ops: readonly EscalationOp[],
  report: (line: string) => void,
): Promise<void> {
  const repo = { owner: client.owner, repo: client.repo };
  for (const o of ops) {
    if (o.op === 'keep') {
      report(`${o.why === 'unchanged' ? 'unchanged' : 'closed by hand'} #${o.number} ${o.id}`);
    } else if (o.op === 'create') {
      const { data } = await client.api.rest.issues.create({
        ...repo,
        title: o.title,
        body: o.body,
        labels: o.labels,
      });
      report(`created #${data.number} ${o.id} (${o.level}) ${data.html_url}`);
    } else if (o.op === 'update') {
      await client.api.rest.issues.update({ ...repo, issue_number: o.number, ...o.changes });
      if (o.comment)
        await client.api.rest.issues.createComment({ ...repo, issue_number: o.number, body: o.comment });
      report(`${o.changes.state === 'open' ? 'reopened' : 'updated'} #${o.number} ${o.id} (${o.level})`);
    } else {
      await client.api.rest.issues.createComment({ ...repo, issue_number: o.number, body: o.comment });
      await client.api.rest.issues.update({
        ...repo,
        issue_number: o.number,
        state: 'closed',
        state_reason: o.reason,
        body: o.body,
      });
      report(`closed #${o.number} ${o.id}`);
    }
  }
}

/** The plan as lines, for `--dry-run`. */
export function describeEscalations(ops: readonly EscalationOp[]): string[] {
  return ops.map((o) => {
    if (o.op === 'keep') return `would keep #${o.number} ${o.id} (${o.why})`;
    if (o.op === 'create') return `would create an issue for ${o.id} (${o.level}): ${o.title}`;
    if (o.op === 'update')
      return `would ${o.changes.state === 'open' ? 'reopen' : 'update'} #${o.number} ${o.id} (${o.level}): ${Object.keys(o.changes).join(', ')}`;
    return `would close #${o.number} ${o.id}`;
  });
}
