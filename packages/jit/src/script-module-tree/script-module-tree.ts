import * as nn from '@tsjit/nn';
import { type Module, torchScriptOf } from '@tsjit/nn';
import { OpError } from '@tsjit/ops';
import { CompilationUnit } from '../compilation-unit.js';
import type { ScriptModule } from '../script-module.js';
import { childSlots } from './child-slots.js';
import { pytorchModulePath } from './pytorch-module-paths.js';
import { ModuleScript } from './torchscript.js';

export interface ScriptModuleTreeOptions {
  /** The file name compile errors name (default: `<torchscript ClassName>` per class). */
  readonly file?: string;
}

/**
 * `jit.script(module)`: an nn.Module tree compiled into a ScriptModule, as PyTorch's
 * `torch.jit.script(nn_module)` does it. Each module's class comes from its TorchScript definition
 * (a built-in layer's own, or a user class's static `torchscript` member, see ModuleScript),
 * compiled bottom-up in one compilation unit under the name PyTorch gives it:
 * `__torch__.torch.nn.modules.<file>.<Layer>` for built-in layers, `__torch__.<Class>` for user
 * classes. Modules whose classes come out the same share one type; a differing one gets
 * PyTorch's mangled name (`__torch__.torch.nn.modules.container.___torch_mangle_0.Sequential`).
 *
 * The script module holds the eager module's own tensors (parameters and buffers share their
 * storage: training the eager module is seen by the script module, and the reverse), its
 * submodules as script modules of their classes, its other typed attributes as they are now
 * (copied), and its `training` flag.
 */
export function scriptModuleTree(root: Module, options: ScriptModuleTreeOptions = {}): ScriptModule {
  const unit = new CompilationUnit(undefined, options.file === undefined ? {} : { file: options.file });
  const classOf = new Map<Module, string>();
  const byText = new Map<string, string>();
  const taken = new Set<string>();
  const order: [Module, string][] = [];
  let mangle = 0;

  const visit = (module: Module, path: string) => {
    if (classOf.has(module)) return;
    for (const [name, child] of childSlots(module)) visit(child, path ? `${path}.${name}` : name);
    const definition = torchScriptOf(module);
    const className = classNameOf(module);
    if (definition === undefined) {
      throw new OpError(
        `cannot script module ${path ? `'${path}' ` : ''}of class ${className}: it has no TorchScript. ` +
          `Give the class a static torchscript member: static torchscript = torchscript\`def forward(self, ...) -> ...: ...\``,
      );
    }
    const qualifier = definition instanceof ModuleScript ? '__torch__' : `__torch__.${pytorchModulePath(className)}`;
    const source = definition.source(module, {
      className,
      childType: (child) => classOf.get(child) as string,
    });
    const key = `${qualifier}\n${source}`;
    let qualified = byText.get(key);
    if (qualified === undefined) {
      qualified = `${qualifier}.${className}`;
      // PyTorch's CompilationUnit.mangle: a second, different type of the same name.
      if (taken.has(qualified)) qualified = `${qualifier}.___torch_mangle_${mangle++}.${className}`;
      taken.add(qualified);
      byText.set(key, qualified);
      const prefix = qualified.slice(0, qualified.lastIndexOf('.'));
      unit.define(source, { prefix, file: options.file ?? `<torchscript ${className}>` });
    }
    classOf.set(module, qualified);
    order.push([module, qualified]);
  };
  visit(root, '');

  const built = new Map<Module, ScriptModule>();
  for (const [module, qualified] of order) {
    const attributes: Record<string, unknown> = { ...torchScriptOf(module)?.attributes(module) };
    for (const [name, child] of childSlots(module)) attributes[name] = built.get(child);
    const scriptClass = unit.getClass(qualified);
    if (scriptClass === undefined) throw new OpError(`class ${qualified} was not compiled`);
    built.set(module, scriptClass.createModule(attributes));
  }
  return built.get(root) as ScriptModule;
}

/** Built-in layer classes by identity: bundlers may rename a class (`_Sequential`), not its export. */
let builtinNames: Map<unknown, string> | undefined;

/** The class name PyTorch knows a module's class by: a built-in layer's export name, else its constructor's name. */
function classNameOf(module: Module): string {
  builtinNames ??= new Map(
    Object.entries(nn)
      .filter(([, value]) => typeof value === 'function')
      .map(([name, value]) => [value, name]),
  );
  return builtinNames.get(module.constructor) ?? module.constructor.name;
}
