/**
 * Opsbook's rules for its GitHub Actions workflows (docs/github.md), beyond what actionlint
 * checks: least-privilege `permissions`, actions pinned by commit, no expression expanded into
 * a script, no credentials left in the checkout, a time limit on every job, no
 * `pull_request_target`. Pure: a workflow's text in, findings out (`workflow/<rule>`).
 */
import { positionInYaml } from '../load/locate.ts';
import { lineColAt } from '../load/source-text.ts';
import { CONFIG_YAML_LIMITS, type DocPath, locateInYaml, parseYaml } from '../load/yaml.ts';
import type { Finding } from '../model/finding.ts';

/** `owner/repo[/path]@<40 hex>`; a tag or a branch can be moved to other code. */
const PINNED_ACTION = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const PINNED_IMAGE = /^docker:\/\/.+@sha256:[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function workflowPolicyFindings(file: string, text: string): Finding[] {
  const parsed = parseYaml(text, CONFIG_YAML_LIMITS);
  // Unreadable YAML or no mapping: actionlint reports it.
  if (!parsed.ok || !isRecord(parsed.value)) return [];
  const workflow = parsed.value;
  const findings: Finding[] = [];
  const add = (code: string, path: DocPath, at: 'key' | 'value', message: string) => {
    const { line, col } = positionInYaml(text, { path, at });
    findings.push({ code: `workflow/${code}`, severity: 'error', file, line, col, message });
  };

  const on = workflow.on;
  const triggers =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on : isRecord(on) ? Object.keys(on) : [];
  if (triggers.includes('pull_request_target'))
    add(
      'pull-request-target',
      ['on'],
      'key',
      'pull_request_target runs with a write token and the secrets on pull requests from forks; use pull_request, and workflow_run for what must write',
    );
  if (!Object.hasOwn(workflow, 'permissions'))
    add(
      'permissions',
      [],
      'key',
      'the workflow declares no top-level permissions, so its token gets the repository default; declare `permissions: {}` or `contents: read`',
    );

  const jobs = isRecord(workflow.jobs) ? workflow.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    if (!Object.hasOwn(job, 'permissions'))
      add(
        'permissions',
        ['jobs', id],
        'key',
        `job "${id}" declares no permissions; give each job only what it needs`,
      );
    if (typeof job.uses === 'string') {
      // A job that calls a reusable workflow: its own `uses`, and no steps or timeout of its own.
      checkUses(job.uses, ['jobs', id, 'uses']);
      continue;
    }
    if (!Object.hasOwn(job, 'timeout-minutes'))
      add('timeout', ['jobs', id], 'key', `job "${id}" has no timeout-minutes (the default is 6 hours)`);
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step, i) => {
      if (!isRecord(step)) return;
      const path = ['jobs', id, 'steps', i];
      if (typeof step.uses === 'string') {
        checkUses(step.uses, [...path, 'uses']);
        const credentials = isRecord(step.with) ? step.with['persist-credentials'] : undefined;
        if (/^actions\/checkout@/.test(step.uses) && credentials !== false && credentials !== 'false')
          add(
            'checkout-credentials',
            [...path, 'uses'],
            'value',
            'actions/checkout without `persist-credentials: false` leaves the token in .git/config for every later step',
          );
      }
      if (typeof step.run === 'string' && step.run.includes(`\${{`)) {
        const { line, col } = expressionPosition(text, [...path, 'run']);
        findings.push({
          code: 'workflow/run-expression',
          severity: 'error',
          file,
          line,
          col,
          message:
            'an expression inside run: is pasted into the script before the shell reads it; pass the value through env: and use "$NAME"',
        });
      }
    });
  }
  return findings;

  function checkUses(uses: string, path: DocPath): void {
    if (uses.startsWith('./')) return; // this repository's own code, at this commit
    if (uses.startsWith('docker://') ? PINNED_IMAGE.test(uses) : PINNED_ACTION.test(uses)) return;
    add(
      'unpinned',
      path,
      'value',
      `${uses} is not pinned to a commit: use <owner>/<repo>@<40-hex commit SHA> # <tag> (a tag or a branch can be moved)`,
    );
  }
}

/** Where the first `${{` of a `run:` value is in the file (the value's start if not found). */
function expressionPosition(text: string, path: DocPath): { line: number; col: number } {
  const location = locateInYaml(text, path);
  if (!location) return { line: 1, col: 1 };
  const at = text.indexOf(`\${{`, location.valueOffset);
  return lineColAt(text, at === -1 ? location.valueOffset : at);
}
