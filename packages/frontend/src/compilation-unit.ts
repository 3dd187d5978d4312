import type { ClassType, EnumType, FunctionSchema, JitType, TupleType, Value } from '@tsjit/ir';
import type { ClassDef, FunctionDef, Module, Range } from './ast.js';
import type { BuiltinProvider } from './emitter/builtin-provider.js';
import { BuiltinModuleValue } from './emitter/builtins/builtin-modules.js';
import type {
  ClassDeclaration,
  CompilationUnitLike,
  EmitContext,
  Resolver,
  ScriptFunctionLike,
  SugaredValue,
} from './emitter/contracts.js';
import { declareClass, type TypeDeclaration } from './emitter/declare-class.js';
import { builtinHooks, defaultBuiltins } from './emitter/default-builtins.js';
import type { Emitter } from './emitter/emitter-context.js';
import type { EmitterUnit, SourceText } from './emitter/function-emitter.js';
import { SchemaRegistry } from './emitter/schema-registry.js';
import { type GraphCleanup, ScriptFunction } from './emitter/script-function.js';
import { ClassValue } from './emitter/values/class-value.js';
import { EnumClassValue } from './emitter/values/enum-class-value.js';
import { FunctionValue } from './emitter/values/function-value.js';
import { NamedTupleConstructor } from './emitter/values/named-tuple-constructor.js';
import { SimpleValue } from './emitter/values/simple-value.js';
import { SpecialFormValue } from './emitter/values/special-form-value.js';
import { FrontendError } from './errors/frontend-error.js';
import type { ImporterValues } from './importer/source-importer.js';
import { Parser } from './parser.js';

export interface CompilationUnitOptions {
  /** The operator schemas builtin calls resolve against (default: every op of @tsjit/ops). */
  readonly registry?: SchemaRegistry;
  /** The file name errors and source ranges name by default (default `<string>`). */
  readonly file?: string;
  /** The builtin tables (default: the standard ones over `registry`). */
  readonly builtins?: BuiltinProvider;
  /** Cleanup passes run on each graph after emission, when the caller has them (`@tsjit/passes`). */
  readonly cleanup?: GraphCleanup;
}

export interface DefineOptions {
  readonly file?: string;
  /** The qualified-name prefix of the file's functions and classes (default `__torch__`). */
  readonly prefix?: string;
  /** Resolves the free names of the source beyond the unit's own functions and classes. */
  readonly resolver?: Resolver;
}

/** What `define` declared: the functions and classes of the source, in order. */
export interface Definitions {
  readonly functions: ScriptFunction[];
  /** Classes, NamedTuples, enums and interfaces, in order. */
  readonly classes: JitType[];
}

/**
 * A set of TorchScript functions and classes compiled together (PyTorch's CompilationUnit):
 * functions may call each other in any order, classes are known by their qualified names, and
 * each graph is emitted on first use. `define(source)` declares every top-level def and class of
 * a file; the archive importer declares classes and methods one by one.
 */
export class CompilationUnit implements CompilationUnitLike, EmitterUnit {
  readonly registry: SchemaRegistry;
  readonly builtins: BuiltinProvider;
  private readonly file: string;
  private readonly cleanup: GraphCleanup | undefined;
  private readonly functionTable = new Map<string, ScriptFunction>();
  private readonly classTable = new Map<string, ClassType>();
  private readonly typeTable = new Map<string, JitType>();
  private readonly methodTable = new Map<string, Map<string, ScriptFunction>>();
  /** Modules' `@torch.jit.ignore` methods by class: never compiled, only their declared signatures are used. */
  private readonly ignoredTable = new Map<string, Map<string, ScriptFunction>>();

  constructor(options: CompilationUnitOptions = {}) {
    this.registry = options.registry ?? SchemaRegistry.fromOps();
    this.builtins = options.builtins ?? defaultBuiltins(this.registry);
    this.file = options.file ?? '<string>';
    this.cleanup = options.cleanup;
  }

  /**
   * Parses `source` and declares its top-level functions and classes under `prefix`; nothing is
   * emitted until used (see `compileAll`). Statements other than defs and classes are rejected.
   */
  define(source: string, options: DefineOptions = {}): Definitions {
    const file = options.file ?? this.file;
    const prefix = options.prefix ?? '__torch__';
    const module = Parser.parseModule(source, file);
    return this.defineModule(module, { prefix, resolver: options.resolver });
  }

  /** Declares the functions and classes of a parsed file (see `define`). */
  defineModule(module: Module, options: { prefix?: string; resolver?: Resolver } = {}): Definitions {
    const prefix = options.prefix ?? '__torch__';
    const text: SourceText = { source: module.source, file: module.file };
    const localFunctions = new Map<string, ScriptFunction>();
    const localClasses = new Map<string, JitType>();
    const resolver = new UnitResolver(this, prefix, localFunctions, localClasses, options.resolver);
    const functions: ScriptFunction[] = [];
    const classes: JitType[] = [];
    const classDefs: ClassDef[] = [];
    for (const stmt of module.body) {
      if (stmt.kind === 'FunctionDef') {
        const fn = this.defineFunction(qualify(prefix, stmt.name), stmt, resolver, undefined, text);
        localFunctions.set(stmt.name, fn);
        functions.push(fn);
      } else if (stmt.kind === 'ClassDef') {
        classDefs.push(stmt);
      } else if (stmt.kind === 'Expr' && stmt.value.kind === 'Str') {
        // A docstring.
      } else if (stmt.kind !== 'Import' && stmt.kind !== 'ImportFrom' && stmt.kind !== 'Pass') {
        throw new FrontendError(
          module.source,
          module.file,
          stmt.range.start,
          'expected def or class: only function and class definitions may appear at the top level of TorchScript source',
        );
      }
    }
    // Classes are declared in order; a class body may name classes declared before it, or itself.
    for (const def of classDefs) {
      const qualifiedName = qualify(prefix, def.name);
      const declaration = declareClass(def, qualifiedName, resolver, {
        text,
        dialect: 'source',
        declared: (type) => localClasses.set(def.name, type),
      });
      localClasses.set(def.name, declaration.type);
      this.declare(declaration);
      classes.push(declaration.type);
      if (declaration.kind === 'class') {
        for (const fn of declaration.staticMethods) {
          const staticFn = this.defineFunction(`${qualifiedName}.${fn.name}`, fn, resolver, undefined, text);
          functions.push(staticFn);
        }
      }
    }
    for (const type of classes) if (type.kind === 'ClassType') this.registerDeclaredSchemas(type as ClassType);
    return { functions, classes };
  }

  /** Declares one function (or, with `selfType`, a method of that class) under its qualified name. */
  defineFunction(
    qualifiedName: string,
    def: FunctionDef,
    resolver: Resolver,
    selfType?: ClassType,
    source?: SourceText,
  ): ScriptFunction {
    // The importer's resolver knows the file a def came from when the caller does not say.
    const text = source ?? sourceOf(def, resolver) ?? { source: '', file: this.file };
    for (const decorator of def.decorators) {
      const name = decoratorName(decorator);
      if (!ALLOWED_DECORATORS.has(name)) {
        throw new FrontendError(
          text.source,
          text.file,
          decorator.range.start,
          `unsupported decorator @${name} in TorchScript`,
        );
      }
    }
    const fn = new ScriptFunction({
      qualifiedName,
      def,
      resolver,
      unit: this,
      builtins: this.builtins,
      source: text,
      selfType,
      cleanup: this.cleanup,
    });
    if (selfType) {
      let methods = this.methodTable.get(selfType.qualifiedName);
      if (!methods) {
        methods = new Map();
        this.methodTable.set(selfType.qualifiedName, methods);
      }
      methods.set(def.name, fn);
    } else {
      this.functionTable.set(qualifiedName, fn);
    }
    return fn;
  }

  /**
   * Registers a class and its methods (every `def` of its body, with `self`); attributes are
   * declared when `__init__` is compiled (assignments to `self.x`), or beforehand by whoever
   * declared the class (modules from archives).
   */
  defineClass(declaration: ClassDeclaration): ClassType {
    const type = declaration.type;
    this.classTable.set(type.qualifiedName, type);
    this.typeTable.set(type.qualifiedName, type);
    const source = declaration.source;
    if (!this.methodTable.has(type.qualifiedName)) this.methodTable.set(type.qualifiedName, new Map());
    const methods =
      declaration.methods ?? declaration.def.body.filter((stmt): stmt is FunctionDef => stmt.kind === 'FunctionDef');
    for (const def of methods) {
      this.defineFunction(`${type.qualifiedName}.${def.name}`, def, declaration.resolver, type, source);
    }
    const ignored = (declaration as { ignoredDefs?: readonly FunctionDef[] }).ignoredDefs;
    if (ignored !== undefined && ignored.length > 0) {
      const text = source ?? { source: '', file: this.file };
      const byName = new Map<string, ScriptFunction>();
      for (const def of ignored) {
        const fn = new ScriptFunction({
          qualifiedName: `${type.qualifiedName}.${def.name}`,
          def,
          resolver: declaration.resolver,
          unit: this,
          builtins: this.builtins,
          source: text,
          selfType: type,
          cleanup: this.cleanup,
        });
        byName.set(def.name, fn);
      }
      this.ignoredTable.set(type.qualifiedName, byName);
    }
    this.registerDeclaredSchemas(type);
    return type;
  }

  /**
   * The `@torch.jit.ignore` method `name` of a module class (its signature only: calls to it are
   * `prim::PythonOp` nodes, which the host runs), or undefined.
   */
  findIgnoredMethod(classType: ClassType, name: string): ScriptFunction | undefined {
    return this.ignoredTable.get(classType.qualifiedName)?.get(name);
  }

  /**
   * Registers a class another unit compiled, with that unit's methods: a traced, scripted or
   * loaded module used as a submodule of a module scripted here (PyTorch keeps every class in one
   * shared CompilationUnit; tsjit units are separate, so the scripting unit takes them in).
   */
  adoptClass(type: ClassType, methods: readonly ScriptFunction[]): void {
    this.classTable.set(type.qualifiedName, type);
    this.typeTable.set(type.qualifiedName, type);
    this.methodTable.set(type.qualifiedName, new Map(methods.map((fn) => [fn.name, fn])));
  }

  /**
   * Puts the schemas of the methods whose signatures are fully annotated on the class type before
   * they are compiled, so that the class implements the interfaces it matches (PyTorch compiles a
   * method when its schema is asked for; these are the same schemas). A signature that names a
   * type not declared yet is left for later.
   */
  private registerDeclaredSchemas(type: ClassType): void {
    for (const fn of this.methodsOf(type)) {
      if (fn.isEmitted || type.methods.has(fn.name)) continue;
      if (!fn.def.returns && !fn.def.typeComment) continue;
      try {
        type.addMethod(fn.declaredSchema());
      } catch (e) {
        if (!(e instanceof FrontendError)) throw e;
      }
    }
  }

  /** Registers what a class statement declared: a class's methods, or a NamedTuple, enum or interface type. */
  declare(declaration: TypeDeclaration): void {
    if (declaration.kind === 'class') {
      this.defineClass(declaration);
      return;
    }
    const type = declaration.type as TupleType | EnumType | { qualifiedName: string };
    this.typeTable.set((type as { qualifiedName: string }).qualifiedName, declaration.type);
  }

  /** Any named type of the unit (class, NamedTuple, enum, interface) by qualified name. */
  findType(qualifiedName: string): JitType | undefined {
    return this.typeTable.get(qualifiedName);
  }

  /**
   * The sugared values the archive importer hands out (src/importer/source-importer.ts), made of
   * this emitter's values so that calls, constructors and special forms compile here.
   */
  importerValues(): ImporterValues {
    const hooks = builtinHooks(this.registry);
    return {
      builtinModule: (namespace) => new BuiltinModuleValue(namespace, hooks),
      specialForm: (symbol) => new SpecialFormValue(symbol),
      classValue: (type) => new ClassValue(type),
      namedTupleConstructor: (type) => new NamedTupleConstructor(type),
      enumClass: (type) => new EnumClassValue(type),
      functionValue: (fn) => new FunctionValue(fn),
      simpleValue: (value: Value) => new SimpleValue(value),
    };
  }

  findFunction(qualifiedName: string): ScriptFunction | undefined {
    return this.functionTable.get(qualifiedName);
  }

  findClass(qualifiedName: string): ClassType | undefined {
    return this.classTable.get(qualifiedName);
  }

  /**
   * The method `name` of a class. Reading any other member first compiles the class's
   * `__init__`, which declares the attributes of script classes (as PyTorch compiles `__init__`
   * first).
   */
  findMethod(classType: ClassType, name: string): ScriptFunction | undefined {
    const methods = this.methodTable.get(classType.qualifiedName);
    if (!methods) return undefined;
    if (name !== '__init__') {
      const init = methods.get('__init__');
      if (init && !init.isEmitted && !init.isBeingEmitted) init.ensureDefined();
    }
    return methods.get(name);
  }

  /** The methods of a class, in definition order. */
  methodsOf(classType: ClassType): ScriptFunction[] {
    return [...(this.methodTable.get(classType.qualifiedName)?.values() ?? [])];
  }

  get functions(): ScriptFunction[] {
    return [...this.functionTable.values()];
  }

  get classes(): ClassType[] {
    return [...this.classTable.values()];
  }

  /** A function or class by qualified name, or by its last component when that is unique. */
  get(name: string): ScriptFunction | ClassType | undefined {
    const exact = this.functionTable.get(name) ?? this.classTable.get(name);
    if (exact) return exact;
    const matches: (ScriptFunction | ClassType)[] = [];
    for (const fn of this.functionTable.values()) if (fn.name === name) matches.push(fn);
    for (const cls of this.classTable.values()) if (cls.name === name) matches.push(cls);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Emits every function and method (each class's `__init__` first); the first error is thrown. */
  compileAll(): void {
    for (const [, methods] of this.methodTable) {
      methods.get('__init__')?.ensureDefined();
      for (const fn of methods.values()) fn.ensureDefined();
    }
    for (const fn of this.functionTable.values()) fn.ensureDefined();
  }

  builtinClass(name: string): ClassType | undefined {
    const source = GRAD_MODE_CLASSES[name];
    if (!source) return undefined;
    const qualifiedName = `${GRAD_MODE_PREFIX}.${name}`;
    const existing = this.findClass(qualifiedName);
    if (existing) return existing;
    this.define(source, { file: 'torch/autograd/grad_mode.py', prefix: GRAD_MODE_PREFIX });
    return this.findClass(qualifiedName);
  }

  functionSchema(fn: ScriptFunctionLike, range: Range, caller: Emitter): FunctionSchema {
    const script = fn as ScriptFunction;
    if (script.isBeingEmitted) {
      const what = script.selfType ? 'method' : 'function';
      return caller.error(range, ` ${what} '${script.name}' is called recursively. Recursive calls are not supported`);
    }
    return fn.schema();
  }
}

const GRAD_MODE_PREFIX = '__torch__.torch.autograd.grad_mode';

/**
 * The grad-mode context managers as PyTorch scripts them from torch/autograd/grad_mode.py (their
 * TorchScript-visible parts): `with torch.no_grad():` creates the object, calls `__enter__` and
 * `__exit__` around the body.
 */
const GRAD_MODE_CLASSES: Readonly<Record<string, string>> = {
  no_grad: [
    'class no_grad:',
    '    def __init__(self) -> None:',
    '        self.prev = False',
    '',
    '    def __enter__(self) -> None:',
    '        self.prev = torch.is_grad_enabled()',
    '        torch.set_grad_enabled(False)',
    '',
    '    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:',
    '        torch.set_grad_enabled(self.prev)',
    '',
  ].join('\n'),
  enable_grad: [
    'class enable_grad:',
    '    def __init__(self) -> None:',
    '        self.prev = False',
    '',
    '    def __enter__(self) -> None:',
    '        self.prev = torch.is_grad_enabled()',
    '        torch._C._set_grad_enabled(True)',
    '',
    '    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:',
    '        torch._C._set_grad_enabled(self.prev)',
    '',
  ].join('\n'),
};

const ALLOWED_DECORATORS = new Set([
  'torch.jit.script',
  'torch.jit.export',
  'torch.jit.unused',
  'torch.jit.ignore',
  'torch.jit.script_method',
  'jit.script',
  'staticmethod',
  'property',
]);

function decoratorName(expr: { kind: string }): string {
  const e = expr as { kind: string; id?: string; attr?: string; value?: unknown; func?: unknown };
  if (e.kind === 'Name') return e.id as string;
  if (e.kind === 'Attribute') return `${decoratorName(e.value as { kind: string })}.${e.attr}`;
  if (e.kind === 'Call') return decoratorName(e.func as { kind: string });
  return e.kind;
}

/** The file a def was parsed from, when the resolver (the archive importer) can tell. */
function sourceOf(def: FunctionDef, resolver: Resolver): SourceText | undefined {
  const lookup = (resolver as { sourceOf?: (def: FunctionDef) => SourceText | undefined }).sourceOf;
  return lookup?.call(resolver, def);
}

function qualify(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/**
 * The names of one `define`: its own functions and classes by their short names, `__torch__...`
 * qualified names of the whole unit, then the caller's resolver (PyTorch's FunctionResolver over
 * the native resolver).
 */
class UnitResolver implements Resolver {
  constructor(
    private readonly unit: CompilationUnit,
    private readonly prefix: string,
    private readonly functions: ReadonlyMap<string, ScriptFunction>,
    private readonly classes: ReadonlyMap<string, JitType>,
    private readonly next: Resolver | undefined,
  ) {}

  resolveValue(name: string, ctx: EmitContext, range: Range): SugaredValue | undefined {
    const fn = this.functions.get(name);
    if (fn) return new FunctionValue(fn);
    if (name === '__torch__' && this.prefix.startsWith('__torch__')) return new NamespaceValue(this.unit, '__torch__');
    return this.next?.resolveValue(name, ctx, range);
  }

  resolveType(name: string, range: Range): JitType | undefined {
    const local = this.classes.get(name);
    if (local) return local;
    if (name.includes('.')) {
      const found = this.unit.findType(name);
      if (found) return found;
    }
    return this.next?.resolveType(name, range);
  }
}

/** `__torch__.a.b`: a namespace of qualified names; its members are the unit's functions and classes. */
class NamespaceValue implements SugaredValue {
  readonly kind = 'namespace';

  constructor(
    private readonly unit: CompilationUnit,
    private readonly qualifiedName: string,
  ) {}

  attr(_ctx: EmitContext, _range: Range, name: string): SugaredValue {
    const qualified = `${this.qualifiedName}.${name}`;
    const fn = this.unit.findFunction(qualified);
    if (fn) return new FunctionValue(fn);
    const type = this.unit.findType(qualified);
    if (type?.kind === 'ClassType') return new ClassValue(type as ClassType);
    if (type?.kind === 'TupleType') return new NamedTupleConstructor(type as TupleType);
    if (type?.kind === 'EnumType') return new EnumClassValue(type as EnumType);
    return new NamespaceValue(this.unit, qualified);
  }
}
