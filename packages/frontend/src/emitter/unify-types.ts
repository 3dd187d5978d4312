import {
  FutureType,
  type JitType,
  ListType,
  NoneType,
  OptionalType,
  TensorType,
  TupleType,
  UnionType,
} from '@tsjit/ir';

/**
 * The type both `a` and `b` can be used as, after PyTorch's unifyTypes: one is a subtype of the
 * other; two tensors; None and T give Optional[T]; Optional[A] and B give Optional[unify(A, B)];
 * tuples and futures unify element-wise; lists and dicts only when equal up to tensor shapes;
 * `hint` when both are subtypes of it. Otherwise undefined, or with `defaultToUnion` the union.
 * int and float do not unify (PyTorch has too few ops on Scalar).
 */
export function unifyTypes(a: JitType, b: JitType, defaultToUnion = false, hint?: JitType): JitType | undefined {
  const unified = unifyImpl(a, b, defaultToUnion, hint);
  if (unified === undefined && defaultToUnion) return UnionType.of([a, b]);
  return unified;
}

function unifyImpl(a: JitType, b: JitType, defaultToUnion: boolean, hint: JitType | undefined): JitType | undefined {
  if (a.isSubtypeOf(b)) return b;
  if (b.isSubtypeOf(a)) return a;
  if (a.kind === 'TensorType' && b.kind === 'TensorType') return TensorType.get();
  const none = NoneType.get();
  if (a.isSubtypeOf(none) && !b.isSubtypeOf(none)) return OptionalType.of(b);
  if (b.isSubtypeOf(none) && !a.isSubtypeOf(none)) return OptionalType.of(a);
  if (a.kind === 'OptionalType') {
    const element = unifyTypes((a as OptionalType).elementType, b);
    if (element) return OptionalType.of(element);
  } else if (b.kind === 'OptionalType') {
    const element = unifyTypes((b as OptionalType).elementType, a);
    if (element) return OptionalType.of(element);
  }
  if (a.kind === 'TupleType' && b.kind === 'TupleType') {
    const x = a as TupleType;
    const y = b as TupleType;
    if (x.elements.length !== y.elements.length) return undefined;
    const elements: JitType[] = [];
    for (let i = 0; i < x.elements.length; i++) {
      const element = unifyTypes(x.elements[i], y.elements[i], defaultToUnion);
      if (!element) return undefined;
      elements.push(element);
    }
    return TupleType.of(elements);
  }
  if (a.kind === 'FutureType' && b.kind === 'FutureType') {
    const element = unifyTypes((a as FutureType).elementType, (b as FutureType).elementType);
    if (element) return FutureType.of(element);
  }
  const ua = unshapedType(a);
  const ub = unshapedType(b);
  if (ua.isSubtypeOf(ub)) return ub;
  if (ub.isSubtypeOf(ua)) return ua;
  if (hint && a.isSubtypeOf(hint) && b.isSubtypeOf(hint)) return hint;
  return undefined;
}

/**
 * The unified type of a list of types, or a reason naming the first element that does not fit
 * (PyTorch's unifyTypeList message).
 */
export function unifyTypeList(
  types: readonly JitType[],
  hint?: JitType,
): { type: JitType } | { type: undefined; why: string } {
  if (types.length === 0) return { type: undefined, why: 'Cannot unify an empty list' };
  let current = types[0];
  for (let i = 1; i < types.length; i++) {
    const unified = unifyTypes(current, types[i], false, hint);
    if (!unified) {
      return {
        type: undefined,
        why: `Could not unify type list since element ${i} of type ${types[i].pythonStr()} did not match the types before it (${current.pythonStr()})`,
      };
    }
    current = unified;
  }
  return { type: current };
}

/** The type with every refined tensor type replaced by plain Tensor (PyTorch's unshapedType). */
export function unshapedType(type: JitType): JitType {
  if (type.kind === 'TensorType') return TensorType.get();
  if (type.kind === 'ListType') {
    const element = (type as ListType).elementType;
    const unshaped = unshapedType(element);
    return unshaped === element ? type : ListType.of(unshaped);
  }
  if (type.kind === 'OptionalType') {
    const element = (type as OptionalType).elementType;
    const unshaped = unshapedType(element);
    return unshaped === element ? type : OptionalType.of(unshaped);
  }
  if (type.kind === 'TupleType') {
    const tuple = type as TupleType;
    if (tuple.names) return type;
    const elements = tuple.elements.map(unshapedType);
    return elements.every((t, i) => t === tuple.elements[i]) ? type : TupleType.of(elements);
  }
  return type;
}
