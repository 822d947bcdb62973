/**
 * Turning a file's bytes into text the loader can trust: size limit, UTF-8 check, BOM and CRLF.
 */

/** Files larger than this are refused before they are read: no ticket or runbook is that long. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceProblem {
  code: string;
  severity: 'error' | 'warning';
  line: number;
  col: number;
  message: string;
}

export interface DecodedSource {
  /** Text with a leading BOM removed and CRLF / CR line ends turned into LF (line numbers unchanged). */
  text: string;
  problems: SourceProblem[];
  /** False when the text cannot be used at all (an error in `problems`). */
  usable: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(bytes: Uint8Array): DecodedSource {
  const problems: SourceProblem[] = [];
  if (bytes.length > MAX_FILE_BYTES) {
    problems.push(tooLarge(bytes.length));
    return { text: '', problems, usable: false };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    problems.push({
      code: 'file/encoding',
      severity: 'error',
      line: at.line,
      col: at.col,
      message: `the file is not valid UTF-8 (byte 0x${at.byte.toString(16).padStart(2, '0')} at offset ${at.offset}); save it as UTF-8`,
    });
    return { text: '', problems, usable: false };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    problems.push({
      code: 'file/bom',
      severity: 'warning',
      line: 1,
      col: 1,
      message: 'the file starts with a byte order mark; it is ignored, but editors and diffs show it',
    });
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!/\S/.test(text)) {
    problems.push({
      code: 'file/empty',
      severity: 'error',
      line: 1,
      col: 1,
      message: 'the file is empty; a ticket or runbook starts with a `---` frontmatter block',
    });
    return { text, problems, usable: false };
  }
  return { text, problems, usable: true };
}

export function tooLarge(size: number): SourceProblem {
  return {
    code: 'file/too-large',
    severity: 'error',
    line: 1,
    col: 1,
    message: `the file has ${size} bytes, more than the limit of ${MAX_FILE_BYTES} bytes (1 MB); it was not read`,
  };
}

/** Locates the first byte that breaks UTF-8, as line and column (columns count bytes here). */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; col: number; byte: number } {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return { offset: i, line, col: i - lineStart + 1, byte: b };
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, line, col: i - lineStart + 1, byte: b };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return { offset: i, line, col: i - lineStart + 1, byte: b };
    }
    i += need + 1;
  }
  return { offset: bytes.length, line, col: bytes.length - lineStart + 1, byte: 0 };
}

/** 1-based line and column of a character offset in text. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: end - lineStart + 1 };
}
