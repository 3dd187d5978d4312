/**
 * Which tensors are `torch.nn.Parameter`s. tsjit's Tensor has no Parameter subclass, so the flag
 * lives beside the tensor: torchLoad sets it (true for `_rebuild_parameter`, false for plain
 * tensors) and torchSave follows it; a tensor without a flag is written as a Parameter when it
 * requires grad.
 */
const flags = new WeakMap<object, boolean>();

export function setParameterFlag(tensor: object, parameter: boolean): void {
  flags.set(tensor, parameter);
}

/** Whether torchSave writes this tensor as an nn.Parameter, when recorded. */
export function getParameterFlag(tensor: object): boolean | undefined {
  return flags.get(tensor);
}
