import type { DictType } from '../types/dict-type.js';
import type { EnumType } from '../types/enum-type.js';
import type { FutureType } from '../types/future-type.js';
import type { InterfaceType } from '../types/interface-type.js';
import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import type { OptionalType } from '../types/optional-type.js';
import type { RRefType } from '../types/rref-type.js';
import type { TensorType } from '../types/tensor-type.js';
import type { TupleType } from '../types/tuple-type.js';
import type { UnionType } from '../types/union-type.js';

/**
 * A type as PyTorch's IR printer writes it (c10's `operator<<` on Type): `int[]`, `Tensor?`,
 * `(int, str)`, `NamedTuple(x : int, y : float)`, `Future[Tensor]`, and otherwise the schema
 * spelling (`Dict(str, int)`, `Union(int, str)`, `__torch__.M`).
 */
export function irTypeString(type: JitType): string {
  switch (type.kind) {
    case 'FunctionType':
      return 'Function';
    case 'EnumType':
      return `Enum<${(type as EnumType).qualifiedName}>`;
    case 'InterfaceType':
      return `InterfaceType<${(type as InterfaceType).name}>`;
    case 'TensorType':
      return (type as TensorType).refinedStr();
    case 'DictType': {
      const dict = type as DictType;
      return `Dict(${irTypeString(dict.keyType)}, ${irTypeString(dict.valueType)})`;
    }
    case 'UnionType':
      return `Union(${(type as UnionType).types.map(irTypeString).join(', ')})`;
    case 'ListType':
      return `${irTypeString((type as ListType).elementType)}[]`;
    case 'OptionalType':
      return `${irTypeString((type as OptionalType).elementType)}?`;
    case 'FutureType':
      return `Future[${irTypeString((type as FutureType).elementType)}]`;
    case 'RRefType':
      return `RRef[${irTypeString((type as RRefType).elementType)}]`;
    case 'TupleType': {
      const tuple = type as TupleType;
      const names = tuple.names;
      if (names) {
        return `NamedTuple(${tuple.elements.map((t, i) => `${names[i]} : ${irTypeString(t)}`).join(', ')})`;
      }
      return `(${tuple.elements.map(irTypeString).join(', ')})`;
    }
    default:
      return type.annotationStr();
  }
}
