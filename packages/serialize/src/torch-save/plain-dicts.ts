/**
 * Maps that torchSave writes as plain Python dicts rather than `collections.OrderedDict`. torchLoad
 * returns a plain dict as a JS object when its keys are strings whose order an object keeps, and as
 * a Map marked here otherwise (int keys, or keys such as '10' before '2' that an object would
 * reorder), so that saving it again writes a dict.
 */
const plain = new WeakSet<Map<unknown, unknown>>();

export function markPlainDict<T extends Map<unknown, unknown>>(map: T): T {
  plain.add(map);
  return map;
}

export function isPlainDict(map: Map<unknown, unknown>): boolean {
  return plain.has(map);
}
