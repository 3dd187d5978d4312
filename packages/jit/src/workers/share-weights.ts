import { Tensor } from '@tsjit/tensor';
import type { ObjectCodec } from './value-codec.js';

/**
 * Moves the storage of every tensor reachable from `root` (a module's object tree: attributes,
 * lists, tuples, dicts, submodules) onto SharedArrayBuffers, in place (Storage.toShared). The
 * calling thread's module keeps working on the same tensors, views keep sharing their base's
 * storage, and workers that receive these tensors see the same bytes: one copy of the weights
 * whatever the number of workers. Returns the number of storages moved.
 */
export function shareWeights(root: unknown, objects?: ObjectCodec): number {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  let moved = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Tensor) {
      if (!value.storage.isShared) {
        value.storage.toShared();
        moved++;
      }
      if (value.grad !== null) stack.push(value.grad);
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value instanceof Map) {
      for (const [k, v] of value) stack.push(k, v);
    } else if (objects?.matches(value)) {
      for (const [, attribute] of objects.attributes(value)) stack.push(attribute);
    }
  }
  return moved;
}
