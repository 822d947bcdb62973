/**
 * Markdown to HTML for the site. Ticket and runbook text is untrusted (anyone who can open a pull
 * request writes it), so the renderer is configured to produce a small, fixed vocabulary of
 * elements and attributes, whatever the source says:
 *
 * - Raw HTML is not interpreted: `<script>`, comments, CDATA and the like come out as text.
 * - Links keep only `http:`, `https:` and `mailto:` URLs, relative URLs and `#fragments`. Any other
 *   scheme, also when hidden behind entities, percent-encoding, case, whitespace or control
 *   characters, makes the link plain text without an `href`. Absolute web links get
 *   `rel="nofollow noopener noreferrer"`.
 * - Images are rendered as links to the image: a status page loads nothing from addresses that a
 *   ticket names (no tracking pixels, no mixed content, no layout shifts).
 * - Headings move down one level (`#` becomes `<h2>`, `######` stays `<h6>`): the page owns `<h1>`.
 *   They carry no `id`: untrusted names in the DOM could clobber the page's globals.
 * - Tables are allowed; column alignment becomes `class="align-left|align-center|align-right"`
 *   (no `style` attributes, so a strict Content-Security-Policy holds). A fenced code block keeps
 *   its language as `class="language-<name>"` only when the name is a plain word.
 * - Bare `http(s)://` URLs and e-mail addresses become links (linkify), but not bare domain names:
 *   `README.md` or `node.js` in a sentence stay text.
 */

import type { StateCore, Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { escapeHtml, escapeHtmlAttribute } from '../escape.ts';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const EXTERNAL_REL = 'nofollow noopener noreferrer';
/** The attributes each element may carry; everything else is dropped after parsing. */
const ALLOWED_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'title', 'rel']),
  img: new Set(['src', 'alt', 'title']),
  ol: new Set(['start']),
  code: new Set(['class']),
  th: new Set(['class']),
  td: new Set(['class']),
};
const NO_ATTRIBUTES: ReadonlySet<string> = new Set();
const LANGUAGE = /^[A-Za-z0-9][A-Za-z0-9_+#.-]{0,31}$/;
const ALIGN = /^text-align:(left|center|right)$/;
/** Whitespace, control and invisible formatting characters: browsers skip some inside a scheme. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove
  /[\s\u0000-\u001f\u007f-\u009f\u00ad\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/gu;

/**
 * Whether a link destination (as markdown-it hands it over: entities and escapes resolved,
 * percent-encoded) may become an `href`. The check decodes entities and percent-encoding until
 * nothing changes and removes whitespace and invisible characters before it looks for a scheme,
 * so it is stricter than a browser: a colon before the first `/`, `?` or `#` must follow one of the
 * safe schemes.
 */
export function isSafeUrl(url: string): boolean {
  let text = url;
  for (let round = 0; round < 8; round++) {
    const decoded = percentDecode(md.utils.unescapeAll(text));
    if (decoded === text) break;
    text = decoded;
  }
  const compact = text.replace(INVISIBLE, '').toLowerCase();
  const end = compact.search(/[:/?#]/);
  if (end < 0 || compact[end] !== ':') return true;
  return SAFE_SCHEMES.has(compact.slice(0, end));
}

function percentDecode(text: string): string {
  // Byte by byte: a scheme is ASCII, so what the bytes of a multi-byte character become does not
  // matter as long as it is not an ASCII letter.
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function isExternal(href: string): boolean {
  return /^(?:https?:)?\/\//i.test(href);
}

const md = new MarkdownIt('default', {
  html: false,
  xhtmlOut: false,
  breaks: false,
  linkify: true,
  typographer: false,
});
md.validateLink = isSafeUrl;
md.linkify.set({ fuzzyLink: false, fuzzyIP: false, fuzzyEmail: true });
md.linkify.add('ftp:', null).add('//', null);

/** Headings one level down, no attributes but the allowed ones, alignment as a class. */
function sanitizeTokens(state: StateCore): void {
  const visit = (tokens: Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') {
        token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
      }
      if (token.type === 'fence') {
        const language = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0] ?? '';
        token.info = LANGUAGE.test(language) ? language : '';
      }
      if (token.attrs) {
        const allowed = ALLOWED_ATTRIBUTES[token.tag] ?? NO_ATTRIBUTES;
        const kept: [string, string][] = [];
        for (const [name, value] of token.attrs) {
          const align = name === 'style' ? ALIGN.exec(String(value)) : null;
          if (align && allowed.has('class')) kept.push(['class', `align-${align[1]}`]);
          else if (allowed.has(name)) kept.push([name, String(value)]);
        }
        token.attrs = kept.length > 0 ? kept : null;
      }
      if (token.children) visit(token.children);
    }
  };
  visit(state.tokens);
}
md.core.ruler.push('opsbook_sanitize', sanitizeTokens);

const renderToken = md.renderer.renderToken.bind(md.renderer);

md.renderer.rules.link_open = (tokens, idx, options) => {
  const token = tokens[idx] as Token;
  const href = String(token.attrGet('href') ?? '');
  if (isExternal(href)) token.attrSet('rel', EXTERNAL_REL);
  return renderToken(tokens, idx, options);
};

md.renderer.rules.image = (tokens, idx, options, env, renderer) => {
  const token = tokens[idx] as Token;
  const alt = renderer.renderInlineAsText(token.children ?? [], options, env);
  const src = String(token.attrGet('src') ?? '');
  let insideLink = 0;
  for (let i = 0; i < idx; i++) {
    const type = (tokens[i] as Token).type;
    if (type === 'link_open') insideLink++;
    else if (type === 'link_close') insideLink--;
  }
  if (src === '' || !isSafeUrl(src) || insideLink > 0) return escapeHtml(alt);
  const title = token.attrGet('title');
  const titleText = title === null ? '' : String(title);
  const rel = isExternal(src) ? ` rel="${EXTERNAL_REL}"` : '';
  const text = alt === '' ? md.normalizeLinkText(src) : alt;
  return `<a href="${escapeHtmlAttribute(src)}"${titleText ? ` title="${escapeHtmlAttribute(titleText)}"` : ''}${rel}>${escapeHtml(text)}</a>`;
};

/** Block Markdown (paragraphs, lists, tables, code, quotes) as safe HTML. */
export function renderMarkdown(markdown: string): string {
  return withoutControlCharacters(md.render(markdown));
}

/** One line of Markdown (emphasis, code, links) as safe HTML without a paragraph around it. */
export function renderInline(text: string): string {
  return withoutControlCharacters(md.renderInline(text));
}

/** markdown-it passes C0 control characters through; HTML (and XML, for the feed) forbids them. */
function withoutControlCharacters(html: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace
  return html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}
