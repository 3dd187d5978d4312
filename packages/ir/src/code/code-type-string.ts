import type { DictType } from '../types/dict-type.js';
import type { EnumType } from '../types/enum-type.js';
import type { FunctionType } from '../types/function-type.js';
import type { FutureType } from '../types/future-type.js';
import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import type { OptionalType } from '../types/optional-type.js';
import type { RRefType } from '../types/rref-type.js';
import type { TupleType } from '../types/tuple-type.js';
import type { UnionType } from '../types/union-type.js';

/**
 * How named types (classes, NamedTuples, enums, interfaces, functions) are spelled in code; an
 * undefined answer means the type's own qualified name. An archive writer uses it to print the
 * unique (mangled) names it gives types; PyTorch calls this a TypePrinter.
 */
export type TypePrinter = (type: JitType) => string | undefined;

/**
 * A type as TorchScript code writes it (PyTorch's `annotation_str`): `List[int]`,
 * `Optional[Tensor]`, `Dict[str, Tensor]`, `Tuple[int, float]`, `Tuple[()]`, `Union[str, number]`,
 * and named types by their qualified name (or what `typePrinter` says).
 */
export function codeTypeString(type: JitType, typePrinter?: TypePrinter): string {
  const inner = (t: JitType): string => codeTypeString(t, typePrinter);
  switch (type.kind) {
    case 'ClassType':
    case 'EnumType':
    case 'InterfaceType':
      return typePrinter?.(type) ?? (type as EnumType).qualifiedName;
    case 'FunctionType':
      return typePrinter?.(type) ?? type.pythonStr();
    case 'TupleType': {
      const tuple = type as TupleType;
      if (tuple.qualifiedName !== undefined) return typePrinter?.(type) ?? tuple.qualifiedName;
      if (tuple.elements.length === 0) return 'Tuple[()]';
      return `Tuple[${tuple.elements.map(inner).join(', ')}]`;
    }
    case 'ListType':
      return `List[${inner((type as ListType).elementType)}]`;
    case 'OptionalType':
      return `Optional[${inner((type as OptionalType).elementType)}]`;
    case 'DictType':
      return `Dict[${inner((type as DictType).keyType)}, ${inner((type as DictType).valueType)}]`;
    case 'FutureType':
      return `Future[${inner((type as FutureType).elementType)}]`;
    case 'RRefType':
      return `RRef[${inner((type as RRefType).elementType)}]`;
    case 'UnionType': {
      // PyTorch writes the numeric members of a union that holds all of int, float and complex
      // as one `number`, after the other members.
      const members = (type as UnionType).types;
      const others = members.filter((t) => t.kind !== 'NumberType').map(inner);
      if (members.some((t) => t.kind === 'NumberType')) others.push('number');
      return `Union[${others.join(', ')}]`;
    }
    case 'ScalarTypeType':
    case 'LayoutType':
    case 'MemoryFormatType':
      // These enumerations are ints in TorchScript code.
      return 'int';
    default:
      return type.pythonStr();
  }
}

/** The qualified name of a named type, for the dependency table; undefined for other types. */
export function namedTypeName(type: JitType): string | undefined {
  switch (type.kind) {
    case 'ClassType':
    case 'EnumType':
    case 'InterfaceType':
      return (type as EnumType).qualifiedName;
    case 'TupleType':
      return (type as TupleType).qualifiedName;
    case 'FunctionType':
      return (type as FunctionType).qualifiedName;
    default:
      return undefined;
  }
}

/**
 * Whether the element type of a list (or the value type of a dict) can be read back from its
 * members; when it cannot, PyTorch wraps the literal in `annotate(T, ...)`. Unions (Optional
 * included), Scalar, Any and interfaces cannot: a member fits more than one of them.
 */
export function elementTypeCanBeInferredFromMembers(element: JitType): boolean {
  return !['UnionType', 'OptionalType', 'NumberType', 'AnyType', 'InterfaceType'].includes(element.kind);
}
