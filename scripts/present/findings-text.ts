/**
 * Findings as text for a terminal: grouped by file, with colour when the stream is a terminal.
 */
import { countBySeverity, type Finding } from '../model/finding.ts';

export interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export function formatFindingsText(
  findings: readonly Finding[],
  style: TextStyle,
  checkedFiles: number,
): string {
  const lines: string[] = [];
  let currentFile = '';
  for (const f of findings) {
    if (f.file !== currentFile) {
      if (currentFile) lines.push('');
      currentFile = f.file;
      lines.push(paint(style.color, '4', f.file));
    }
    const severity =
      f.severity === 'error' ? paint(style.color, '31', 'error  ') : paint(style.color, '33', 'warning');
    lines.push(
      `  ${`${f.line}:${f.col}`.padEnd(8)} ${severity}  ${f.message}  ${paint(style.color, '2', f.code)}`,
    );
    for (const source of f.excerpt ?? []) lines.push(`      ${source}`);
  }
  const { errors, warnings } = countBySeverity(findings);
  const files = new Set(findings.map((f) => f.file)).size;
  if (findings.length > 0) lines.push('');
  if (errors === 0 && warnings === 0) {
    lines.push(
      paint(
        style.color,
        '32',
        `✔ ${checkedFiles} ${checkedFiles === 1 ? 'file' : 'files'} checked, no problems`,
      ),
    );
  } else {
    const summary = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} in ${files} ${files === 1 ? 'file' : 'files'} (${checkedFiles} checked)`;
    lines.push(
      errors > 0 ? paint(style.color, '31', `✖ ${summary}`) : paint(style.color, '33', `⚠ ${summary}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Whether to colour output written to this stream (NO_COLOR and FORCE_COLOR respected). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
