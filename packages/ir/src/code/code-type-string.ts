import type { DictType } from '../types/dict-type.js';
import type { EnumType } from '../types/enum-type.js';
import type { FunctionType } from '../types/function-type.js';
import type { FutureType } from '../types/future-type.js';
import { type JitType, kindRank } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import type { OptionalType } from '../types/optional-type.js';
import type { RRefType } from '../types/rref-type.js';
import { ComplexType, FloatType, IntType } from '../types/simple-types.js';
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
    case 'UnionType':
      return unionString(type as UnionType, inner);
    case 'ScalarTypeType':
    case 'LayoutType':
    case 'MemoryFormatType':
      // These enumerations are ints in TorchScript code.
      return 'int';
    default:
      return type.pythonStr();
  }
}

/**
 * A union as PyTorch 1.13 writes it. A union that holds int, float and complex writes them as one
 * `number` after the other members; PyTorch walks the members in its own order (sorted by kind,
 * the three number types included) and writes a comma before each member that is not the first
 * of that order, and before `number` only when it wrote a comma already. So it writes
 * `Union[, str, number]` for Union[int, float, complex, str] and `Union[Tensornumber]` for
 * Union[Tensor, int, float, complex]: code that PyTorch itself cannot read back, reproduced here
 * because the printer must write what PyTorch writes.
 */
function unionString(type: UnionType, inner: (t: JitType) => string): string {
  const members = type.types;
  if (!members.some((t) => t.kind === 'NumberType')) return `Union[${members.map(inner).join(', ')}]`;
  const numbers: JitType[] = [FloatType.get(), ComplexType.get(), IntType.get()];
  const ordered = [...members.filter((t) => t.kind !== 'NumberType'), ...numbers].sort(
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || compareText(a.annotationStr(), b.annotationStr()),
  );
  let text = 'Union[';
  let printed = false;
  ordered.forEach((member, i) => {
    if (numbers.includes(member)) return;
    if (i > 0) {
      text += ', ';
      printed = true;
    }
    text += inner(member);
  });
  return `${text}${printed ? ', ' : ''}number]`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
