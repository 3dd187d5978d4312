import { CellParamsBase, cellParamsFromState, LinearPackedParamsBase, linearPackedParamsFromState } from '@tsjit/ops';
import type { ClassHandle } from '@tsjit/serialize';

/**
 * The C++ custom classes (`__torch__.torch.classes.*`) archives may hold, restored from their
 * `__getstate__` state as PyTorch's `def_pickle` does: the packed parameters of dynamically
 * quantized Linear and RNN modules. Other custom classes are unknown to the loader, which then
 * reports the class by name.
 */
const CUSTOM_CLASSES: ReadonlyMap<string, { prototype: object; fromState: (state: unknown) => object }> = new Map([
  [
    '__torch__.torch.classes.quantized.LinearPackedParamsBase',
    { prototype: LinearPackedParamsBase.prototype, fromState: linearPackedParamsFromState },
  ],
  [
    '__torch__.torch.classes.rnn.CellParamsBase',
    { prototype: CellParamsBase.prototype, fromState: cellParamsFromState },
  ],
]);

export function customClassHandle(qualifiedName: string): ClassHandle | undefined {
  const entry = CUSTOM_CLASSES.get(qualifiedName);
  if (entry === undefined) return undefined;
  return {
    // NEWOBJ makes the object before BUILD gives its state: an empty instance of the class that
    // `setState` fills with the fields of the object its state describes (other references made
    // in between, through the memo, see the same object).
    create: () => Object.create(entry.prototype),
    setState: (instance, state) => {
      Object.assign(instance as object, entry.fromState(state));
    },
  };
}
