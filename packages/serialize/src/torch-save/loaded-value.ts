import { FloatScalar } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { getDictAttributes, isOrderedDict } from '../pickle/dict-attributes.js';
import { markPlainDict } from './plain-dicts.js';

function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.isFrozen(value);
}

const arrayIndex = /^(0|[1-9]\d{0,9})$/;

/** Whether a JS object built from these keys would list them in the same order. */
function keepsOrder(keys: readonly unknown[]): boolean {
  let sawName = false;
  let lastIndex = -1;
  for (const key of keys) {
    if (typeof key !== 'string') return false;
    if (arrayIndex.test(key) && Number(key) < 2 ** 32 - 1) {
      // Objects list array-index keys first, ascending.
      if (sawName || Number(key) < lastIndex) return false;
      lastIndex = Number(key);
    } else sawName = true;
  }
  return true;
}

/**
 * Turns the unpickler's dicts into torchLoad's: an OrderedDict stays a Map (with its `__dict__`
 * still under getDictAttributes), a plain dict becomes a JS object when an object keeps its keys
 * and their order, else a Map marked with markPlainDict. Tuples holding a converted dict are
 * rebuilt; lists and Maps are updated in place, so shared and recursive values stay shared.
 * Iterative: nesting depth is whatever the unpickler's budget let through.
 */
export function finishLoadedValue(root: unknown): unknown {
  const seen = new Set<object>();
  const lists: unknown[][] = [];
  const tuples: (readonly unknown[])[] = [];
  const maps: Map<unknown, unknown>[] = [];
  const attributeMaps = new Set<Map<unknown, unknown>>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    if (v instanceof Tensor || v instanceof FloatScalar) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      if (isTuple(v)) tuples.push(v);
      else lists.push(v);
      for (const item of v) stack.push(item);
    } else if (v instanceof Map) {
      maps.push(v);
      for (const [k, item] of v) stack.push(k, item);
      const attributes = getDictAttributes(v);
      if (attributes !== undefined) {
        attributeMaps.add(attributes);
        stack.push(attributes);
      }
    }
  }

  const replacement = new Map<object, unknown>();
  const stays: Map<unknown, unknown>[] = [];
  const objects: [Map<unknown, unknown>, Record<string, unknown>][] = [];
  for (const map of maps) {
    if (isOrderedDict(map)) stays.push(map);
    else if (!attributeMaps.has(map) && keepsOrder([...map.keys()])) {
      const object: Record<string, unknown> = {};
      replacement.set(map, object);
      objects.push([map, object]);
    } else stays.push(markPlainDict(map));
  }
  const final = (v: unknown): unknown =>
    typeof v === 'object' && v !== null && replacement.has(v) ? replacement.get(v) : v;

  // A tuple can only hold values that existed before it, so tuple-to-tuple edges form no cycle.
  for (const tuple of tuples) {
    const work: [readonly unknown[], boolean][] = [[tuple, false]];
    while (work.length > 0) {
      const [t, expanded] = work.pop() as [readonly unknown[], boolean];
      if (replacement.has(t)) continue;
      if (!expanded) {
        work.push([t, true]);
        for (const item of t) if (isTuple(item) && !replacement.has(item)) work.push([item, false]);
        continue;
      }
      const items = t.map(final);
      replacement.set(t, items.some((item, i) => item !== t[i]) ? Object.freeze(items) : t);
    }
  }
  for (const list of lists) for (let i = 0; i < list.length; i++) list[i] = final(list[i]);
  for (const map of stays) {
    const entries = [...map];
    map.clear();
    for (const [k, v] of entries) map.set(final(k), final(v));
  }
  for (const [map, object] of objects) {
    for (const [k, v] of map) {
      Object.defineProperty(object, k as string, {
        value: final(v),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return final(root);
}
