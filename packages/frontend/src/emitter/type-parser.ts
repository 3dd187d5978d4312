import {
  AnyListType,
  AnyTupleType,
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
import type { Expr, Range } from '../ast.js';
import type { Resolver } from './contracts.js';

/** Reports an error in the source being compiled; never returns. */
export type Fail = (range: Range, reason: string) => never;

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

/** The names PyTorch's string_to_type table knows, plus the spellings its native resolver accepts. */
function builtinTypeNamed(name: string): JitType | undefined {
  if (TENSOR_NAMES.has(name)) return TensorType.get();
  if (name.startsWith('torch.') && TENSOR_NAMES.has(name.slice(6))) return TensorType.get();
  switch (name) {
    case 'int':
      return IntType.get();
    case 'float':
      return FloatType.get();
    case 'bool':
      return BoolType.get();
    case 'str':
      return StringType.get();
    case 'complex':
      return ComplexType.get();
    case 'number':
      return NumberType.get();
    case 'None':
    case 'NoneType':
      return NoneType.get();
    case 'Any':
      return AnyType.get();
    case 'Device':
    case 'torch.device':
      return DeviceObjType.get();
    case 'Stream':
    case 'torch.Stream':
      return StreamObjType.get();
    case 'Capsule':
      return CapsuleType.get();
    // A dtype is an int in TorchScript (ScalarType).
    case 'torch.dtype':
      return IntType.get();
    case 'list':
      return AnyListType.get();
    case 'tuple':
      return AnyTupleType.get();
    default:
      return undefined;
  }
}

/** The dotted name an expression spells (`torch.Tensor`, `__torch__.a.B`), if it is one. */
export function dottedName(expr: Expr): string | undefined {
  if (expr.kind === 'Name') return expr.id;
  if (expr.kind === 'Attribute') {
    const base = dottedName(expr.value);
    return base === undefined ? undefined : `${base}.${expr.attr}`;
  }
  return undefined;
}

/**
 * Reads type annotations, after PyTorch's ScriptTypeParser: the typing constructors (`List`,
 * `Dict`, `Tuple`, `Optional`, `Union`, `Future`, `RRef`), the builtin type names, and class,
 * NamedTuple, enum and interface names through the resolver.
 */
export class TypeParser {
  constructor(
    private readonly resolver: Resolver | undefined,
    private readonly fail: Fail,
  ) {}

  parseType(expr: Expr): JitType {
    // The resolver sees the whole dotted name first (`__torch__.foo.Bar`, `torch.Tensor`).
    const dotted = dottedName(expr);
    if (dotted !== undefined && this.resolver && builtinTypeNamed(dotted) === undefined) {
      const resolved = this.resolver.resolveType(dotted, expr.range);
      if (resolved) return resolved;
    }
    return this.parseImpl(expr);
  }

  /**
   * `BroadcastingList2[int]` (and `_size_2_t`), possibly inside Optional: a list type with its
   * fixed size. Only parameters may use it.
   */
  parseBroadcastList(expr: Expr): { type: JitType; N: number } | undefined {
    if (expr.kind === 'Name') {
      const match = /^_size_([0-9])_t$/.exec(expr.id);
      if (match) return { type: ListType.of(IntType.get()), N: Number(match[1]) };
    }
    if (expr.kind !== 'Subscript' || expr.value.kind !== 'Name') return undefined;
    const name = expr.value.id;
    if (name === 'Optional') {
      const inner = this.parseBroadcastList(expr.slice);
      return inner ? { type: OptionalType.of(inner.type), N: inner.N } : undefined;
    }
    if (!name.startsWith('BroadcastingList')) return undefined;
    const length = name.slice('BroadcastingList'.length);
    if (expr.slice.kind === 'Tuple') {
      this.fail(expr.slice.range, 'BroadcastingList/Optional[BroadcastingList] must be subscripted with a type');
    }
    if (expr.slice.kind !== 'Name') this.fail(expr.value.range, 'Subscripted type must be a type identifier');
    const element = expr.slice.id;
    if (element !== 'float' && element !== 'int') {
      this.fail(expr.value.range, 'Broadcastable lists only supported for int or float');
    }
    if (!/^[0-9]+$/.test(length)) {
      this.fail(expr.slice.range, 'subscript of Broadcastable list must be a positive integer');
    }
    return { type: ListType.of(element === 'int' ? IntType.get() : FloatType.get()), N: Number(length) };
  }

  private parseImpl(expr: Expr): JitType {
    switch (expr.kind) {
      case 'Subscript': {
        const name = dottedName(expr.value);
        if (name === undefined) this.fail(expr.value.range, 'Subscripted type must be a type identifier');
        return this.subscriptToType(name, expr);
      }
      case 'Str': {
        const resolved = builtinTypeNamed(expr.value) ?? this.resolver?.resolveType(expr.value, expr.range);
        if (resolved) return resolved;
        return this.fail(expr.range, `Unknown type name '${expr.value}'`);
      }
      case 'Constant':
        if (expr.value === null) return NoneType.get();
        break;
      case 'Name':
      case 'Attribute': {
        const name = dottedName(expr) as string;
        const builtin = builtinTypeNamed(name);
        if (builtin) return builtin;
        const resolved = this.resolver?.resolveType(name, expr.range);
        if (resolved) return resolved;
        return this.fail(expr.range, `Unknown type name '${name}'`);
      }
      default:
        break;
    }
    return this.fail(expr.range, `Expression of type ${describeExpr(expr)} cannot be used in a type expression`);
  }

  private subscriptToType(name: string, expr: Extract<Expr, { kind: 'Subscript' }>): JitType {
    const base = name.startsWith('typing.') ? name.slice(7) : name;
    const items = expr.slice.kind === 'Tuple' ? expr.slice.elts : [expr.slice];
    const one = (): JitType => {
      if (items.length !== 1) this.fail(expr.range, ` expected exactly one element type but found ${items.length}`);
      return this.parseImpl(items[0]);
    };
    switch (base) {
      case 'Tuple': {
        // `Tuple[()]` is the empty tuple.
        if (expr.slice.kind === 'Tuple' && expr.slice.elts.length === 0) return TupleType.of([]);
        if (items.length === 1 && items[0].kind === 'Tuple') {
          this.fail(items[0].range, 'Tuple literal in Tuple type annotation must not have any elements!');
        }
        return TupleType.of(items.map((item) => this.parseImpl(item)));
      }
      case 'List':
        return ListType.of(one());
      case 'Optional':
        return OptionalType.of(one());
      case 'Union': {
        const members = items.map((item) => this.parseImpl(item));
        const union = UnionType.of(members);
        if (members.length < 2 || (union.kind !== 'UnionType' && union.kind !== 'OptionalType')) {
          this.fail(
            expr.range,
            `Union[${members.map((m) => m.pythonStr()).join(', ')}] has the single type ${union.pythonStr()}; use that type instead of a Union`,
          );
        }
        return union;
      }
      case 'Future':
      case 'torch.jit.Future':
        return FutureType.of(one());
      case 'RRef':
        return RRefType.of(one());
      case 'Dict': {
        if (items.length !== 2) this.fail(expr.range, ` expected exactly 2 element types but found ${items.length}`);
        const key = this.parseImpl(items[0]);
        const value = this.parseImpl(items[1]);
        if (!DictType.isValidKeyType(key)) {
          this.fail(
            expr.range,
            `Cannot create dict for key type '${key.annotationStr()}', only int, float, complex, Tensor, device and string keys are supported`,
          );
        }
        return DictType.of(key, value);
      }
      default:
        return this.fail(expr.range, `Unknown type constructor ${name}`);
    }
  }
}

/** How PyTorch names the kind of an expression in "cannot be used in a type expression". */
export function describeExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'Constant':
      return expr.value === 'Ellipsis' ? 'dots' : String(expr.value);
    case 'BinOp':
    case 'UnaryOp':
    case 'BoolOp':
      return expr.op;
    case 'Compare':
      return expr.ops[0];
    case 'Number':
      return 'const';
    case 'Call':
      return 'apply';
    case 'Tuple':
      return 'tuple literal';
    case 'List':
      return 'list literal';
    case 'Dict':
      return 'dict literal';
    default:
      return expr.kind;
  }
}
