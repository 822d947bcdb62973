/**
 * Ticket text is untrusted: whatever it contains, the rendered HTML has only a fixed set of
 * elements and attributes, no event handlers and no link whose scheme is outside http, https and
 * mailto. The output is checked by a scanner of its own (not by the module's URL check), so a
 * mistake in one is not hidden by the same mistake in the other.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlAttribute, htmlSafeJson } from '../../scripts/present/escape.ts';
import { isSafeUrl, renderInline, renderMarkdown } from '../../scripts/present/site/markdown.ts';

const ALLOWED_ELEMENTS = new Set([
  'p',
  'a',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const FORBIDDEN_ELEMENTS =
  /^(script|iframe|frame|object|embed|style|svg|math|form|input|button|textarea|base|meta|link|img|video|audio|source|h1)$/i;
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'class', 'start']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

interface ScannedTag {
  name: string;
  closing: boolean;
  attributes: [string, string][];
}

/**
 * Every `<` in the output must open a well-formed tag with double-quoted attribute values;
 * anything else (a `<` that a browser could read as markup) fails the scan.
 */
function scanTags(html: string): ScannedTag[] {
  const tags: ScannedTag[] = [];
  const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/gy;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const match = TAG.exec(html);
    if (!match) throw new Error(`stray "<" at ${at}: ${JSON.stringify(html.slice(at, at + 60))}`);
    const attributes: [string, string][] = [];
    for (const attribute of (match[3] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) {
      attributes.push([attribute[1] as string, attribute[2] as string]);
    }
    tags.push({ name: match[2] as string, closing: match[1] === '/', attributes });
  }
  return tags;
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()] as string;
    const code =
      entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return String.fromCodePoint(code);
  });
}

/** The scheme a browser could see in an attribute value, decoded as hard as one can. */
function schemeOf(value: string): string | null {
  let text = decodeEntities(value);
  for (let i = 0; i < 5; i++) {
    const next = decodeEntities(text).replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === text) break;
    text = next;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these inside URLs
  const compact = text.replace(/[\s\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2060\ufeff]/g, '').toLowerCase();
  const match = /^([^:/?#]*):/.exec(compact);
  return match ? (match[1] as string) : null;
}

function expectSafe(html: string): ScannedTag[] {
  const tags = scanTags(html);
  for (const tag of tags) {
    expect(ALLOWED_ELEMENTS.has(tag.name), `element <${tag.name}> in ${html}`).toBe(true);
    expect(tag.name).not.toMatch(FORBIDDEN_ELEMENTS);
    for (const [name, value] of tag.attributes) {
      expect(name, `attribute ${name} in ${html}`).not.toMatch(/^on/i);
      expect(ALLOWED_ATTRIBUTES.has(name), `attribute ${name} in ${html}`).toBe(true);
      if (name === 'href') {
        const scheme = schemeOf(value);
        if (scheme !== null) expect(SAFE_SCHEMES.has(scheme), `href="${value}"`).toBe(true);
      }
      if (name === 'class') expect(value).toMatch(/^(align-(left|center|right)|language-[\w+#.-]+)$/);
      if (name === 'rel') expect(value).toBe('nofollow noopener noreferrer');
      if (name === 'start') expect(value).toMatch(/^\d+$/);
    }
  }
  expect(html).not.toMatch(/<script/i);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: HTML forbids these characters
  expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  return tags;
}

const links = (tags: ScannedTag[]) => tags.filter((tag) => tag.name === 'a' && !tag.closing);

/** [name, Markdown, whether the output may contain a link at all]. */
const HOSTILE: [string, string, boolean][] = [
  ['script element', '<script>alert(1)</script>', false],
  ['script with src, upper case', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', false],
  ['script as a block', '<script>\nalert(1)\n</script>\n\ntext', false],
  ['img onerror', '<img src=x onerror=alert(1)>', false],
  ['svg onload', '<svg onload=alert(1)>', false],
  ['svg onload without space', '<svg/onload=alert(1)>', false],
  ['script inside svg', '<svg><script>alert(1)</script></svg>', false],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>', false],
  ['object and embed', '<object data="evil.swf"></object><embed src="evil.swf">', false],
  ['html comment', '<!-- <script>alert(1)</script> -->', false],
  ['cdata', '<![CDATA[<script>alert(1)</script>]]>', false],
  ['processing instruction and doctype', '<?php echo 1; ?> <!DOCTYPE html>', false],
  [
    'style, link, meta, base',
    '<style>body{display:none}</style><link rel=stylesheet href=//evil><meta http-equiv=refresh content="0;url=javascript:alert(1)"><base href=//evil/>',
    false,
  ],
  [
    'form and math',
    '<form action=//evil><input name=x></form><math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    false,
  ],
  ['raw anchor with javascript', '<a href="javascript:alert(1)">click</a>', false],
  ['autolink javascript', '<javascript:alert(1)>', false],
  ['autolink upper-case javascript', '<JAVASCRIPT:alert(1)>', false],
  ['autolink vbscript', '<vbscript:msgbox(1)>', false],
  ['inline link javascript', '[x](javascript:alert(1))', false],
  ['mixed case scheme', '[x](JaVaScRiPt:alert(1))', false],
  ['tab inside the scheme', '[x](<java\tscript:alert(1)>)', false],
  ['newline entity inside the scheme', '[x](java&#10;script:alert(1))', false],
  ['tab entity inside the scheme', '[x](jav&#x09;ascript:alert(1))', false],
  ['decimal entity', '[x](&#106;avascript:alert(1))', false],
  ['hex entities with colon', '[x](&#x6A;avascript&#x3A;alert(1))', false],
  ['named colon entity', '[x](javascript&colon;alert(1))', false],
  ['percent-encoded letter', '[x](%6Aavascript:alert(1))', false],
  ['percent-encoded newline', '[x](java%0ascript:alert(1))', false],
  ['double percent-encoding', '[x](%256Aavascript:alert(1))', false],
  ['leading control character', '[x](<\u0001javascript:alert(1)>)', false],
  ['leading spaces', '[x](   javascript:alert(1))', false],
  ['no-break space before the scheme', '[x](<\u00a0javascript:alert(1)>)', false],
  ['ideographic space before the scheme', '[x](<\u3000javascript:alert(1)>)', false],
  ['zero-width space inside the scheme', '[x](<java\u200bscript:alert(1)>)', false],
  ['vbscript link', '[x](vbscript:msgbox(1))', false],
  ['data html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', false],
  ['data html with markup', '[x](<data:text/html,<script>alert(1)</script>>)', false],
  ['data svg image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', false],
  ['data png image', '![x](data:image/png;base64,iVBORw0KGgo=)', false],
  ['file link', '[x](file:///etc/passwd)', false],
  ['unknown scheme', '[x](ms-settings:privacy)', false],
  ['reference link to javascript', '[ref]\n\n[ref]: javascript:alert(1)', false],
  ['full reference with angle brackets and title', '[x][r]\n\n[r]: <javascript:alert(1)> "title"', false],
  ['collapsed reference to data', '[x][]\n\n[x]: data:text/html,alert(1)', false],
  ['image nested in a link', '[![x](javascript:alert(1))](https://ok.example/)', true],
  ['bare javascript text', 'javascript:alert(1) and JAVASCRIPT:alert(2)', false],
  ['title breaking out of the attribute', '[x](https://ok.example/ "t\\" onmouseover=\\"alert(1)")', true],
  ['single-quoted title', '[x](https://ok.example/ \'a" onmouseover="alert(1)\')', true],
  ['double quote in the URL', '[x](https://ok.example/"onmouseover="alert(1))', true],
  ['single quote in the URL', "[x](https://ok.example/'onmouseover='alert(1))", true],
  ['quote in an autolink', '<http://ok.example/"onmouseover="alert(1)>', true],
  ['quote and markup after a linkified URL', 'https://evil.example/"><script>alert(1)</script>', true],
  ['mailto with markup', '[x](mailto:a@b.example?subject=<script>)', true],
  ['image as tracking pixel', '![x](https://evil.example/pixel.gif?id=1 "t\\"x")', true],
  ['image with empty alt', '![](https://evil.example/p.png)', true],
  ['backtick code with html', '`<script>alert(1)</script>` and ``<img onerror=x>``', false],
  ['fenced code with html', '```html\n<script>alert(1)</script>\n```', false],
  ['fence info breaking the class', '```js" onclick="alert(1)\nx\n```', false],
  ['indented code with html', '    <iframe src=x></iframe>', false],
  [
    'nested emphasis with html',
    '*<img src=x onerror=alert(1)>* **<b onclick=x>bold</b>** _<a href="javascript:x">y</a>_',
    false,
  ],
  ['heading with html', '# <h1 onclick=x>Title</h1>\n\nSetext\n=====', false],
  [
    'table cells with html',
    '| <script>x</script> | <img onerror=x> |\n|---|---|\n| [x](javascript:1) | `<b>` |',
    false,
  ],
  ['html inside a link label', '[<img src=x onerror=alert(1)>](https://ok.example/)', true],
  [
    'entity-encoded markup',
    '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
    false,
  ],
  ['null and control characters', 'a\u0000b\u0007c\u000bd [x](<\u0000javascript:alert(1)>)', false],
  ['id and name clobbering', '<a name="location" id="cookie">x</a> <form id=document>', false],
];

describe('renderMarkdown with hostile input', () => {
  it('has a corpus of at least 40 inputs', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  });

  it('has a scanner that sees what it must refuse', () => {
    for (const html of [
      '<img src="x">',
      '<p onclick="x">a</p>',
      '<a href="jav&#x61;script:x">a</a>',
      '<a href="java%0Ascript:x">a</a>',
      '<a href="&#x20;data:text/html,x">a</a>',
      '<a href=x>a</a>',
      '<h1>a</h1>',
      'a < b',
      '<scr<script>ipt>',
    ]) {
      expect(() => expectSafe(html), html).toThrow();
    }
  });

  for (const [name, markdown, mayLink] of HOSTILE) {
    it(name, () => {
      const tags = expectSafe(renderMarkdown(markdown));
      if (!mayLink) expect(links(tags)).toEqual([]);
      expectSafe(renderInline(markdown));
    });
  }

  it('keeps a neutralised link as visible text', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
    expect(renderMarkdown('<javascript:alert(1)>')).toBe('<p>&lt;javascript:alert(1)&gt;</p>\n');
    expect(renderMarkdown('![x](data:image/png;base64,iVBORw0KGgo=)')).toBe(
      '<p>![x](data:image/png;base64,iVBORw0KGgo=)</p>\n',
    );
  });

  it('keeps quotes inside the attribute they belong to', () => {
    expect(renderMarkdown('[x](https://ok.example/ "t\\" onmouseover=\\"alert(1)")')).toBe(
      '<p><a href="https://ok.example/" title="t&quot; onmouseover=&quot;alert(1)" rel="nofollow noopener noreferrer">x</a></p>\n',
    );
    expect(renderMarkdown('[x](https://ok.example/"onmouseover="alert(1))')).toBe(
      '<p><a href="https://ok.example/%22onmouseover=%22alert(1)" rel="nofollow noopener noreferrer">x</a></p>\n',
    );
  });

  it('renders an image nested in a link as its alternative text', () => {
    expect(renderMarkdown('[![logo](https://ok.example/l.png)](https://ok.example/)')).toBe(
      '<p><a href="https://ok.example/" rel="nofollow noopener noreferrer">logo</a></p>\n',
    );
  });

  it('renders 100 KB of pathological nesting', () => {
    const inputs = [
      '['.repeat(50_000) + ']('.repeat(25_000),
      '*a **b '.repeat(14_000),
      '> '.repeat(50_000),
      '- '.repeat(50_000),
      '<'.repeat(50_000) + 'script>'.repeat(7_000),
      '[x](javascript:'.repeat(7_000),
      `${'`'.repeat(50_000)}x`,
      '![a]('.repeat(17_000),
      `${'_'.repeat(25_000)}x${'_'.repeat(25_000)}`,
      'http://a.example/'.repeat(6_000),
    ];
    for (const input of inputs) {
      expect(input.length).toBeGreaterThanOrEqual(50_000);
      expectSafe(renderMarkdown(input.repeat(2).slice(0, 100_000)));
    }
  });
});

describe('renderMarkdown with ordinary text', () => {
  const cases: [string, string, string][] = [
    [
      'paragraphs and emphasis',
      'Hello *world*.\n\nSecond **paragraph** with ~~old~~ text.',
      '<p>Hello <em>world</em>.</p>\n<p>Second <strong>paragraph</strong> with <s>old</s> text.</p>\n',
    ],
    ['soft line break', 'one\ntwo', '<p>one\ntwo</p>\n'],
    ['bullet list', '- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'],
    [
      'ordered list with start',
      '3. three\n4. four',
      '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n',
    ],
    ['inline code with html', 'Run `<b>` now', '<p>Run <code>&lt;b&gt;</code> now</p>\n'],
    [
      'fenced code with language',
      '```sh\nsystemctl restart nginx && echo "<ok>"\n```',
      '<pre><code class="language-sh">systemctl restart nginx &amp;&amp; echo &quot;&lt;ok&gt;&quot;\n</code></pre>\n',
    ],
    [
      'table with alignment',
      '| Host | Load |\n|:--|--:|\n| db1 | 0.5 |',
      '<table>\n<thead>\n<tr>\n<th class="align-left">Host</th>\n<th class="align-right">Load</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class="align-left">db1</td>\n<td class="align-right">0.5</td>\n</tr>\n</tbody>\n</table>\n',
    ],
    [
      'external link',
      '[docs](https://example.com/a?b=1&c=2 "The docs")',
      '<p><a href="https://example.com/a?b=1&amp;c=2" title="The docs" rel="nofollow noopener noreferrer">docs</a></p>\n',
    ],
    [
      'relative, fragment and mailto links',
      '[r](../runbooks/db/) [f](#updates) [m](mailto:ops@example.com)',
      '<p><a href="../runbooks/db/">r</a> <a href="#updates">f</a> <a href="mailto:ops@example.com">m</a></p>\n',
    ],
    [
      'headings move down one level',
      '# One\n## Two\n###### Six',
      '<h2>One</h2>\n<h3>Two</h3>\n<h6>Six</h6>\n',
    ],
    ['setext heading', 'Title\n=====', '<h2>Title</h2>\n'],
    ['blockquote and rule', '> quoted\n\n---', '<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n'],
    [
      'image becomes a link',
      '![graph](https://example.com/g.png)',
      '<p><a href="https://example.com/g.png" rel="nofollow noopener noreferrer">graph</a></p>\n',
    ],
    ['relative image without alt', '![](charts/a.svg)', '<p><a href="charts/a.svg">charts/a.svg</a></p>\n'],
    [
      'linkify: URLs and e-mail, not bare names',
      'See https://example.com/x, write to ops@example.com; README.md and node.js stay text.',
      '<p>See <a href="https://example.com/x" rel="nofollow noopener noreferrer">https://example.com/x</a>, write to <a href="mailto:ops@example.com">ops@example.com</a>; README.md and node.js stay text.</p>\n',
    ],
    ['raw html stays visible as text', 'a <b>bold</b> claim', '<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>\n'],
    [
      'international domain',
      '[x](https://bücher.example/)',
      '<p><a href="https://xn--bcher-kva.example/" rel="nofollow noopener noreferrer">x</a></p>\n',
    ],
  ];
  for (const [name, markdown, html] of cases) {
    it(name, () => {
      expect(renderMarkdown(markdown)).toBe(html);
      expectSafe(html);
    });
  }
});

describe('renderInline', () => {
  it('renders one line without a paragraph', () => {
    expect(renderInline('Fixed *now*, see [#12](https://example.com/12) <i>')).toBe(
      'Fixed <em>now</em>, see <a href="https://example.com/12" rel="nofollow noopener noreferrer">#12</a> &lt;i&gt;',
    );
    expect(renderInline('# not a heading')).toBe('# not a heading');
    expect(renderInline('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });
});

describe('isSafeUrl', () => {
  it('allows web, mail, relative and fragment URLs', () => {
    for (const url of [
      'https://a.example/',
      'http://a.example',
      'mailto:a@b.example',
      '/x',
      'x/y',
      '../x',
      '#f',
      '?q=1',
      '',
      '//a.example/x',
      'a/b:c',
    ]) {
      expect(isSafeUrl(url), url).toBe(true);
    }
  });
  it('refuses every other scheme, however it is spelled', () => {
    for (const url of [
      'javascript:x',
      ' JAVASCRIPT:x',
      'java%09script:x',
      '&#106;avascript:x',
      '%256Aavascript:x',
      'data:image/png;base64,x',
      'file:///x',
      'ftp://a.example/',
      'tel:+1',
      'x:y',
      'java\u200dscript:x',
    ]) {
      expect(isSafeUrl(url), url).toBe(false);
    }
  });
});

describe('escapeHtml and escapeHtmlAttribute', () => {
  it('escapes markup characters and replaces forbidden ones', () => {
    expect(escapeHtml(`<a href="x">&'</a>\u0000\u0007`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;\ufffd\ufffd',
    );
    expect(escapeHtml('line\nbreak\ttab')).toBe('line\nbreak\ttab');
    expect(escapeHtmlAttribute('a"b\'c\nd\te\rf<g>&')).toBe('a&quot;b&#39;c&#10;d&#9;e&#13;f&lt;g&gt;&amp;');
  });
});

describe('htmlSafeJson', () => {
  it('writes markup characters as escapes that parse back to the same value', () => {
    const value = {
      name: '<img src=x onerror=alert(1)> "down" & out',
      list: ['</script>', 1, null],
      '<k>': true,
    };
    const text = htmlSafeJson(value);
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain('\\u003cimg src=x onerror=alert(1)\\u003e \\"down\\" \\u0026 out');
    expect(JSON.parse(text)).toEqual(value);
  });
});
