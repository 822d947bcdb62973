import { describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/model/finding.ts';
import { formatFindingsGithub, MAX_ANNOTATIONS_PER_SEVERITY } from '../../scripts/present/findings-github.ts';
import { formatFindingsText, wantsColor } from '../../scripts/present/findings-text.ts';
import { escapeData, escapeProperty } from '../../scripts/present/workflow-commands.ts';

const finding = (over: Partial<Finding> = {}): Finding => ({
  code: 'timeline/order',
  severity: 'error',
  file: 'incidents/2026/INC-2026-0001.md',
  line: 12,
  col: 5,
  message: 'entry 3 is early',
  ...over,
});

describe('github reporter', () => {
  it('escapes messages and properties as the Actions toolkit does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const out = formatFindingsGithub(
      [finding({ file: 'incidents/2026/odd,name:1.md', message: 'line one\nline two ::error::fake' })],
      2,
    );
    expect(out.commands).toBe(
      '::error file=incidents/2026/odd%2Cname%3A1.md,line=12,col=5,title=timeline/order::line one%0Aline two ::error::fake\n',
    );
  });

  it("annotates at most GitHub's per-step limit per severity and lists everything in the summary", () => {
    const many = [
      ...Array.from({ length: 14 }, (_, i) => finding({ line: i + 1 })),
      ...Array.from({ length: 3 }, (_, i) => finding({ severity: 'warning', code: 'file/bom', line: i + 1 })),
    ];
    const out = formatFindingsGithub(many, 20);
    const lines = out.commands.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(MAX_ANNOTATIONS_PER_SEVERITY);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(3);
    expect(lines.at(-1)).toBe(
      '::notice title=opsbook validate::4 more findings are not annotated (GitHub shows 10 per severity); see the job summary for all 17.',
    );
    expect(out.summary.split('\n').filter((l) => l.startsWith('| incidents/')).length).toBe(17);
    expect(out.summary).toContain('**14 errors, 3 warnings** in 20 checked files.');
  });

  it('keeps the job summary free of markup from ticket text', () => {
    const out = formatFindingsGithub([finding({ message: 'found "<script>x</script>" | pipe' })], 1);
    expect(out.summary).toContain('found "&lt;script&gt;x&lt;/script&gt;" \\| pipe');
    expect(out.summary).not.toContain('<script>');
  });
});

describe('text reporter', () => {
  it('groups by file and summarises', () => {
    const text = formatFindingsText(
      [
        finding(),
        finding({ line: 20, severity: 'warning', code: 'file/bom', message: 'bom' }),
        finding({ file: 'b.md' }),
      ],
      { color: false },
      5,
    );
    expect(text).toBe(
      [
        'incidents/2026/INC-2026-0001.md',
        '  12:5     error    entry 3 is early  timeline/order',
        '  20:5     warning  bom  file/bom',
        '',
        'b.md',
        '  12:5     error    entry 3 is early  timeline/order',
        '',
        '✖ 2 errors, 1 warning in 2 files (5 checked)',
        '',
      ].join('\n'),
    );
    expect(formatFindingsText([], { color: false }, 3)).toBe('✔ 3 files checked, no problems\n');
  });

  it('colours only a terminal, and respects NO_COLOR and FORCE_COLOR', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(formatFindingsText([finding()], { color: true }, 1)).toContain('\u001b[31merror  \u001b[0m');
  });
});
