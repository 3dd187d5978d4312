import {
  DictType,
  FutureType,
  type JitType,
  ListType,
  NoneType,
  OptionalType,
  RRefType,
  TensorType,
  TupleType,
  UnionType,
  type VarType,
} from '@tsjit/ir';

/** What the type variables of a schema (`t`, `tVal`) are bound to while one call is matched. */
export type TypeEnv = Map<string, JitType>;

/** Whether `type` mentions a type variable anywhere. */
export function hasFreeVariables(type: JitType): boolean {
  if (type.kind === 'VarType') return true;
  return type.containedTypes().some(hasFreeVariables);
}

/**
 * The least type both `t1` and `t2` are subtypes of, with PyTorch's rules (unifyTypes): subtyping
 * either way, tensor refinements merged, None with T gives Optional[T], tuples and futures
 * element by element, containers compared without their tensor refinements, then `typeHint`
 * when both fit it, then (when asked) a Union. Undefined when there is none.
 */
export function unifyTypes(t1: JitType, t2: JitType, defaultToUnion = false, typeHint?: JitType): JitType | undefined {
  const unified = unifyTypesImpl(t1, t2, defaultToUnion, typeHint);
  if (unified === undefined && defaultToUnion) return UnionType.of([t1, t2]);
  return unified;
}

function unifyTypesImpl(t1: JitType, t2: JitType, defaultToUnion: boolean, typeHint?: JitType): JitType | undefined {
  if (t1.isSubtypeOf(t2)) return t2;
  if (t2.isSubtypeOf(t1)) return t1;
  if (t1.kind === 'TensorType' && t2.kind === 'TensorType') return mergeTensorTypes(t1 as TensorType, t2 as TensorType);

  const none = NoneType.get();
  const t1None = t1.isSubtypeOf(none);
  const t2None = t2.isSubtypeOf(none);
  if (t1None && !t2None) return OptionalType.of(t2);
  if (t2None && !t1None) return OptionalType.of(t1);

  if (t1.kind === 'OptionalType') {
    const element = unifyTypes((t1 as OptionalType).elementType, t2);
    if (element) return OptionalType.of(element);
  } else if (t2.kind === 'OptionalType') {
    const element = unifyTypes((t2 as OptionalType).elementType, t1);
    if (element) return OptionalType.of(element);
  }

  if (t1.kind === 'TupleType' && t2.kind === 'TupleType') {
    const a = (t1 as TupleType).elements;
    const b = (t2 as TupleType).elements;
    if (a.length !== b.length) return undefined;
    const elements: JitType[] = [];
    for (let i = 0; i < a.length; i++) {
      const element = unifyTypes(a[i], b[i], defaultToUnion);
      if (!element) return undefined;
      elements.push(element);
    }
    return TupleType.of(elements);
  }

  if (t1.kind === 'FutureType' && t2.kind === 'FutureType') {
    const element = unifyTypes((t1 as FutureType).elementType, (t2 as FutureType).elementType);
    if (element) return FutureType.of(element);
  }

  // Mutable containers (lists, dicts) of differently refined tensors unify as containers of Tensor.
  const u1 = unshapedType(t1);
  const u2 = unshapedType(t2);
  if (u1.isSubtypeOf(u2)) return u2;
  if (u2.isSubtypeOf(u1)) return u1;

  if (typeHint && t1.isSubtypeOf(typeHint) && t2.isSubtypeOf(typeHint)) return typeHint;
  return undefined;
}

/** What two tensor types agree on: a property known by both with the same value stays known. */
export function mergeTensorTypes(a: TensorType, b: TensorType): TensorType {
  const same = <T>(x: T | undefined, y: T | undefined): T | undefined => (x === y ? x : undefined);
  const mergeDims = (
    x: readonly (number | null)[] | undefined,
    y: readonly (number | null)[] | undefined,
  ): (number | null)[] | undefined => {
    if (!x || !y || x.length !== y.length) return undefined;
    return x.map((d, i) => (d === y[i] ? d : null));
  };
  const sizes = mergeDims(a.sizes, b.sizes);
  const strides = sizes ? mergeDims(a.strides, b.strides) : undefined;
  return TensorType.create({
    scalarType: same(a.scalarType, b.scalarType),
    sizes,
    strides: strides && strides.length === sizes?.length ? strides : undefined,
    requiresGrad: same(a.requiresGrad, b.requiresGrad),
    device: same(a.device, b.device),
  });
}

/** `type` with every refined tensor type inside it replaced by plain Tensor. */
export function unshapedType(type: JitType): JitType {
  if (type.kind === 'TensorType') return TensorType.get();
  if (type.containedTypes().length === 0) return type;
  return withContained(type, type.containedTypes().map(unshapedType));
}

/** Unifies a list of types left to right; the failure says which element did not fit. */
export function unifyTypeList(
  elements: readonly JitType[],
  defaultToUnion = false,
  typeHint?: JitType,
): { type: JitType } | { failure: string } {
  if (elements.length === 0) return { failure: 'Cannot get unified type from empty list' };
  let result = elements[0];
  for (let i = 1; i < elements.length; i++) {
    const unified = unifyTypes(result, elements[i], defaultToUnion, typeHint);
    if (!unified) {
      return {
        failure: `Could not unify type list since element ${i} of type ${elements[i].pythonStr()} did not match the types before it (${result.pythonStr()})`,
      };
    }
    result = unified;
  }
  return { type: result };
}

/**
 * Binds the type variables of `formal` from `actual` (PyTorch's matchTypeVariables). A variable
 * already bound stays bound to its first type when the new one unifies with it (the caller then
 * checks subtyping against that binding). Returns the reason when they cannot match.
 */
export function matchTypeVariables(formal: JitType, actual: JitType, env: TypeEnv): string | undefined {
  if (!hasFreeVariables(formal)) return undefined;
  switch (formal.kind) {
    case 'VarType': {
      const name = (formal as VarType).name;
      const bound = env.get(name);
      if (bound === undefined) {
        env.set(name, actual);
        return undefined;
      }
      if (unifyTypes(bound, actual)) return undefined;
      return `Type variable '${name}' previously matched to type ${bound.pythonStr()} is matched to type ${actual.pythonStr()}`;
    }
    case 'ListType': {
      const element = (formal as ListType).elementType;
      if (actual.kind === 'ListType') return matchTypeVariables(element, (actual as ListType).elementType, env);
      if (actual.kind === 'TupleType') {
        const unified = unifyTypeList((actual as TupleType).elements);
        if ('type' in unified) return matchTypeVariables(element, unified.type, env);
      }
      return `Cannot match ${formal.pythonStr()} to ${actual.pythonStr()}`;
    }
    case 'TupleType': {
      if (actual.kind !== 'TupleType') return `Cannot match a tuple to ${actual.pythonStr()}`;
      const a = (formal as TupleType).elements;
      const b = (actual as TupleType).elements;
      if (a.length !== b.length) return 'Cannot match tuples of mismatched size';
      for (let i = 0; i < a.length; i++) {
        const failure = matchTypeVariables(a[i], b[i], env);
        if (failure !== undefined) return failure;
      }
      return undefined;
    }
    case 'FutureType':
      if (actual.kind !== 'FutureType') return `Cannot match a future to ${actual.pythonStr()}`;
      return matchTypeVariables((formal as FutureType).elementType, (actual as FutureType).elementType, env);
    case 'RRefType':
      if (actual.kind !== 'RRefType') return `Cannot match a rref to ${actual.pythonStr()}`;
      return matchTypeVariables((formal as RRefType).elementType, (actual as RRefType).elementType, env);
    case 'OptionalType': {
      const element = (formal as OptionalType).elementType;
      if (actual.kind === 'OptionalType') return matchTypeVariables(element, (actual as OptionalType).elementType, env);
      // None is already an optional (of unknown type): it leaves the variables unbound, and a
      // variable that nothing else binds is reported when the type is evaluated.
      if (!actual.isSubtypeOf(NoneType.get())) return matchTypeVariables(element, actual, env);
      return undefined;
    }
    case 'DictType': {
      if (actual.kind !== 'DictType') return `Cannot match a dict to ${actual.pythonStr()}`;
      const f = formal as DictType;
      const a = actual as DictType;
      return matchTypeVariables(f.keyType, a.keyType, env) ?? matchTypeVariables(f.valueType, a.valueType, env);
    }
    default:
      // A union with a variable inside (no PyTorch schema has one): it matches only itself.
      return `Cannot match ${formal.pythonStr()} to ${actual.pythonStr()}`;
  }
}

/** `type` with its type variables replaced by their bindings; undefined when one is unbound. */
export function evalTypeVariables(type: JitType, env: TypeEnv): JitType | undefined {
  if (!hasFreeVariables(type)) return type;
  if (type.kind === 'VarType') return env.get((type as VarType).name);
  const contained: JitType[] = [];
  for (const t of type.containedTypes()) {
    const evaluated = evalTypeVariables(t, env);
    if (!evaluated) return undefined;
    contained.push(evaluated);
  }
  return withContained(type, contained);
}

/** A container type of the same shape as `type` holding `contained` (PyTorch's withContained). */
export function withContained(type: JitType, contained: readonly JitType[]): JitType {
  switch (type.kind) {
    case 'ListType':
      return ListType.of(contained[0]);
    case 'OptionalType':
      return OptionalType.of(contained[0]);
    case 'FutureType':
      return FutureType.of(contained[0]);
    case 'RRefType':
      return RRefType.of(contained[0]);
    case 'DictType':
      // A key that is not a valid key type can only come from a bad binding; keep the type
      // checkable rather than throwing (matching then fails on subtyping).
      return DictType.isValidKeyType(contained[0]) ? DictType.of(contained[0], contained[1]) : type;
    case 'TupleType': {
      const tuple = type as TupleType;
      return TupleType.of(contained, { names: tuple.names, qualifiedName: tuple.qualifiedName });
    }
    case 'UnionType':
      return UnionType.of(contained);
    default:
      return type;
  }
}
