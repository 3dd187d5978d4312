import { getTypeTag, PickleObject, PickleTensorRef, setTypeTag } from '../../src/index.js';

/**
 * A copy of an unpickled value graph (sharing kept) whose containers, objects and tensors carry
 * no memo hints: what a caller that builds values itself hands to the Pickler.
 */
export function cloneWithoutHints(root: unknown): unknown {
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    let out: object;
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      copies.set(value, items);
      for (const x of value) items.push(copy(x));
      out = Object.isFrozen(value) ? Object.freeze(items) : items;
      copies.set(value, out);
    } else if (value instanceof Map) {
      const map = new Map();
      copies.set(value, map);
      for (const [k, x] of value) map.set(copy(k), copy(x));
      out = map;
    } else if (value instanceof PickleObject) {
      const object = new PickleObject(value.className);
      copies.set(value, object);
      object.state = copy(value.state);
      out = object;
    } else if (value instanceof PickleTensorRef) {
      const q = value.quantization;
      const quantization =
        q !== undefined && 'scales' in q ? { ...q, scales: copy(q.scales), zeroPoints: copy(q.zeroPoints) } : q;
      out = new PickleTensorRef(
        value.storage,
        value.storageOffset,
        value.sizes,
        value.strides,
        value.requiresGrad,
        quantization,
      );
      copies.set(value, out);
    } else {
      return value;
    }
    const tag = getTypeTag(value);
    if (tag !== undefined) setTypeTag(out, tag);
    return out;
  };
  return copy(root);
}
