import type { ScriptFunction as FrontendFunction, CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import { ScriptObject } from '@tsjit/interpreter';
import type { ClassType } from '@tsjit/ir';
import * as nn from '@tsjit/nn';
import { type Module, torchScriptOf } from '@tsjit/nn';
import { OpError } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { CompilationUnit } from '../compilation-unit.js';
import { load } from '../load/load.js';
import { writeModuleArchive } from '../save/save.js';
import { ScriptModule } from '../script-module.js';
import { childSlots } from './child-slots.js';
import { registerScriptedModule } from './ignored-calls.js';
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
  // Classes of traced, scripted or loaded modules held by the tree, with the units that compiled them.
  const foreign = new Map<ClassType, FrontendUnit>();
  const frontend = unit.runtime.unit as FrontendUnit;

  const adopt = (held: ScriptModule, path: string) => {
    for (const [, part] of held.namedModules()) {
      const type = part.type;
      if (foreign.has(type)) continue;
      const clash = [...foreign.keys()].find((t) => t.qualifiedName === type.qualifiedName);
      if (clash !== undefined) {
        throw new OpError(
          `cannot script module '${path}': it holds two different classes named ${type.qualifiedName} ` +
            '(modules traced or scripted separately); trace or script them together, in one module',
        );
      }
      const owner = part.host.runtime.unit as FrontendUnit;
      foreign.set(type, owner);
      taken.add(type.qualifiedName);
      frontend.adoptClass(type, methodsOf(owner, type));
    }
  };

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
  // Held modules' classes first: the tree's own classes are named (mangled) around theirs.
  for (const [path, module] of root.namedModules())
    for (const [name, held] of heldScriptModules(module)) adopt(held, path ? `${path}.${name}` : name);
  visit(root, '');

  const built = new Map<Module, ScriptModule>();
  for (const [module, qualified] of order) {
    const attributes: Record<string, unknown> = { ...torchScriptOf(module)?.attributes(module) };
    for (const [name, child] of childSlots(module)) attributes[name] = built.get(child);
    const scriptClass = unit.getClass(qualified);
    if (scriptClass === undefined) throw new OpError(`class ${qualified} was not compiled`);
    const scripted = scriptClass.createModule(attributes);
    registerScriptedModule(scripted.object, module);
    built.set(module, scripted);
  }
  const scripted = built.get(root) as ScriptModule;
  return foreign.size === 0 ? scripted : asArchive(scripted, unit, foreign);
}

/** The script modules a module holds in its own fields (`this.cell = jit.trace(new MyCell(), [x, h])`). */
function heldScriptModules(module: Module): [string, ScriptModule][] {
  return Object.entries(module).filter((e): e is [string, ScriptModule] => e[1] instanceof ScriptModule);
}

/** Every method a unit compiled for a class (a loaded archive's classes compile theirs on demand). */
function methodsOf(owner: FrontendUnit, type: ClassType): FrontendFunction[] {
  const names = new Set([...owner.methodsOf(type).map((fn) => fn.name), ...type.methods.keys()]);
  return [...names].map((name) => owner.findMethod(type, name)).filter((fn) => fn !== undefined) as FrontendFunction[];
}

/**
 * A scripted tree that holds modules of other units, as one archive written in memory and loaded
 * back (the way traced modules are built): the result runs on workers and saves like any loaded
 * module. Its tensor slots are then pointed at the tensors the tree held, so the eager modules,
 * the traced or scripted ones held, and the result share their parameters and buffers.
 */
function asArchive(scripted: ScriptModule, unit: CompilationUnit, foreign: ReadonlyMap<ClassType, FrontendUnit>) {
  const frontend = unit.runtime.unit as FrontendUnit;
  const owners = [...new Set(foreign.values())];
  // Free functions the held modules call (traced code calling scripted functions) live in their units.
  const codeUnit = new Proxy(frontend, {
    get(target, prop, receiver) {
      if (prop === 'findFunction') {
        return (name: string) =>
          target.findFunction(name) ?? owners.map((u) => u.findFunction(name)).find((f) => f !== undefined);
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as FrontendUnit;
  let bytes: Uint8Array;
  try {
    bytes = writeModuleArchive(scripted.object, unit.host, codeUnit, undefined, { archiveName: 'archive' });
  } catch (e) {
    // Code calling @torch.jit.ignore methods cannot be archived (nor saved, nor run on workers, as
    // in PyTorch): the module stays in the scripting unit, which holds the adopted classes.
    if (e instanceof Error && e.message.includes('Could not export Python function call')) return scripted;
    throw e;
  }
  const loaded = load(bytes);
  shareTensors(scripted.object, loaded.object);
  return loaded;
}

function shareTensors(from: ScriptObject, to: ScriptObject): void {
  from.type.attributes.forEach((attribute, i) => {
    const value = from.slots[i];
    if (value instanceof Tensor) to.setAttr(attribute.name, value);
    else if (value instanceof ScriptObject && value.type.isModule) {
      const other = to.getAttr(attribute.name);
      if (other instanceof ScriptObject) shareTensors(value, other);
    }
  });
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
