/**
 * `duplicate_of` must lead to an original: a chain that comes back to where it started is a
 * cycle, and no ticket in it would count.
 */

/** Returns the IDs that lie on a `duplicate_of` cycle, given each ticket's `duplicate_of`. */
export function duplicateCycles(duplicateOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const onCycle = new Map<string, string[]>();
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of duplicateOf.keys()) {
    if (state.get(start) === 'done') continue;
    const path: string[] = [];
    let id: string | undefined = start;
    while (id !== undefined && state.get(id) === undefined) {
      state.set(id, 'visiting');
      path.push(id);
      id = duplicateOf.get(id);
    }
    if (id !== undefined && state.get(id) === 'visiting') {
      const cycle = path.slice(path.indexOf(id));
      if (cycle.length > 1) for (const member of cycle) onCycle.set(member, cycle);
    }
    for (const member of path) state.set(member, 'done');
  }
  return onCycle;
}
