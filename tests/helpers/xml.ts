/**
 * A small XML well-formedness check for the generated feed, sitemap and badges: one root element,
 * properly nested tags, quoted attributes without duplicates, only the predefined and numeric
 * entities, no stray `<` or `&`, no characters XML 1.0 forbids. Throws on the first violation and
 * returns the element names in document order.
 */
const NAME = '[A-Za-z_][\\w.:-]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*"([^"]*)"`, 'g');
const TOKEN = new RegExp(
  `<!--([\\s\\S]*?)-->|<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>|([^<]+)|(<)`,
  'gy',
);
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;

function checkText(text: string, where: string): void {
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bare "&" in ${where}: ${text.slice(0, 80)}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text))
    throw new Error(`forbidden character in ${where}`);
  if (!text.isWellFormed()) throw new Error(`lone surrogate in ${where}`);
}

export function wellFormedXml(xml: string): string[] {
  let body = xml;
  const prolog = /^<\?xml version="1\.0"(?: encoding="(?:utf|UTF)-8")?\?>\n?/.exec(body);
  if (prolog) body = body.slice(prolog[0].length);
  const names: string[] = [];
  const open: string[] = [];
  let roots = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(body);
    if (!match || match[7] !== undefined)
      throw new Error(`malformed markup at ${at}: ${body.slice(at, at + 80)}`);
    if (match[1] !== undefined) {
      if (match[1].includes('--')) throw new Error('"--" inside a comment');
      continue;
    }
    if (match[6] !== undefined) {
      if (open.length === 0 && match[6].trim() !== '') throw new Error(`text outside the root: ${match[6]}`);
      checkText(match[6], 'text');
      continue;
    }
    const [, , closing, name, attributes = '', selfClosing] = match as unknown as string[];
    if (closing === '/') {
      if (attributes !== '' || selfClosing === '/') throw new Error(`malformed end tag ${name}`);
      const expected = open.pop();
      if (expected !== name) throw new Error(`</${name}> closes <${expected}>`);
      continue;
    }
    if (open.length === 0) roots++;
    if (roots > 1) throw new Error('more than one root element');
    const seen = new Set<string>();
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const attributeName = attribute[1] as string;
      if (seen.has(attributeName)) throw new Error(`duplicate attribute ${attributeName} on ${name}`);
      seen.add(attributeName);
      const value = attribute[2] as string;
      if (value.includes('<')) throw new Error(`"<" in attribute ${attributeName}`);
      checkText(value, `attribute ${attributeName}`);
    }
    names.push(name as string);
    if (selfClosing !== '/') open.push(name as string);
  }
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) throw new Error('no root element');
  return names;
}
