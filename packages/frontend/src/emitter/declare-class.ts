import type { ClassType, EnumType, InterfaceType, TupleType } from '@tsjit/ir';
import type { ClassDef, Expr, FunctionDef } from '../ast.js';
import { declareClassBody } from './classes/class-body.js';
import { declareEnum } from './classes/enum-body.js';
import { declareInterface } from './classes/interface-body.js';
import { declareNamedTuple } from './classes/named-tuple-body.js';
import type { ClassDeclaration, Resolver } from './contracts.js';
import { type Dialect, dottedName, ScriptTypeParser, type SourceText } from './script-type-parser.js';

export interface DeclareClassOptions {
  /** The file the class is in, for errors. */
  readonly text: SourceText;
  /**
   * `archive`: the `code/` of an archive (PyTorch's import_source rules: `class X(Module)` with
   * `__parameters__`/`__buffers__` and `name : Type` slots, `Final` constants, `__annotations__["0"]`,
   * NamedTuple/Enum/Interface/ModuleInterface bases, no decorators). `source`: user source, with
   * what PyTorch's Python frontend accepts (`@torch.jit.script`/`@torch.jit.interface` classes
   * whose attributes `__init__` declares, `@property`, `@staticmethod`, `@torch.jit.export`,
   * `@torch.jit.unused`/`ignore`, `typing.NamedTuple`, `enum.Enum`, `nn.Module` subclasses).
   */
  readonly dialect: Dialect;
  /**
   * Called with a class type as soon as it exists, before its body's annotations are read, so that
   * they may name the class itself (`next : Optional[__torch__.Node]`).
   */
  readonly declared?: (type: ClassType) => void;
}

/** A class or module: a ClassType whose methods the compilation unit defines next. */
export interface ClassTypeDeclaration extends ClassDeclaration {
  readonly kind: 'class';
  readonly source: SourceText;
  /** The methods to define on the type, in order; property accessors are named `__<name>_getter`/`__<name>_setter`. */
  readonly methods: readonly FunctionDef[];
  /** `@staticmethod`s: free functions called `<class>.<name>`. */
  readonly staticMethods: readonly FunctionDef[];
  /** Archive modules' `__forward_hooks__` and `__forward_pre_hooks__`, in call order (a def may repeat). */
  readonly forwardHooks: readonly FunctionDef[];
  readonly forwardPreHooks: readonly FunctionDef[];
  /** Methods left uncompiled: `@torch.jit.ignore` on modules (calls to them go to the host, see ignoredDefs). */
  readonly ignoredMethods: readonly string[];
  /**
   * The `@torch.jit.ignore` methods of a module: not compiled, their signatures type the calls
   * compiled code makes to them (`prim::PythonOp`, run by the host: tsjit calls the JS method).
   */
  readonly ignoredDefs?: readonly FunctionDef[];
  /** Names assigned in a script class's body (PyTorch's unresolved class attributes). */
  readonly unresolvedAttributes: readonly string[];
}

export interface NamedTupleDeclaration {
  readonly kind: 'namedTuple';
  readonly type: TupleType;
  readonly def: ClassDef;
  readonly resolver: Resolver;
}

export interface EnumDeclaration {
  readonly kind: 'enum';
  readonly type: EnumType;
  readonly def: ClassDef;
  readonly resolver: Resolver;
}

export interface InterfaceDeclaration {
  readonly kind: 'interface';
  readonly type: InterfaceType;
  readonly def: ClassDef;
  readonly resolver: Resolver;
}

/** What a `class` statement declares. */
export type TypeDeclaration = ClassTypeDeclaration | NamedTupleDeclaration | EnumDeclaration | InterfaceDeclaration;

type Base = 'class' | 'module' | 'namedTuple' | 'enum' | 'interface' | 'moduleInterface';

const ARCHIVE_BASES: ReadonlyMap<string, Base> = new Map<string, Base>([
  ['Module', 'module'],
  ['NamedTuple', 'namedTuple'],
  ['Enum', 'enum'],
  ['Interface', 'interface'],
  ['ModuleInterface', 'moduleInterface'],
]);

const SOURCE_BASES: ReadonlyMap<string, Base> = new Map<string, Base>([
  ['object', 'class'],
  ['Module', 'module'],
  ['nn.Module', 'module'],
  ['torch.nn.Module', 'module'],
  ['NamedTuple', 'namedTuple'],
  ['typing.NamedTuple', 'namedTuple'],
  ['Enum', 'enum'],
  ['enum.Enum', 'enum'],
  ['IntEnum', 'enum'],
  ['enum.IntEnum', 'enum'],
]);

const SCRIPT_DECORATORS = new Set(['torch.jit.script', 'jit.script', 'script']);
const INTERFACE_DECORATORS = new Set(['torch.jit.interface', 'jit.interface', 'interface']);

/**
 * Declares the type a `class` statement defines, as PyTorch's importer (archive code) or its
 * Python frontend (user source) does: a class or module type with its attribute slots, constants
 * and properties and the methods to compile; a NamedTuple (with field defaults); an Enum (with
 * its members); or an interface (with its method schemas). Types the body names are resolved
 * through `resolver` (which may import them). Errors are FrontendErrors pointing at the class.
 */
export function declareClass(
  def: ClassDef,
  qualifiedName: string,
  resolver: Resolver,
  options: DeclareClassOptions,
): TypeDeclaration {
  const parser = new ScriptTypeParser(resolver, options.text, options.dialect);
  const base = classBase(def, parser);
  switch (base) {
    case 'namedTuple':
      return { kind: 'namedTuple', type: declareNamedTuple(def, qualifiedName, parser), def, resolver };
    case 'enum':
      return { kind: 'enum', type: declareEnum(def, qualifiedName, parser), def, resolver };
    case 'interface':
    case 'moduleInterface':
      return {
        kind: 'interface',
        type: declareInterface(def, qualifiedName, parser, base === 'moduleInterface'),
        def,
        resolver,
      };
    default:
      return {
        kind: 'class',
        ...declareClassBody(def, qualifiedName, parser, base === 'module', options.declared),
        def,
        resolver,
      };
  }
}

function classBase(def: ClassDef, parser: ScriptTypeParser): Base {
  if (def.keywords.length > 0) {
    parser.error(
      (def.keywords[0] as { range: ClassDef['range'] }).range,
      'class keywords (metaclass=...) are not supported',
    );
  }
  if (def.bases.length > 1)
    parser.error((def.bases[1] as Expr).range, 'Torchscript does not support class inheritance.');
  const baseExpr = def.bases[0];
  const baseName = baseExpr ? dottedName(baseExpr) : undefined;
  if (parser.dialect === 'archive') {
    if (def.decorators.length > 0)
      parser.error((def.decorators[0] as Expr).range, 'decorators are not allowed in archive code');
    if (!baseExpr) return 'class';
    const base = baseName !== undefined ? ARCHIVE_BASES.get(baseName) : undefined;
    if (!base) parser.error(baseExpr.range, 'Torchscript does not support class inheritance.');
    return base;
  }
  let interfaceDecorator = false;
  for (const decorator of def.decorators) {
    const name = dottedName(decorator);
    if (name !== undefined && INTERFACE_DECORATORS.has(name)) interfaceDecorator = true;
    else if (name === undefined || !SCRIPT_DECORATORS.has(name)) {
      parser.error(
        decorator.range,
        `Unsupported class decorator: only @torch.jit.script and @torch.jit.interface are allowed`,
      );
    }
  }
  let base: Base = 'class';
  if (baseExpr) {
    const known = baseName !== undefined ? SOURCE_BASES.get(baseName) : undefined;
    if (!known) parser.error(baseExpr.range, 'Torchscript does not support class inheritance.');
    base = known;
  }
  if (interfaceDecorator) {
    if (base !== 'class' && base !== 'module')
      parser.error(def.range, `@torch.jit.interface applies to classes and modules only`);
    return base === 'module' ? 'moduleInterface' : 'interface';
  }
  return base;
}
