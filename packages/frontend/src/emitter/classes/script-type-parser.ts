import {
  AnyType,
  BoolType,
  CapsuleType,
  ComplexType,
  DeviceObjType,
  DictType,
  FloatType,
  FutureType,
  IntType,
  type JitType,
  ListType,
  NoneType,
  NumberType,
  OptionalType,
  RRefType,
  StreamObjType,
  StringType,
  TensorType,
  TupleType,
  UnionType,
} from '@tsjit/ir';
import type { Expr, Module, Range } from '../../ast.js';
import { FrontendError } from '../../errors/frontend-error.js';
import { Parser } from '../../parser.js';
import type { Resolver } from '../contracts.js';
import { customClass } from './custom-classes.js';

/** The source a declaration comes from, for errors that quote it. */
export type SourceText = Pick<Module, 'source' | 'file'>;

/**
 * Which frontend the annotations come from: `archive` is PyTorch's C++ type parser (the `code/`
 * of archives), `source` adds what PyTorch's Python frontend accepts in user source
 * (`typing.List`, `torch.device`, forward references in strings).
 */
export type Dialect = 'archive' | 'source';

// PyTorch's string_to_type_lut: the names every annotation may use.
const BUILTIN_TYPES: ReadonlyMap<string, () => JitType> = new Map<string, () => JitType>([
  ['Tensor', () => TensorType.get()],
  ['int', () => IntType.get()],
  ['float', () => FloatType.get()],
  ['bool', () => BoolType.get()],
  ['complex', () => ComplexType.get()],
  ['str', () => StringType.get()],
  ['Device', () => DeviceObjType.get()],
  ['Stream', () => StreamObjType.get()],
  ['number', () => NumberType.get()],
  ['None', () => NoneType.get()],
  ['NoneType', () => NoneType.get()],
  ['Any', () => AnyType.get()],
  ['Capsule', () => CapsuleType.get()],
]);

// What the Python frontend maps through Python objects (torch/jit/annotations.py try_ann_to_type).
const SOURCE_ALIASES: ReadonlyMap<string, () => JitType> = new Map<string, () => JitType>([
  ['torch.device', () => DeviceObjType.get()],
  ['torch.dtype', () => IntType.get()],
  ['torch.layout', () => IntType.get()],
  ['torch.memory_format', () => IntType.get()],
  ['torch.Stream', () => StreamObjType.get()],
  ['torch.cuda.Stream', () => StreamObjType.get()],
]);

const TENSOR_NAMES = new Set([
  'Tensor',
  'LongTensor',
  'FloatTensor',
  'DoubleTensor',
  'IntTensor',
  'ShortTensor',
  'HalfTensor',
  'CharTensor',
  'ByteTensor',
  'BoolTensor',
]);

const TYPE_CONSTRUCTORS = new Set(['Tuple', 'List', 'Optional', 'Union', 'Future', 'RRef', 'Dict']);

/**
 * Turns type annotations (`List[int]`, `Optional[Tensor]`, `__torch__.foo.Bar`) into types, after
 * PyTorch's ScriptTypeParser: builtin names first, then the resolver (classes, NamedTuples,
 * enums, interfaces), then the custom C++ classes. Errors are FrontendErrors at the annotation.
 */
export class ScriptTypeParser {
  constructor(
    readonly resolver: Resolver | undefined,
    readonly text: SourceText,
    readonly dialect: Dialect = 'archive',
  ) {}

  /** The same parser for expressions parsed from another text (a type comment, a quoted annotation). */
  withText(text: SourceText): ScriptTypeParser {
    return new ScriptTypeParser(this.resolver, text, this.dialect);
  }

  error(range: Range, reason: string): never {
    throw new FrontendError(this.text.source, this.text.file, range.start, reason);
  }

  /** The type an annotation expression denotes. */
  parseType(expr: Expr): JitType {
    switch (expr.kind) {
      case 'Subscript': {
        const name = this.baseTypeName(expr.value);
        if (name === undefined) this.error(expr.value.range, 'Subscripted type must be a type identifier');
        return this.subscriptToType(name, expr);
      }
      case 'Str':
        return this.parseQuoted(expr.value, expr.range);
      default: {
        const name = this.baseTypeName(expr);
        if (name === undefined) {
          this.error(expr.range, `Expression of type ${describeKind(expr)} cannot be used in a type expression`);
        }
        return this.namedType(name, expr.range);
      }
    }
  }

  /**
   * `torch.Tensor` → `Tensor`, a dotted name → the qualified name, a plain name → itself; None
   * for expressions that do not name a type.
   */
  baseTypeName(expr: Expr): string | undefined {
    if (expr.kind === 'Name') return expr.id;
    if (expr.kind === 'Constant' && expr.value === null) return 'None';
    if (expr.kind !== 'Attribute') return undefined;
    if (expr.value.kind === 'Name' && expr.value.id === 'torch' && TENSOR_NAMES.has(expr.attr)) return expr.attr;
    const qualifier = dottedName(expr.value);
    if (qualifier === undefined) return undefined;
    const name = `${qualifier}.${expr.attr}`;
    if (this.dialect === 'source') {
      // The Python frontend reads `typing.List` and `torch.jit.Final` through Python's objects.
      for (const prefix of ['typing.', 'typing_extensions.', 'torch.jit.']) {
        if (name.startsWith(prefix) && name.indexOf('.', prefix.length) < 0) return name.slice(prefix.length);
      }
    }
    return name;
  }

  /**
   * `BroadcastingList2[int]` and `_size_2_t` (argument annotations only): `List[int]` with a fixed
   * size, as PyTorch's parseBroadcastList; undefined for other annotations.
   */
  parseBroadcastList(expr: Expr): { type: JitType; size: number } | undefined {
    if (expr.kind === 'Name') {
      const m = /^_size_(\d)_t$/.exec(expr.id);
      return m ? { type: ListType.of(IntType.get()), size: Number(m[1]) } : undefined;
    }
    if (expr.kind !== 'Subscript' || expr.value.kind !== 'Name') return undefined;
    const base = expr.value.id;
    const items = subscriptItems(expr.slice);
    if (base === 'Optional') {
      const inner = items.length === 1 ? this.parseBroadcastList(items[0] as Expr) : undefined;
      return inner && { type: OptionalType.of(inner.type), size: inner.size };
    }
    if (!base.startsWith('BroadcastingList')) return undefined;
    if (items.length !== 1)
      this.error(expr.slice.range, 'BroadcastingList/Optional[BroadcastingList] must be subscripted with a type');
    const element = items[0] as Expr;
    if (element.kind !== 'Name') this.error(expr.value.range, 'Subscripted type must be a type identifier');
    if (element.id !== 'int' && element.id !== 'float') {
      this.error(expr.value.range, 'Broadcastable lists only supported for int or float');
    }
    const digits = base.slice('BroadcastingList'.length);
    if (!/^\d+$/.test(digits))
      this.error(expr.slice.range, 'subscript of Broadcastable list must be a positive integer');
    const elementType = element.id === 'int' ? IntType.get() : FloatType.get();
    return { type: ListType.of(elementType), size: Number(digits) };
  }

  private namedType(name: string, range: Range): JitType {
    const builtin = BUILTIN_TYPES.get(name);
    if (builtin) return builtin();
    if (this.dialect === 'source') {
      const alias = SOURCE_ALIASES.get(name);
      if (alias) return alias();
    }
    const resolved = this.resolver?.resolveType(name, range);
    if (resolved) return resolved;
    const custom = customClass(name);
    if (custom) return custom;
    if (this.dialect === 'source' && TENSOR_NAMES.has(name)) return TensorType.get();
    if (TYPE_CONSTRUCTORS.has(name)) {
      this.error(range, `Unknown type name '${name}' (${name} needs its element types: ${name}[...])`);
    }
    return this.error(range, `Unknown type name '${name}'`);
  }

  private parseQuoted(text: string, range: Range): JitType {
    if (text.startsWith('torch.classes.')) {
      const custom = customClass(`__torch__.${text}`);
      if (custom) return custom;
    }
    const resolved = this.resolver?.resolveType(text, range);
    if (resolved) return resolved;
    if (this.dialect === 'source') {
      // A forward reference (`'Node'`): the annotation written as a string.
      let parsed: Expr | undefined;
      try {
        parsed = Parser.parseExpression(text, this.text.file);
      } catch (e) {
        if (!FrontendError.isInstance(e)) throw e;
      }
      if (parsed) {
        const inner = this.withText({ source: text, file: this.text.file });
        try {
          return inner.parseType(parsed);
        } catch (e) {
          if (!FrontendError.isInstance(e)) throw e;
          this.error(range, `${(e as FrontendError).reason} (in the quoted annotation '${text}')`);
        }
      }
    }
    return this.error(range, `Unknown type name '${text}'`);
  }

  private subscriptToType(name: string, expr: Extract<Expr, { kind: 'Subscript' }>): JitType {
    const items = subscriptItems(expr.slice);
    const one = () => {
      if (items.length !== 1) this.error(expr.range, ` expected exactly one element type but found ${items.length}`);
      return this.parseType(items[0] as Expr);
    };
    switch (name) {
      case 'Tuple':
        return TupleType.of(items.map((item) => this.parseType(item)));
      case 'List':
        return ListType.of(one());
      case 'Optional':
        return OptionalType.of(one());
      case 'Union':
        if (items.length === 0) this.error(expr.range, 'Union needs at least one member type');
        return UnionType.of(items.map((item) => this.parseType(item)));
      case 'Future':
        return FutureType.of(one());
      case 'RRef':
        return RRefType.of(one());
      case 'Dict': {
        if (items.length !== 2) this.error(expr.range, ` expected exactly 2 element types but found ${items.length}`);
        const key = this.parseType(items[0] as Expr);
        const value = this.parseType(items[1] as Expr);
        if (!DictType.isValidKeyType(key)) {
          this.error(
            (items[0] as Expr).range,
            `Cannot create dict for key type '${key.annotationStr()}', only int, float, complex, Tensor, device and string keys are supported`,
          );
        }
        return DictType.of(key, value);
      }
      default:
        return this.error(expr.range, `Unknown type constructor ${name}`);
    }
  }
}

/** The element expressions of a subscript: `Dict[str, int]` has two, `Tuple[()]` none. */
export function subscriptItems(slice: Expr): readonly Expr[] {
  return slice.kind === 'Tuple' ? slice.elts : [slice];
}

/** `a.b.c` as a string, or undefined when the expression is not a dotted name. */
export function dottedName(expr: Expr): string | undefined {
  const parts: string[] = [];
  let e = expr;
  while (e.kind === 'Attribute') {
    parts.push(e.attr);
    e = e.value;
  }
  if (e.kind !== 'Name') return undefined;
  parts.push(e.id);
  return parts.reverse().join('.');
}

/** The expression kinds as PyTorch's error names them (kindToString). */
function describeKind(expr: Expr): string {
  switch (expr.kind) {
    case 'Number':
      return 'const';
    case 'Call':
      return 'apply';
    case 'List':
      return 'list literal';
    case 'Tuple':
      return 'tuple literal';
    case 'Dict':
      return 'dict literal';
    case 'Constant':
      return expr.value === 'Ellipsis' ? 'Ellipsis' : String(expr.value);
    default:
      return expr.kind;
  }
}
