import type { OptionalType } from './optional-type.js';
import type { UnionType } from './union-type.js';

/**
 * The kinds of TorchScript types, named as PyTorch names them (c10::TypeKind), in PyTorch's
 * order: unions sort their members by this order, as PyTorch does.
 */
export const TYPE_KINDS = [
  'AnyType',
  'EnumType',
  'AnyEnumType',
  'TensorType',
  'StorageType',
  'TupleType',
  'ListType',
  'DictType',
  'NumberType',
  'FloatType',
  'ComplexType',
  'FutureType',
  'RRefType',
  'IntType',
  'NoneType',
  'StringType',
  'GeneratorType',
  'QuantizerType',
  'BoolType',
  'OptionalType',
  'VarType',
  'DeviceObjType',
  'StreamObjType',
  'FunctionType',
  'ClassType',
  'PyObjectType',
  'CapsuleType',
  'InterfaceType',
  'QSchemeType',
  'ScalarTypeType',
  'LayoutType',
  'MemoryFormatType',
  'AnyListType',
  'AnyTupleType',
  'AnyClassType',
  'SymIntType',
  'SymFloatType',
  'UnionType',
  'DynamicType',
] as const;

export type TypeKind = (typeof TYPE_KINDS)[number];

const KIND_RANK: ReadonlyMap<string, number> = new Map(TYPE_KINDS.map((kind, i) => [kind, i]));

/** Position of a kind in PyTorch's TypeKind order. */
export function kindRank(kind: TypeKind): number {
  return KIND_RANK.get(kind) ?? TYPE_KINDS.length;
}

/**
 * A TorchScript type. Types are immutable values: compare them with `equals` (structural), not
 * with `===`, although the simple types are singletons (`IntType.get()`).
 */
export abstract class JitType {
  abstract readonly kind: TypeKind;

  /** The type as the schema language writes it: `Tensor?`, `int[]`, `Dict(str, Tensor)`, `(Tensor, int)`. */
  abstract annotationStr(): string;

  /** The type as TorchScript code writes it: `Optional[Tensor]`, `List[int]`, `Tuple[Tensor, int]`. */
  abstract pythonStr(): string;

  /** The types this type is built from, in order (empty for the simple types). */
  containedTypes(): readonly JitType[] {
    return [];
  }

  /** Structural equality. */
  equals(other: JitType): boolean {
    return this === other || (this.kind === other.kind && this.equalsSameKind(other));
  }

  /**
   * Whether a value of this type can be used where `other` is expected, with PyTorch's rules:
   * anything <: Any; T <: Optional[T]; None <: Optional[T]; int, float, complex <: Number;
   * List and Dict are invariant; Tuple and Future are covariant; T <: Union[..., U, ...] when
   * T <: U; a union is a subtype when each of its members is.
   */
  isSubtypeOf(other: JitType): boolean {
    if (other.kind === 'AnyType' || this.equals(other)) return true;
    const mine = unionMembers(this);
    if (mine) return mine.every((member) => member.isSubtypeOf(other));
    const theirs = unionMembers(other);
    if (theirs) return theirs.some((member) => this.isSubtypeOf(member));
    return this.isSubtypeOfSameShape(other);
  }

  /** Same as `annotationStr()`. */
  toString(): string {
    return this.annotationStr();
  }

  /** Equality with a type of the same kind; the simple types have one value per kind. */
  protected equalsSameKind(_other: JitType): boolean {
    return true;
  }

  /** Subtyping against a non-union type that is not Any and not equal to this one. */
  protected isSubtypeOfSameShape(_other: JitType): boolean {
    return false;
  }
}

/** The members of a union-like type (Optional[T] is Union[T, None]), or undefined for other types. */
function unionMembers(type: JitType): readonly JitType[] | undefined {
  if (type.kind === 'UnionType') return (type as UnionType).types;
  if (type.kind === 'OptionalType') {
    const element = (type as OptionalType).elementType;
    return [element, noneLike];
  }
  return undefined;
}

// None, as seen from the subtyping rules above. A private stand-in avoids importing the
// NoneType singleton here (which would make this module depend on its subclasses); it equals
// every NoneType because the simple types compare by kind.
class NoneStandIn extends JitType {
  readonly kind = 'NoneType' as const;
  annotationStr(): string {
    return 'NoneType';
  }
  pythonStr(): string {
    return 'NoneType';
  }
}
const noneLike: JitType = new NoneStandIn();
