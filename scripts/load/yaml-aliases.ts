/**
 * Checks a YAML text's aliases on js-yaml's event stream, before anything is built from it:
 * an alias without anchor, an alias inside the node it names (a cycle, which js-yaml would
 * build into a self-referencing value), too many aliases, and aliases that expand to too many
 * values or too deep a nesting (alias bombs). Each problem points at the alias's `*`.
 */
import {
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  type Event,
} from 'js-yaml';

export interface AliasLimits {
  maxAliases: number;
  maxExpandedNodes: number;
  maxDepth: number;
}

export interface AliasProblem {
  code: 'yaml/unknown-alias' | 'yaml/alias-cycle' | 'yaml/alias-limit' | 'yaml/too-deep';
  message: string;
  /** Offset of the alias's `*`. */
  offset: number;
}

/** What an anchored node amounts to once expanded: its node count and its nesting height. */
interface Expanded {
  size: number;
  height: number;
}

interface Frame {
  collection: boolean;
  anchor: string | null;
  /** The running node count when the frame opened (itself included). */
  startTotal: number;
  /** Greatest height among the children so far. */
  childHeight: number;
}

const OPEN = 'open';

export function checkAliases(
  text: string,
  events: readonly Event[],
  limits: AliasLimits,
): AliasProblem | null {
  const anchors = new Map<string, Expanded | typeof OPEN>();
  const stack: Frame[] = [];
  let depth = 0;
  let total = 0;
  let aliases = 0;
  const nameOf = (start: number, end: number) => (start >= 0 ? text.slice(start, end) : null);
  const childDone = (height: number) => {
    const parent = stack[stack.length - 1];
    if (parent && height > parent.childHeight) parent.childHeight = height;
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_DOCUMENT:
        anchors.clear();
        stack.push({ collection: false, anchor: null, startTotal: total, childHeight: 0 });
        break;
      case EVENT_MAPPING:
      case EVENT_SEQUENCE: {
        total++;
        depth++;
        const anchor = nameOf(event.anchorStart, event.anchorEnd);
        if (anchor !== null) anchors.set(anchor, OPEN);
        stack.push({ collection: true, anchor, startTotal: total, childHeight: 0 });
        break;
      }
      case EVENT_SCALAR: {
        total++;
        const anchor = nameOf(event.anchorStart, event.anchorEnd);
        if (anchor !== null) anchors.set(anchor, { size: 1, height: 0 });
        break;
      }
      case EVENT_POP: {
        const frame = stack.pop();
        if (!frame?.collection) break;
        depth--;
        const height = frame.childHeight + 1;
        if (frame.anchor !== null) anchors.set(frame.anchor, { size: total - frame.startTotal + 1, height });
        childDone(height);
        break;
      }
      case EVENT_ALIAS: {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        const at = (code: AliasProblem['code'], message: string): AliasProblem => ({
          code,
          message,
          offset: Math.max(0, event.anchorStart - 1),
        });
        const target = anchors.get(name);
        if (target === undefined)
          return at('yaml/unknown-alias', `alias "*${name}" names no anchor before it`);
        if (target === OPEN)
          return at('yaml/alias-cycle', `alias "*${name}" is inside the node it names (a cycle)`);
        if (++aliases > limits.maxAliases)
          return at('yaml/alias-limit', `more than ${limits.maxAliases} aliases in one document`);
        total += target.size;
        if (total > limits.maxExpandedNodes) {
          return at(
            'yaml/alias-limit',
            `aliases expand to more than ${limits.maxExpandedNodes} values; refusing a possible alias bomb`,
          );
        }
        if (depth + target.height > limits.maxDepth) {
          return at('yaml/too-deep', `alias "*${name}" nests values deeper than ${limits.maxDepth} levels`);
        }
        childDone(target.height);
        break;
      }
    }
  }
  return null;
}
