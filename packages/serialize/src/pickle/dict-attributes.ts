/**
 * Instance attributes that BUILD gave a dict: Python pickles an `OrderedDict` with a `__dict__`
 * (torch.save's state dicts carry `_metadata` that way) as REDUCE, SETITEMS, then BUILD.
 */
const attributes = new WeakMap<Map<unknown, unknown>, Map<unknown, unknown>>();

export function setDictAttributes(dict: Map<unknown, unknown>, state: Map<unknown, unknown>): void {
  attributes.set(dict, state);
}

/** The attributes recorded for a dict (e.g. a state dict's `_metadata`), if any. */
export function getDictAttributes(dict: Map<unknown, unknown>): Map<unknown, unknown> | undefined {
  return attributes.get(dict);
}

/** The dicts the unpickler made by calling `collections.OrderedDict` (rather than EMPTY_DICT / DICT). */
const orderedDicts = new WeakSet<Map<unknown, unknown>>();

export function markOrderedDict(dict: Map<unknown, unknown>): void {
  orderedDicts.add(dict);
}

/** Whether the unpickler made this dict as a `collections.OrderedDict` (torch.save's state dicts). */
export function isOrderedDict(dict: Map<unknown, unknown>): boolean {
  return orderedDicts.has(dict);
}
