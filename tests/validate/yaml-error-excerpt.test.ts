import { afterEach, describe, expect, it } from 'vitest';
import { codeFrame } from '../../scripts/load/yaml.ts';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const CONFIG = configYaml({ name: 'Frame IT', sla: '\n  policies: {}\n  default: none' });

describe('YAML syntax errors show the offending lines, like a compiler', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('prints the line before, the line, and a marker under the column', async () => {
    const repo = tempRepository('frame', CONFIG, {
      'incidents/2026/INC-2026-0001.md':
        '---\nid: INC-2026-0001\ntitle: x\nstatus: [new\nkind: incident\n---\n',
    });
    cleanup = repo.cleanup;
    const result = await runCli(['validate', '--no-cache'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      [
        '  5:1      error    deficient indentation  yaml/syntax',
        '        4 | status: [new',
        '      > 5 | kind: incident',
        '          | ^',
      ].join('\n'),
    );
  });

  it('keeps the marker in place under tabs and never passes control characters to the terminal', () => {
    expect(codeFrame('a: 1\n\tb:\u001b[2J 2\n', 2, 6)).toEqual([
      '  1 | a: 1',
      '> 2 |  b:?[2J 2',
      '    |      ^',
    ]);
    expect(codeFrame('x: [\n', 1, 5)).toEqual(['> 1 | x: [', '    |     ^']);
  });
});
