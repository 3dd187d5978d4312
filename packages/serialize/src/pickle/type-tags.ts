/**
 * TorchScript's static container types, which PyTorch's pickler writes next to lists and dicts
 * (`restore_type_tag(x, 'Dict[str, Tensor]')`, `build_intlist([...])`) and the unpickler keeps.
 * They live beside the containers (a WeakMap) so that lists stay plain arrays and dicts plain Maps.
 */
const tags = new WeakMap<object, string>();

/** Records the TorchScript type of a list or dict ('List[int]', 'Dict[str, Tensor]'). */
export function setTypeTag<T extends object>(container: T, annotation: string): T {
  tags.set(container, annotation);
  return container;
}

/** The TorchScript type recorded for a list or dict, if any. */
export function getTypeTag(container: object): string | undefined {
  return tags.get(container);
}
