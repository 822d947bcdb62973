/**
 * Strings that do not keep the text they were cut from alive.
 *
 * V8 represents a `slice` of 13 characters or more as a view into the whole string. A ticket's
 * ID or title read from its file is such a view, so keeping the ID keeps the whole file's text
 * (about 2 KB) in memory. Values kept for the rest of a command (the SLA entries, the facts of
 * every ticket) are detached first: at 100,000 tickets that is hundreds of megabytes the
 * garbage collector no longer copies. Values sent from a worker thread are copies already.
 */

/** V8's shortest slice that is a view (SlicedString::kMinLength); a shorter one is a copy. */
const SHORTEST_VIEW = 13;

/** `text` as a string of its own (one copy of its characters, not a view into a larger one). */
export function detachedString(text: string): string {
  // The concatenation is flattened into a new string of its own; the slice views only that.
  return text.length < SHORTEST_VIEW ? text : ` ${text}`.slice(1);
}

/**
 * Detaches every string in a tree of plain objects and arrays, in place, and returns it.
 * Strings shorter than 13 characters are copies already.
 */
export function detachStrings<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const tree = value as Record<string, unknown>;
  for (const key in tree) {
    const item = tree[key];
    if (typeof item === 'string') {
      if (item.length >= SHORTEST_VIEW) tree[key] = detachedString(item);
    } else if (typeof item === 'object' && item !== null) {
      detachStrings(item);
    }
  }
  return value;
}
