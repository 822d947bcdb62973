/**
 * The text edit under `opsbook review ID`, and the escaping of ticket text.
 */
import { describe, expect, it } from 'vitest';
import { findRawHtml } from '../../scripts/derive/markdown-html.ts';
import { addReviewToText, endsInsideFence, findReviewHeading } from '../../scripts/derive/review-edit.ts';
import { escapeMarkdownInline } from '../../scripts/present/escape.ts';

const SECTION = ['## Summary', '', 'Text.'];

describe('addReviewToText', () => {
  it.each([
    [
      'a body with a final line end',
      '---\nid: X\n---\nBody.\n',
      '---\nid: X\n---\nBody.\n\n## Summary\n\nText.\n',
      6,
    ],
    ['a body without one', '---\nid: X\n---\nBody.', '---\nid: X\n---\nBody.\n\n## Summary\n\nText.\n', 6],
    [
      'a body ending in a blank line',
      '---\nid: X\n---\nBody.\n\n',
      '---\nid: X\n---\nBody.\n\n## Summary\n\nText.\n',
      6,
    ],
    [
      'a blank line with spaces',
      '---\nid: X\n---\nBody.\n  \n',
      '---\nid: X\n---\nBody.\n  \n## Summary\n\nText.\n',
      6,
    ],
    ['an empty body', '---\nid: X\n---\n', '---\nid: X\n---\n## Summary\n\nText.\n', 4],
    ['no line end after the frontmatter', '---\nid: X\n---', '---\nid: X\n---\n## Summary\n\nText.\n', 4],
    ['CR line ends', '---\rid: X\r---\rBody.\r', '---\rid: X\r---\rBody.\r\r## Summary\r\rText.\r', 6],
  ])('appends after %s', (_name, before, after, line) => {
    expect(addReviewToText(before, SECTION, null)).toEqual({
      text: after,
      sectionLine: line,
      frontmatterEdited: false,
    });
  });

  it('inserts the block before the closing delimiter, with the file’s line ends', () => {
    const before = '---\r\nid: X # comment\r\nx-a: 1\r\n---  \r\nBody.\r\n';
    expect(addReviewToText(before, SECTION, ['review:', '  required: true'])).toEqual({
      text: '---\r\nid: X # comment\r\nx-a: 1\r\nreview:\r\n  required: true\r\n---  \r\nBody.\r\n\r\n## Summary\r\n\r\nText.\r\n',
      sectionLine: 9,
      frontmatterEdited: true,
    });
  });

  it('refuses text without frontmatter', () => {
    expect(addReviewToText('Body.\n', SECTION, null)).toBeNull();
    expect(addReviewToText('---\nid: X\n', SECTION, null)).toBeNull();
  });
});

describe('findReviewHeading', () => {
  it('finds ## Summary or # Post-incident review outside code', () => {
    expect(findReviewHeading('Intro\n\n## Summary\n')).toBe(3);
    expect(findReviewHeading('# post-incident REVIEW ##\n')).toBe(1);
    expect(findReviewHeading('### Summary\n')).toBeNull();
    expect(findReviewHeading('## Summary of the call\n')).toBeNull();
    expect(findReviewHeading('~~~\n## Summary\n~~~\n')).toBeNull();
    expect(findReviewHeading('    ## Summary\n')).toBeNull();
  });

  it('knows when the text ends inside a code block', () => {
    expect(endsInsideFence('```\ncode\n')).toBe(true);
    expect(endsInsideFence('```\ncode\n```\n')).toBe(false);
    expect(endsInsideFence('````\n```\n')).toBe(true);
  });
});

describe('escapeMarkdownInline', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['![img](http://e/x.png)', '!\\[img\\](http://e/x.png)'],
    ['a | b', 'a \\| b'],
    ['*bold* _it_ `code` ~del~', '\\*bold\\* \\_it\\_ \\`code\\` \\~del\\~'],
    ['&lt;b&gt; & co', '\\&lt;b\\&gt; & co'],
    ['# head', '\\# head'],
    ['- item', '\\- item'],
    ['> quote', '\\> quote'],
    ['1. first', '1\\. first'],
    ['two\nlines\r\nand\u001b[31mred', 'two lines and \\[31mred'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j → %j', (input, output) => {
    expect(escapeMarkdownInline(input)).toBe(output);
    expect(findRawHtml(escapeMarkdownInline(input))).toEqual([]);
  });
});
