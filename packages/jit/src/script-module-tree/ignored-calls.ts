import { fromRuntime, ScriptObject, setPythonOpHandler, toRuntime } from '@tsjit/interpreter';
import type { Module } from '@tsjit/nn';
import { OpError } from '@tsjit/ops';

/** The JS module each object made by jit.script stands for (what an ignored method calls back into). */
const owners = new WeakMap<ScriptObject, Module>();
let installed = false;

/**
 * Records that `object` was scripted from `module`, so that its `@torch.jit.ignore` methods run
 * the module's JS methods (PyTorch runs the Python method of the instance). Installs the
 * interpreter's `prim::PythonOp` handler on first use.
 */
export function registerScriptedModule(object: ScriptObject, module: Module): void {
  owners.set(object, module);
  if (installed) return;
  installed = true;
  setPythonOpHandler((node, inputs) => {
    const name = node.s('name');
    const result = callIgnoredMethod(
      inputs[0],
      name,
      inputs.slice(1).map((v) => fromRuntime(v)),
    );
    return toRuntime(result ?? null, node.output().type, name);
  });
}

/**
 * Calls the JS method `name` of the module `self` was scripted from (an `@torch.jit.ignore`
 * method) with JS arguments; an error saying why when there is none.
 */
export function callIgnoredMethod(self: unknown, name: string, args: readonly unknown[]): unknown {
  const owner = self instanceof ScriptObject ? owners.get(self) : undefined;
  const method = owner === undefined ? undefined : (owner as unknown as Record<string, unknown>)[name];
  if (owner === undefined || typeof method !== 'function') {
    const type = self instanceof ScriptObject ? self.type.qualifiedName : 'the module';
    throw new OpError(
      `the @torch.jit.ignore method '${name}' of ${type} runs in JavaScript, on the module it was scripted from: ` +
        (owner === undefined
          ? 'this object has none here (a loaded module, or a worker thread), as PyTorch needs the Python object'
          : 'that module has no such method'),
    );
  }
  return (method as (...a: unknown[]) => unknown).apply(owner, [...args]);
}
