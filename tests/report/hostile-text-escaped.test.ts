/**
 * Hostile text in tickets, runbooks and opsbook.yaml (titles, names, owners) cannot inject markup
 * into the report: no raw HTML, links, images or broken tables in the Markdown; no elements,
 * attributes or scripts in the SVG charts, which stay well-formed XML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRawHtml } from '../../scripts/derive/markdown-html.ts';
import { escapeXml } from '../../scripts/present/escape.ts';
import { md } from '../../scripts/present/report-markdown-parts.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { AT, CONFIG, RUNBOOKS, TICKETS, type TicketSpec, writeRepository } from '../helpers/report-repo.ts';

const EVIL = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![pixel](https://evil.example/p.png)',
  'a | b | c',
  '`code` *bold* _em_ ~~gone~~ # no heading',
  '</title></desc><script>x</script><svg onload=alert(1)>',
  '&lt;already&gt; &amp; & "quotes" \'single\'',
  'line\nbreak\r\n\u0007bell \u2028sep',
  '<!-- comment --> <![CDATA[x]]> <?php ?>',
  '\\](javascript:alert(2))',
].join(' ');
/** For ticket, action and runbook titles (at most 200 characters). */
const SHORT =
  "<img src=x onerror=alert(1)> [x](javascript:alert(1)) a | b `c` *b* _e_\n# h </title><script>x</script> &amp; 'q' \u0007 \\](javascript:alert(2))";

let dir: string;
let cleanup: () => void;
let markdown: string;
let svgs: Record<string, string>;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('report-evil'));
  const yaml = (text: string) => JSON.stringify(text);
  const config = CONFIG.replace('name: Report Test', `name: ${yaml(EVIL)}`)
    .replace('mail: { name: E-mail,', `mail: { name: ${yaml(EVIL)},`)
    .replace('acme: { name: ACME AG,', `acme: { name: ${yaml(EVIL)},`);
  const tickets: TicketSpec[] = TICKETS.map((t) => ({
    ...t,
    title: SHORT,
    extra: (t.extra ?? []).map((line) =>
      line
        .replace(
          'title: Alert on failed service start, owner: ops',
          `title: ${yaml(SHORT)}, owner: ${yaml(SHORT)}`,
        )
        .replace('title: Document the rollback', `title: ${yaml(SHORT)}`),
    ),
  }));
  const runbooks = Object.fromEntries(
    Object.entries(RUNBOOKS).map(([path, text]) => [
      path,
      text.replace(/^title: .*$/m, `title: ${yaml(SHORT)}`),
    ]),
  );
  writeRepository(dir, { config, tickets, runbooks });
  const validate = await runCli(['validate', '--at', AT], { cwd: dir });
  expect(validate.stdout).toContain(' 0 errors');
  const r = await runCli(
    ['report', '--from', '2026-03-01', '--to', '2026-03-12', '--at', AT, '--out', 'out'],
    {
      cwd: dir,
    },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  markdown = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
  svgs = Object.fromEntries(
    ['tickets-per-month.svg', 'mttr-trend.svg', 'sla-compliance.svg'].map((f) => [
      f,
      readFileSync(join(dir, 'out', f), 'utf8'),
    ]),
  );
});
afterAll(() => cleanup());

/** The Markdown without its fenced code blocks (whose text is shown as it is). */
function outsideCode(text: string): string {
  return text.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

/** The Markdown as its syntax sees it: backslash-escaped characters removed. */
function unescaped(text: string): string {
  return outsideCode(text).replace(/\\[\s\S]/g, '');
}

describe('hostile text in the Markdown', () => {
  it('shows the hostile text (escaped) where titles and names go', () => {
    expect(markdown).toContain('# Incident report: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(outsideCode(markdown)).not.toContain('alert(1)</script>');
    expect(markdown.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)?.length).toBeGreaterThan(5);
  });

  it('has no raw HTML, by the same check validation applies to ticket bodies', () => {
    expect(findRawHtml(markdown)).toEqual([]);
    expect(outsideCode(markdown)).not.toContain('<');
  });

  it('has no links, images, code spans or emphasis other than its own', () => {
    const syntax = unescaped(markdown);
    const links = [...syntax.matchAll(/\]\(/g)];
    const charts = syntax
      .split('\n')
      .filter((line) => /^!\[[^\]]*\]\((tickets-per-month|mttr-trend|sla-compliance)\.svg\)$/.test(line));
    expect(charts).toHaveLength(3);
    expect(links).toHaveLength(3);
    // `javascript:` stays text: without brackets around it no link can form.
    expect(syntax).not.toMatch(/\[[^\]]*\]\(javascript:|<javascript:/);
    // The report's own code spans and bold text only.
    const ownSpans = markdown.match(/`(problems\.recurrence|problem:)`/g)?.length ?? 0;
    expect(syntax.match(/`/g)?.length).toBe(ownSpans * 2);
    expect(syntax).not.toMatch(/(^|[^*])\*[^*]|~|(^|\s)_/m);
  });

  it('keeps every table row to its header', () => {
    let header: number | null = null;
    let rows = 0;
    for (const line of unescaped(markdown).split('\n')) {
      if (!line.startsWith('|')) {
        header = null;
        continue;
      }
      const cells = line.split('|').length;
      if (header === null) header = cells;
      else {
        expect(cells, line).toBe(header);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(40);
  });

  it('keeps hostile text on one line: no headings or blocks of its own', () => {
    for (const c of ['\u0007', '\u2028', '\r']) expect(markdown).not.toContain(c);
    expect(markdown).not.toMatch(/^break/m);
    for (const line of markdown.split('\n')) {
      if (line.startsWith('#')) expect(line).toMatch(/^#{1,3} [^#]/);
      expect(line).not.toMatch(/^ {4}\S|^<|^>/);
    }
  });

  it('escapes every Markdown and HTML special character of inline text', () => {
    expect(md('<b>*x*</b> [a](b) `c` | & &amp; ~d~ #e !f $g \\h\nline')).toBe(
      '&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](b) \\`c\\` \\| & &amp;amp; \\~d\\~ \\#e \\!f \\$g \\\\h line',
    );
  });

  it('quotes the problem command for the shell, inside a code block long enough', () => {
    const block = /^(`{3,})sh\n(opsbook new problem [^\n]*)\n\1$/m.exec(markdown);
    expect(block?.[2]).toMatch(/^opsbook new problem --title '.*' --service mail$/);
    // The title keeps its text, with `'` closed and reopened: `'\''`.
    expect(block?.[2]).toContain("'\\''single'\\''");
  });
});

describe('hostile text in the SVG charts', () => {
  const ELEMENTS = new Set(['svg', 'title', 'desc', 'style', 'text', 'g', 'rect', 'line', 'path', 'circle']);
  const ATTRIBUTES = new Set([
    'xmlns',
    'width',
    'height',
    'viewBox',
    'role',
    'aria-labelledby',
    'id',
    'class',
    'x',
    'y',
    'x1',
    'x2',
    'y1',
    'y2',
    'cx',
    'cy',
    'r',
    'd',
    'fill',
    'stroke',
    'stroke-width',
    'stroke-dasharray',
    'text-anchor',
    'transform',
  ]);

  /** A small XML check: tags balance, only known elements and attributes, entities only. */
  function checkSvg(svg: string): void {
    const body = svg.replace(/<style>[^<]*<\/style>/, '<style></style>');
    const stack: string[] = [];
    for (const m of body.matchAll(/<(\/?)([^\s/>]+)([^>]*?)(\/?)>/g)) {
      const [, close, name, attrs, selfClose] = m as unknown as [string, string, string, string, string];
      expect(ELEMENTS.has(name), `element ${name}`).toBe(true);
      if (close) expect(stack.pop()).toBe(name);
      else {
        const seen = [...attrs.matchAll(/\s([^\s=]+)="([^"<]*)"/g)];
        expect(attrs.replace(/\s([^\s=]+)="([^"<]*)"/g, '').trim()).toBe('');
        for (const [, attr] of seen) expect(ATTRIBUTES.has(attr as string), `attribute ${attr}`).toBe(true);
        if (!selfClose) stack.push(name);
      }
    }
    expect(stack).toEqual([]);
    // Text between tags holds no markup characters; every & starts an entity.
    expect(body.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|#39);)/);
    expect(svg).not.toMatch(/<script|<foreignObject|<a[\s>]|<image|@import|url\(/i);
  }

  it('stays well-formed, with known elements and attributes only', () => {
    for (const [file, svg] of Object.entries(svgs)) {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), file).toBe(true);
      checkSvg(svg);
    }
  });

  it('has an accessible title and description, with the hostile name escaped', () => {
    for (const svg of Object.values(svgs)) {
      expect(svg).toMatch(/<title id="[a-z-]+-title">[^<]+<\/title>\n<desc id="[a-z-]+-desc">[^<]+<\/desc>/);
      expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(svg).toContain('&lt;/title&gt;&lt;/desc&gt;');
    }
  });

  it('escapes text for XML and drops characters XML forbids', () => {
    expect(escapeXml('<a href="x">&\'\u0000\u0007\ud800</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;  \ufffd&lt;/a&gt;',
    );
  });
});
