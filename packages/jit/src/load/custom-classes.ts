import type { ClassHandle } from '@tsjit/serialize';

/**
 * The C++ custom classes (`__torch__.torch.classes.*`) archives may hold, restored from their
 * `__getstate__` state as PyTorch's `def_pickle` does. None is supported yet: an archive holding
 * one fails to load with an error that names the class.
 */
export function customClassHandle(_qualifiedName: string): ClassHandle | undefined {
  return undefined;
}
