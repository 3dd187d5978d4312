import {
  type ScriptFunction as CompiledFunction,
  FrontendError,
  CompilationUnit as FrontendUnit,
  Parser,
  type SchemaRegistry,
} from '@tsjit/frontend';
import type { ClassType, Graph, Node } from '@tsjit/ir';
import { calleeName } from '@tsjit/passes';
import { frontendCleanup } from './frontend-cleanup.js';
import type { ModuleUnit, UnitRecipe } from './runtime/module-unit.js';
import { UnitRuntime } from './runtime/unit-runtime.js';
import { ScriptClass } from './script-class.js';
import { ScriptFunction } from './script-function.js';
import type { ObjectHost } from './script-module.js';

export interface CompilationUnitOptions {
  /** The file name that errors and source ranges name (default `<string>`, as PyTorch's). */
  readonly file?: string;
  /**
   * The namespace of the source's functions and classes (default none: `f` is called `f`, as in
   * PyTorch's `torch.jit.CompilationUnit`). Archive code lives under `__torch__`.
   */
  readonly prefix?: string;
  /** The operator schemas calls resolve against (default: every op of @tsjit/ops). */
  readonly schemas?: SchemaRegistry;
}

export interface DefineOptions {
  /** The file name of this source (default: the unit's). */
  readonly file?: string;
  /**
   * The namespace of this source's functions and classes (default: the unit's). Classes of other
   * namespaces are named by their qualified names (`__torch__.torch.nn.modules.linear.Linear`).
   */
  readonly prefix?: string;
}

/** What one `define` added, in source order. */
export interface Definitions {
  readonly functions: readonly ScriptFunction[];
  /** Script classes (NamedTuples, enums and interfaces are types only: they are not listed). */
  readonly classes: readonly ScriptClass[];
  /** Functions and classes together, in the order the source defines them. */
  readonly all: readonly (ScriptFunction | ScriptClass)[];
}

/**
 * TorchScript functions and classes compiled together from source, as PyTorch's
 * `torch.jit.CompilationUnit(src)`: functions may call each other in any order, and every
 * function and method is compiled when the source is defined, so a `FrontendError` (file, line,
 * column, the line quoted with a caret) is thrown by the constructor or `define`. Beyond PyTorch
 * 1.13, whose CompilationUnit takes only `def`s, the source may also hold classes (with methods,
 * `NamedTuple`s, enums and interfaces).
 *
 * Functions are found by name with `get('f')` (or by qualified name) and listed by `functions`;
 * classes with `getClass('Point')` and `classes`. PyTorch's attribute access (`cu.f`) is left
 * out on purpose: a Proxy would give every property the type `unknown` in TypeScript, clash with
 * the unit's own members (a function named `get` or `define`), and a function named `then` would
 * make the unit a thenable that `await` unwraps.
 *
 * It is called with or without `new`, the latter as PyTorch's `torch.jit.CompilationUnit(src)`.
 *
 *     const cu = new CompilationUnit('def double(x: Tensor) -> Tensor:\n    return x * 2\n');
 *     cu.get('double')?.code;   // 'def double(x: Tensor) -> Tensor:\n  return torch.mul(x, 2)\n'
 */
class CompilationUnitClass implements ModuleUnit {
  readonly #unit: FrontendUnit;
  readonly #file: string;
  readonly #prefix: string;
  readonly #functions: ScriptFunction[] = [];
  readonly #classes: ScriptClass[] = [];
  readonly #wrappers = new Map<CompiledFunction, ScriptFunction>();
  readonly #sources = new Map<string, string>();
  readonly #recipe: {
    options: { readonly file?: string; readonly prefix?: string };
    sources: { source: string; file?: string; prefix?: string }[];
  };
  readonly #runtime: UnitRuntime;
  readonly #host: ObjectHost;

  constructor(source?: string, options: CompilationUnitOptions = {}) {
    this.#file = options.file ?? '<string>';
    this.#prefix = options.prefix ?? '';
    this.#unit = new FrontendUnit({
      file: this.#file,
      registry: options.schemas,
      cleanup: (graph) => frontendCleanup(graph),
    });
    this.#recipe = { options: { file: options.file, prefix: options.prefix }, sources: [] };
    this.#runtime = new UnitRuntime(this.#unit, this.#sources);
    this.#host = {
      runtime: this.#runtime,
      unit: this,
      methodSchema: (type, name) => this.#unit.findMethod(type, name)?.schema(),
    };
    if (source !== undefined) this.define(source);
  }

  /** The unit again from a recipe (what a worker thread does with the main thread's unit). */
  static fromRecipe(recipe: UnitRecipe): CompilationUnitClass {
    if (recipe.kind !== 'source') throw new TypeError('CompilationUnit.fromRecipe needs a source recipe');
    const unit = new CompilationUnitClass(undefined, recipe.options);
    for (const { source, file, prefix } of recipe.sources) {
      unit.define(source, { ...(file === undefined ? {} : { file }), ...(prefix === undefined ? {} : { prefix }) });
    }
    return unit;
  }

  /** How to build this unit again: the sources defined so far, with the options. */
  get recipe(): UnitRecipe {
    return { kind: 'source', options: this.#recipe.options, sources: [...this.#recipe.sources] };
  }

  /** The class type called `qualifiedName` (a class of the unit, or one it compiled on demand). */
  classType(qualifiedName: string): ClassType | undefined {
    return this.getClass(qualifiedName)?.type ?? this.#unit.findClass(qualifiedName);
  }

  /** @internal The interpreter's view of the unit. */
  get runtime(): UnitRuntime {
    return this.#runtime;
  }

  /** @internal What objects of the unit's classes need to run their methods. */
  get host(): ObjectHost {
    return this.#host;
  }

  /**
   * Compiles `source` into this unit. Its top-level `def`s and classes see each other, not what
   * earlier sources defined (as in PyTorch, whose `define` resolves names in the source only).
   * Everything is compiled now; the first error is thrown as a FrontendError, and the unit lists
   * none of the source's functions and classes.
   */
  define(source: string, options: DefineOptions = {}): Definitions {
    const file = options.file ?? this.#file;
    const prefix = options.prefix ?? this.#prefix;
    const module = Parser.parseModule(source, file);
    this.#sources.set(file, source);
    // A name is defined once per unit, as PyTorch's CompilationUnit insists.
    const taken = new Set([...this.#functions, ...this.#classes].map((item) => item.qualifiedName));
    for (const stmt of module.body) {
      if (stmt.kind !== 'FunctionDef' && stmt.kind !== 'ClassDef') continue;
      const name = qualify(prefix, stmt.name);
      if (taken.has(name)) {
        const what = stmt.kind === 'FunctionDef' ? 'method' : 'class';
        throw new FrontendError(source, file, stmt.range.start, `${what} '${stmt.name}' already defined.`);
      }
      taken.add(name);
    }
    const defined = this.#unit.defineModule(module, { prefix });
    const byName = new Map<string, ScriptFunction | ScriptClass>();
    for (const fn of defined.functions) {
      // Static methods are defined as functions `Class.name`: they are listed with their class.
      if (fn.selfType === undefined && fn.qualifiedName === qualify(prefix, fn.name))
        byName.set(fn.name, this.#wrap(fn));
    }
    for (const type of defined.classes) {
      if (type.kind !== 'ClassType') continue;
      const classType = type as ClassType;
      byName.set(classType.name, new ScriptClass(classType, () => this.#methodsOf(classType), this.#host));
    }
    const all: (ScriptFunction | ScriptClass)[] = [];
    for (const stmt of module.body) {
      const item = (stmt.kind === 'FunctionDef' || stmt.kind === 'ClassDef') && byName.get(stmt.name);
      if (item) all.push(item);
    }
    // Compile now, as PyTorch does, so that errors surface here: each class's methods (`__init__`
    // first: it declares the attributes the others read), then the functions.
    for (const item of all) {
      if (!(item instanceof ScriptClass)) continue;
      item.method('__init__')?.compiled.graph();
      for (const method of item.methods) method.compiled.graph();
    }
    for (const item of all) if (item instanceof ScriptFunction) item.compiled.graph();
    const functions = all.filter((item) => item instanceof ScriptFunction);
    const classes = all.filter((item) => item instanceof ScriptClass);
    this.#functions.push(...functions);
    this.#classes.push(...classes);
    this.#recipe.sources.push({
      source,
      ...(options.file === undefined ? {} : { file: options.file }),
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    });
    return { functions, classes, all };
  }

  /** The function called `name` (its name after `def`, or its qualified name), or undefined. */
  get(name: string): ScriptFunction | undefined {
    const qualified = this.#qualify(name);
    return this.#functions.find((fn) => fn.qualifiedName === name || fn.qualifiedName === qualified);
  }

  /** The class called `name` (or its qualified name), or undefined. */
  getClass(name: string): ScriptClass | undefined {
    return this.#classes.find((c) => c.qualifiedName === name || c.qualifiedName === this.#qualify(name));
  }

  /** The functions defined from source, in order (methods are listed by their class). */
  get functions(): readonly ScriptFunction[] {
    return [...this.#functions];
  }

  /** The classes defined from source, in order. */
  get classes(): readonly ScriptClass[] {
    return [...this.#classes];
  }

  #qualify(name: string): string {
    return qualify(this.#prefix, name);
  }

  #wrap(compiled: CompiledFunction): ScriptFunction {
    let wrapper = this.#wrappers.get(compiled);
    if (!wrapper) {
      wrapper = new ScriptFunction(compiled, {
        calleeGraph: (node) => this.#calleeGraph(node),
        runtime: this.#runtime,
      });
      this.#wrappers.set(compiled, wrapper);
    }
    return wrapper;
  }

  /**
   * A class's methods in the order PyTorch gives those of a `@torch.jit.script` class: by name,
   * as Python's `inspect.getmembers` lists them (code point order, so `Zed` < `__init__` < `add`).
   */
  #methodsOf(type: ClassType): ScriptFunction[] {
    const methods = [...this.#unit.methodsOf(type)].sort((a, b) => compareCodePoints(a.name, b.name));
    return methods.map((fn) => this.#wrap(fn));
  }

  /** The graph a call node calls: a function of this unit, or a method of one of its classes. */
  #calleeGraph(node: Node): Graph | undefined {
    if (node.kind === 'prim::CallFunction') {
      const name = calleeName(node);
      const fn = name === undefined ? undefined : this.#unit.findFunction(name);
      return fn?.graph();
    }
    if (node.kind === 'prim::CallMethod') {
      const self = node.inputs[0]?.type;
      if (self?.kind !== 'ClassType') return undefined;
      return this.#unit.findMethod(self as ClassType, node.s('name'))?.graph();
    }
    return undefined;
  }
}

function qualify(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The CompilationUnit class, which may also be called without `new` (as `Date` or `Error` may). */
export interface CompilationUnitConstructor {
  new (source?: string, options?: CompilationUnitOptions): CompilationUnitClass;
  (source?: string, options?: CompilationUnitOptions): CompilationUnitClass;
  readonly prototype: CompilationUnitClass;
  fromRecipe(recipe: UnitRecipe): CompilationUnitClass;
}

export type CompilationUnit = CompilationUnitClass;

// A class throws when called without `new`: the proxy's apply trap constructs instead.
export const CompilationUnit: CompilationUnitConstructor = new Proxy(CompilationUnitClass, {
  apply: (target, _this, args: [string?, CompilationUnitOptions?]) => new target(...args),
}) as CompilationUnitConstructor;
