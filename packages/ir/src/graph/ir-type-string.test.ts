import { describe, expect, it } from 'vitest';
import { ClassType } from '../types/class-type.js';
import { DictType } from '../types/dict-type.js';
import { FutureType } from '../types/future-type.js';
import { ListType } from '../types/list-type.js';
import { OptionalType } from '../types/optional-type.js';
import { RRefType } from '../types/rref-type.js';
import { AnyType, DeviceObjType, FloatType, IntType, NoneType, NumberType, StringType } from '../types/simple-types.js';
import { TensorType } from '../types/tensor-type.js';
import { TupleType } from '../types/tuple-type.js';
import { UnionType } from '../types/union-type.js';
import { irTypeString } from './ir-type-string.js';

describe('irTypeString', () => {
  it("spells types as PyTorch's IR printer does", () => {
    const int = IntType.get();
    const tensor = TensorType.get();
    const cases: [Parameters<typeof irTypeString>[0], string][] = [
      [tensor, 'Tensor'],
      [NumberType.get(), 'Scalar'],
      [DeviceObjType.get(), 'Device'],
      [AnyType.get(), 'Any'],
      [NoneType.get(), 'NoneType'],
      [ListType.of(ListType.of(FloatType.get())), 'float[][]'],
      [ListType.of(OptionalType.of(tensor)), 'Tensor?[]'],
      [OptionalType.of(TupleType.of([int, int])), '(int, int)?'],
      [TupleType.of([]), '()'],
      [TupleType.of([TupleType.of([int, StringType.get()]), FloatType.get()]), '((int, str), float)'],
      [
        TupleType.of([int, FloatType.get()], { names: ['x', 'y'], qualifiedName: '__torch__.P' }),
        'NamedTuple(x : int, y : float)',
      ],
      [FutureType.of(tensor), 'Future[Tensor]'],
      [RRefType.of(int), 'RRef[int]'],
      [DictType.of(StringType.get(), OptionalType.of(int)), 'Dict(str, int?)'],
      [UnionType.of([ListType.of(int), tensor, NoneType.get()]), 'Union(Tensor, int[], NoneType)'],
      [ClassType.named('__torch__.m.Counter'), '__torch__.m.Counter'],
    ];
    for (const [type, text] of cases) expect(irTypeString(type)).toBe(text);
  });
});
