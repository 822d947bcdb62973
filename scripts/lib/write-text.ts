/**
 * Writing a long text made of many pieces (the SLA JSON of 100,000 tickets is 43 MB) to a
 * command's output.
 *
 * Where the output is a regular file (`opsbook sla --format json > sla.json`, a CI step, the
 * benchmarks), the pieces are encoded into one buffer (3 MB: a megabyte of characters) that is written with
 * `writeSync` and then reused. Joining the pieces into large strings and encoding each into a
 * new buffer, as a stream's `write` does, costs more than the writing: at 100,000 tickets about
 * 0.4 s of one thread, most of it the kernel handing out fresh pages, against 0.05 s.
 * Elsewhere (a pipe, a terminal, a test's stream) a stream may keep a buffer after `write`
 * returns, so the pieces are joined into strings of about a megabyte and written through it.
 */
import { fstatSync, writeSync } from 'node:fs';
import type { OutputStream } from './io.ts';

/** Characters gathered before they are written (at most three bytes each in UTF-8). */
const CHUNK_CHARS = 1 << 20;

/** A process's own stdout or stderr writes synchronously to its descriptor `fd`. */
interface DescriptorStream extends OutputStream {
  fd?: unknown;
  writableLength?: unknown;
}

/** Writes the pieces in their order; returns once all of them are written or handed to the stream. */
export function writeText(stream: OutputStream, pieces: Iterable<string>): void {
  const fd = regularFileOf(stream);
  if (fd === null) writeJoined(stream, pieces);
  else writeEncoded(fd, pieces);
}

/** The descriptor of a stream that writes to a regular file with nothing of its own still queued. */
function regularFileOf(stream: DescriptorStream): number | null {
  const { fd, writableLength } = stream;
  if (typeof fd !== 'number' || (writableLength !== undefined && writableLength !== 0)) return null;
  try {
    return fstatSync(fd).isFile() ? fd : null;
  } catch {
    return null;
  }
}

function writeJoined(stream: OutputStream, pieces: Iterable<string>): void {
  let gathered: string[] = [];
  let chars = 0;
  for (const piece of pieces) {
    gathered.push(piece);
    chars += piece.length;
    if (chars >= CHUNK_CHARS) {
      stream.write(gathered.join(''));
      gathered = [];
      chars = 0;
    }
  }
  if (chars > 0) stream.write(gathered.join(''));
}

function writeEncoded(fd: number, pieces: Iterable<string>): void {
  const buffer = Buffer.allocUnsafe(CHUNK_CHARS * 3);
  let used = 0;
  const flush = () => {
    let done = 0;
    while (done < used) done += writeSync(fd, buffer, done, used - done);
    used = 0;
  };
  for (const piece of pieces) {
    // A piece too long for the room left goes in slices that fit (a slice of a flat string is
    // not copied); a slice never ends between the two halves of a surrogate pair.
    for (let from = 0; from < piece.length; ) {
      if ((buffer.length - used) / 3 < Math.min(piece.length - from, 2)) flush();
      let to = Math.min(piece.length, from + Math.floor((buffer.length - used) / 3));
      const last = piece.charCodeAt(to - 1);
      if (to < piece.length && last >= 0xd800 && last <= 0xdbff) to--;
      used += buffer.write(from === 0 && to === piece.length ? piece : piece.slice(from, to), used, 'utf8');
      from = to;
    }
  }
  flush();
}
