import type { ClassType } from '@tsjit/ir';
import { ScriptObject } from '@tsjit/jit';

/**
 * The classes of the objects a module holds: its own first, then those of its submodules and
 * other script objects, breadth-first in attribute order, each class once (a class shared by
 * several submodules is listed at its first use).
 */
export function moduleClasses(root: ScriptObject): ClassType[] {
  const seen = new Set<string>();
  const visited = new Set<ScriptObject>();
  const out: ClassType[] = [];
  const queue: ScriptObject[] = [root];
  // Iterative: a module tree may be deep, and objects may refer to each other.
  for (let i = 0; i < queue.length; i++) {
    const object = queue[i];
    if (!seen.has(object.type.qualifiedName)) {
      seen.add(object.type.qualifiedName);
      out.push(object.type);
    }
    for (const slot of object.slots) {
      if (slot instanceof ScriptObject && !visited.has(slot)) {
        visited.add(slot);
        queue.push(slot);
      }
    }
  }
  return out;
}
