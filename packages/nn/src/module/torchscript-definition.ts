import type { Module } from './module.js';

/** How a TorchScript class source refers to the class of each submodule. */
export interface TorchScriptSourceOptions {
  /** The class name to give this module's class (default: the layer's class name). */
  className?: string;
  /** The class name a submodule's class has in the same compilation unit (default: its constructor's name). */
  childType?: (child: Module) => string;
}

/**
 * A built-in layer's TorchScript: the class PyTorch's module code scripts to (its `forward` and
 * helpers written with TorchScript builtins, `torch.linear` for `F.linear`), and the values of the
 * attributes the class declares for one instance. `jit.script(module)` compiles `source` per layer
 * class and builds the object with `ScriptClass.createModule(attributes(module))` plus the scripted
 * submodules. Layers expose it as a static `torchscript` property (see torchScriptOf).
 */
export interface TorchScriptDefinition<M extends Module = Module> {
  /** The class source for this instance (containers depend on their children's classes). */
  source(module: M, options?: TorchScriptSourceOptions): string;
  /** Parameters, buffers and configuration by their TorchScript names; submodules are not included. */
  attributes(module: M): Record<string, unknown>;
}

/** The TorchScript definition of a built-in layer instance, or undefined for a user-defined module. */
export function torchScriptOf<M extends Module>(module: M): TorchScriptDefinition<M> | undefined {
  const ctor = module.constructor as { torchscript?: TorchScriptDefinition<M> };
  // Own property only: a user subclass of a built-in layer may override forward.
  return Object.hasOwn(ctor, 'torchscript') ? ctor.torchscript : undefined;
}
