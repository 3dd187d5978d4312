import type { Module } from '../module/module.js';
import type { TorchScriptDefinition, TorchScriptSourceOptions } from '../module/torchscript-definition.js';

/**
 * The class line of a layer's TorchScript class, and the lists that say which attributes are
 * parameters and buffers (as PyTorch prints them in an archive's code/), for this instance.
 */
export function scriptClassLine(module: Module, options?: TorchScriptSourceOptions): string {
  const list = (names: string[]) => `[${names.map((n) => `"${n}", `).join('')}]`;
  const parameters = module.namedParameters('', false).map(([n]) => n);
  const buffers = module.namedBuffers('', false).map(([n]) => n);
  return `class ${options?.className ?? module.constructor.name}(torch.nn.Module):\n    __parameters__ = ${list(parameters)}\n    __buffers__ = ${list(buffers)}\n`;
}

/**
 * A TorchScript definition whose class text is the same for every instance: `body` is the class
 * body (attribute declarations and methods, indented by 4), the class line is added with the
 * layer's name.
 */
export function defineScript<M extends Module>(
  body: string,
  attributes: (module: M) => Record<string, unknown> = () => ({}),
): TorchScriptDefinition<M> {
  return {
    source: (module, options) => `${scriptClassLine(module, options)}${body}`,
    attributes: (module) => ({ training: module.training, ...attributes(module) }),
  };
}

/** PyTorch's _single/_pair/_triple: an int repeated n times, or a list of n ints checked. */
export function ntuple(n: number, value: number | readonly number[], name = 'value'): number[] {
  if (typeof value === 'number') return new Array(n).fill(value);
  if (value.length !== n) throw new Error(`${name} must be an int or a tuple of ${n} ints, got ${value.length} values`);
  return [...value];
}
