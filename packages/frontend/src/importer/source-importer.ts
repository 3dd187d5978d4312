import {
  type ClassType,
  complexValue,
  type EnumType,
  floatValue,
  type JitType,
  type TupleType,
  type Value,
} from '@tsjit/ir';
import type { ClassDef, FunctionDef, Module, Range, Stmt } from '../ast.js';
import { customClass } from '../emitter/classes/custom-classes.js';
import type {
  ClassDeclaration,
  CompilationUnitLike,
  EmitContext,
  Resolver,
  ScriptFunctionLike,
  SugaredValue,
} from '../emitter/contracts.js';
import { type ClassTypeDeclaration, declareClass, type TypeDeclaration } from '../emitter/declare-class.js';
import { FrontendError } from '../errors/frontend-error.js';
import { Parser } from '../parser.js';
import { ClassNamespaceValue } from './class-namespace-value.js';
import { type ArchiveConstant, ConstantTableValue } from './constant-table-value.js';

/** What the importer needs of a compilation unit: registering classes and defining functions and methods. */
export interface ImportUnit extends CompilationUnitLike {
  /** Registers a class type and defines the declaration's methods (compiled when first used). */
  defineClass(declaration: ClassDeclaration): void;
  /** Defines a function (a method when `selfType` is given) under its qualified name; `source` is its file. */
  defineFunction(
    qualifiedName: string,
    def: FunctionDef,
    resolver: Resolver,
    selfType?: ClassType,
    source?: { readonly source: string; readonly file: string },
  ): ScriptFunctionLike;
}

/** The sugared values the importer hands out for the names of archive code. */
export interface ImporterValues {
  /** `torch` (namespace `aten`) and `ops.<ns>`: calls resolve against the builtin schemas. */
  builtinModule(namespace: string): SugaredValue;
  /** `fork`, `annotate`, `unchecked_cast`, `uninitialized` (`prim::fork`, ...), handled by the emitter. */
  specialForm(symbol: string): SugaredValue;
  classValue(type: ClassType): SugaredValue;
  namedTupleConstructor(type: TupleType): SugaredValue;
  enumClass(type: EnumType): SugaredValue;
  functionValue(fn: ScriptFunctionLike): SugaredValue;
  /** A plain IR value. */
  simpleValue(value: Value): SugaredValue;
}

export interface SourceImporterOptions {
  /** The archive's constant table (`CONSTANTS.c<N>`): the type (and value) of entry N, or undefined past its end. */
  readonly constants?: (index: number) => ArchiveConstant | undefined;
  /** The number of entries of the constant table, for error messages. */
  readonly constantCount?: number;
  /** The archive's file format version (its `version` record); PyTorch 1.13 writes 3 to 10. */
  readonly version?: number;
  /** The name given to files in errors: `code/<path>` by default. */
  readonly fileName?: (path: string) => string;
}

type PendingDefinition = { readonly stmt: ClassDef | FunctionDef; readonly module: Module };

const QUALIFIED_NAME = /^[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)*$/;

const SPECIAL_FORMS: ReadonlyMap<string, string> = new Map([
  ['fork', 'prim::fork'],
  ['annotate', 'prim::annotate'],
  ['unchecked_cast', 'prim::unchecked_cast'],
  ['uninitialized', 'prim::Uninitialized'],
]);

/**
 * Compiles the `code/` of an archive on demand, as PyTorch's SourceImporter does: the file
 * `__torch__/a/b.py` is parsed when a name under `__torch__.a.b` is first needed, and each of
 * its classes and functions is declared when first named (the unpickler asking for a class, or
 * another file's code naming it). The importer is also the resolver of archive code: `torch`,
 * `ops`, `CONSTANTS`, `__torch__`, the special forms and `inf`/`nan`.
 */
export class SourceImporter implements Resolver {
  readonly version: number | undefined;
  private readonly loaded = new Set<string>();
  private readonly pending = new Map<string, PendingDefinition>();
  private readonly types = new Map<string, JitType>();
  /** Declarations by qualified name, for tests and tools that list what an archive declares. */
  readonly declarations = new Map<string, TypeDeclaration>();
  private readonly env = new Map<string, SugaredValue>();
  private readonly functionNames: string[] = [];

  constructor(
    readonly unit: ImportUnit,
    private readonly files: ReadonlyMap<string, string>,
    readonly values: ImporterValues,
    private readonly options: SourceImporterOptions = {},
  ) {
    this.version = options.version;
    this.env.set('torch', values.builtinModule('aten'));
    this.env.set('ops', new OpsValue(values));
    this.env.set('CONSTANTS', new ConstantTableValue(values, options.constants, options.constantCount));
    for (const [name, symbol] of SPECIAL_FORMS) this.env.set(name, values.specialForm(symbol));
  }

  resolveValue(name: string, ctx: EmitContext, range: Range): SugaredValue | undefined {
    const known = this.env.get(name);
    if (known) return known;
    switch (name) {
      case 'inf':
        return this.values.simpleValue(ctx.constant(floatValue(Number.POSITIVE_INFINITY), range));
      case 'nan':
        return this.values.simpleValue(ctx.constant(floatValue(Number.NaN), range));
      case 'infj':
        return this.values.simpleValue(ctx.constant(complexValue(0, Number.POSITIVE_INFINITY), range));
      case 'nanj':
        return this.values.simpleValue(ctx.constant(complexValue(0, Number.NaN), range));
      case '__torch__':
        return new ClassNamespaceValue('__torch__', this);
      default:
        return undefined;
    }
  }

  resolveType(name: string, _range: Range): JitType | undefined {
    return this.findNamedType(name);
  }

  /**
   * The type called `qualifiedName` (a class, module, NamedTuple, enum, interface or custom C++
   * class), importing its file and declaring it if needed; undefined when the archive has none.
   */
  findNamedType(qualifiedName: string): JitType | undefined {
    // Resolvers are also asked about whole annotations (`Optional[...]`): only dotted names can name a type.
    if (!QUALIFIED_NAME.test(qualifiedName)) return undefined;
    const custom = customClass(qualifiedName);
    if (custom) return custom;
    const known = this.types.get(qualifiedName);
    if (known) return known;
    this.parseSourceIfNeeded(prefixOf(qualifiedName));
    const pending = this.pending.get(qualifiedName);
    if (pending?.stmt.kind === 'ClassDef') {
      this.pending.delete(qualifiedName);
      this.importNamedType(qualifiedName, pending.stmt, pending.module);
    }
    return this.types.get(qualifiedName);
  }

  /** The function called `qualifiedName` (a free function of a code file), defining it if needed. */
  findFunction(qualifiedName: string): ScriptFunctionLike | undefined {
    if (!QUALIFIED_NAME.test(qualifiedName)) return undefined;
    this.parseSourceIfNeeded(prefixOf(qualifiedName));
    const pending = this.pending.get(qualifiedName);
    if (pending?.stmt.kind === 'FunctionDef') {
      this.pending.delete(qualifiedName);
      this.functionNames.push(qualifiedName);
      return this.unit.defineFunction(qualifiedName, pending.stmt, this, undefined, pending.module);
    }
    return this.unit.findFunction(qualifiedName);
  }

  /**
   * The type called `qualifiedName`, which must exist (what the unpickler asks for): a
   * FrontendError names the file that should declare it when it does not.
   */
  loadType(qualifiedName: string): JitType {
    const type = this.findNamedType(qualifiedName);
    if (type) return type;
    const path = `${prefixOf(qualifiedName).replace(/\./g, '/')}.py`;
    const text = `${qualifiedName}\n`;
    throw new FrontendError(
      text,
      this.fileName(path),
      0,
      this.files.has(path)
        ? `${path} does not define a class called '${qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1)}'`
        : `unknown type '${qualifiedName}': the archive has no code file ${path}`,
    );
  }

  /**
   * Every function and method the importer has defined so far (free functions, the methods of
   * declared classes and their hooks), in definition order: what compiling an archive compiles.
   */
  definedFunctions(): ScriptFunctionLike[] {
    const out: ScriptFunctionLike[] = [];
    for (const name of this.functionNames) {
      const fn = this.unit.findFunction(name);
      if (fn) out.push(fn);
    }
    for (const declaration of this.declarations.values()) {
      if (declaration.kind !== 'class') continue;
      for (const def of declaration.methods) {
        const method = this.unit.findMethod(declaration.type, def.name);
        if (method) out.push(method);
      }
    }
    return out;
  }

  /** Declares every class and function of every code file (what `torch.jit.load` ends up doing for a whole archive). */
  importAll(): void {
    for (const path of this.files.keys()) {
      if (!path.endsWith('.py')) continue;
      this.parseSourceIfNeeded(path.slice(0, -3).replace(/\//g, '.'));
    }
    for (const [name, pending] of [...this.pending]) {
      if (pending.stmt.kind === 'ClassDef') this.findNamedType(name);
      else this.findFunction(name);
    }
  }

  private fileName(path: string): string {
    return this.options.fileName ? this.options.fileName(path) : `code/${path}`;
  }

  private parseSourceIfNeeded(qualifier: string): void {
    if (qualifier === '' || this.loaded.has(qualifier)) return;
    this.loaded.add(qualifier);
    // A qualifier may be a folder (`__torch__.torch`) rather than a file: nothing to load then.
    const path = `${qualifier.replace(/\./g, '/')}.py`;
    const source = this.files.get(path);
    if (source === undefined) return;
    const module = Parser.parseModule(source, this.fileName(path));
    module.body.forEach((stmt, i) => {
      if (stmt.kind === 'ClassDef' || stmt.kind === 'FunctionDef') {
        this.pending.set(`${qualifier}.${stmt.name}`, { stmt, module });
      } else if (!isImportPreamble(stmt, i)) {
        throw new FrontendError(
          module.source,
          module.file,
          stmt.range.start,
          `Unexpected statement in code import: ${stmt.kind} (archive code files hold only classes and functions)`,
        );
      }
    });
  }

  private importNamedType(qualifiedName: string, def: ClassDef, module: Module): void {
    // Old archives serialized custom C++ classes as code; PyTorch ignores those (the C++ class is used).
    if (qualifiedName.startsWith('__torch__.torch.classes.')) return;
    const declaration = declareClass(def, qualifiedName, this, {
      text: module,
      dialect: 'archive',
      declared: (type) => this.types.set(qualifiedName, type),
    });
    this.declarations.set(qualifiedName, declaration);
    this.types.set(qualifiedName, declaration.type);
    if (declaration.kind === 'class') this.defineClass(declaration);
  }

  private defineClass(declaration: ClassTypeDeclaration): void {
    this.unit.defineClass(declaration);
    // Hooks are functions of the class (PyTorch's define_hooks), called around `forward`.
    const seen = new Set<string>();
    for (const hook of [...declaration.forwardHooks, ...declaration.forwardPreHooks]) {
      if (seen.has(hook.name)) continue;
      seen.add(hook.name);
      this.functionNames.push(`${declaration.type.qualifiedName}.${hook.name}`);
      this.unit.defineFunction(
        `${declaration.type.qualifiedName}.${hook.name}`,
        hook,
        this,
        declaration.type,
        declaration.source,
      );
    }
  }
}

/**
 * `ops`: `ops.<ns>` is the builtin namespace `<ns>` (`ops.prim.device`, `ops.quantized.linear_dynamic`).
 */
class OpsValue implements SugaredValue {
  readonly kind = 'ops';
  constructor(private readonly values: ImporterValues) {}
  attr(_ctx: EmitContext, _range: Range, name: string): SugaredValue {
    return this.values.builtinModule(name);
  }
}

function prefixOf(qualifiedName: string): string {
  const dot = qualifiedName.lastIndexOf('.');
  return dot < 0 ? '' : qualifiedName.slice(0, dot);
}

/**
 * The statements older archives put before the definitions: `op_version_set = N` first, and
 * `import` lines (PyTorch's parsePossibleVersionNumber and parseImports skip them).
 */
function isImportPreamble(stmt: Stmt, index: number): boolean {
  if (stmt.kind === 'Import' || stmt.kind === 'ImportFrom') return true;
  return (
    index === 0 &&
    stmt.kind === 'Assign' &&
    stmt.targets.length === 1 &&
    stmt.targets[0]?.kind === 'Name' &&
    stmt.targets[0].id === 'op_version_set' &&
    stmt.value.kind === 'Number'
  );
}
