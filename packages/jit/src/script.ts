import { FrontendError } from '@tsjit/frontend';
import { Module } from '@tsjit/nn';
import { CompilationUnit, type CompilationUnitOptions } from './compilation-unit.js';
import type { ScriptClass } from './script-class.js';
import type { ScriptFunction } from './script-function.js';
import { ScriptModule } from './script-module.js';
import { type ScriptModuleTreeOptions, scriptModuleTree } from './script-module-tree/script-module-tree.js';

export interface ScriptOptions extends CompilationUnitOptions {
  /** The function or class to return (default: the last one the source defines). */
  readonly name?: string;
}

/**
 * Compiles TorchScript source and returns one of its functions or classes: the one named by
 * `options.name`, or else the last one defined. This is the TypeScript counterpart of PyTorch's
 * `torch.jit.script(fn)`, which compiles a Python function together with what it calls: here the
 * source holds the function and its helpers, in the usual Python order (helpers first). The
 * result's `instanceof ScriptFunction` or `ScriptClass` says which it is. Compile errors, and a
 * source without the function or class asked for, throw a FrontendError.
 *
 *     const double = script('def double(x: Tensor) -> Tensor:\n    return x * 2\n');
 *     double.code;   // 'def double(x: Tensor) -> Tensor:\n  return torch.mul(x, 2)\n'
 */
export function script(source: string, options?: ScriptOptions): ScriptFunction | ScriptClass;
/** An nn.Module tree scripted recursively into a ScriptModule (see scriptModuleTree). */
export function script(module: Module, options?: ScriptModuleTreeOptions): ScriptModule;
/** A ScriptModule (traced, scripted or loaded) is returned as it is, as PyTorch's `torch.jit.script` does. */
export function script(module: ScriptModule): ScriptModule;
export function script(
  what: string | Module | ScriptModule,
  options: ScriptOptions & ScriptModuleTreeOptions = {},
): ScriptFunction | ScriptClass | ScriptModule {
  if (what instanceof ScriptModule) return what;
  if (what instanceof Module) return scriptModuleTree(what, options);
  const source = what;
  const unit = new CompilationUnit(undefined, options);
  const { all } = unit.define(source);
  const chosen = options.name === undefined ? all.at(-1) : all.find((item) => item.name === options.name);
  if (!chosen) {
    const known = all.map((item) => item.name).join(', ') || 'none';
    const wanted = options.name === undefined ? 'a function or class' : `'${options.name}'`;
    // Not a problem at one place of the source: the error points at its start.
    throw new FrontendError(
      source,
      options.file ?? '<string>',
      0,
      `script() expected the source to define ${wanted} (it defines: ${known})`,
    );
  }
  return chosen;
}
