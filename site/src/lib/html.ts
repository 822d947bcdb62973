/**
 * The `html` fields of the model are rendered and sanitised by scripts/present/site/markdown.ts
 * (a Markdown `##` arrives as `<h3>`: the page owns `<h1>` and its own `<h2>` sections). The
 * pages only insert them. Where a body stands directly under the page's `<h1>` (a runbook), its
 * headings move up a level so the outline has no gap. Headings are the only tags touched; the
 * sanitiser escapes every `<` of the text, so the pattern meets only real tags. Never `<h1>`.
 */
export function shiftHeadings(html: string, by: number): string {
  if (by === 0 || !html.includes('<h')) return html;
  return html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, level: string) => {
    const shifted = Math.max(2, Math.min(6, Number(level) + by));
    return `<${slash}h${shifted}`;
  });
}
