import type { JitType, Value } from '@tsjit/ir';

/** `x` has type `type` (a refinement of an Optional or Union variable by `is None` or `isinstance`). */
export interface Refinement {
  readonly name: string;
  readonly type: JitType;
}

/**
 * The refinements a condition implies when it is true and when it is false (PyTorch's
 * RefinementSet): `x is not None` refines x to its element type in the true branch; `and`, `or`
 * and `not` combine them.
 */
export class RefinementSet {
  constructor(
    readonly whenTrue: readonly Refinement[] = [],
    readonly whenFalse: readonly Refinement[] = [],
  ) {}

  /** `a and b`: true when both are (union), false when either is (intersection). */
  and(rhs: RefinementSet): RefinementSet {
    return new RefinementSet(unionSet(this.whenTrue, rhs.whenTrue), intersectSet(this.whenFalse, rhs.whenFalse));
  }

  /** `a or b`: true when either is (intersection), false when both are (union). */
  or(rhs: RefinementSet): RefinementSet {
    return new RefinementSet(intersectSet(this.whenTrue, rhs.whenTrue), unionSet(this.whenFalse, rhs.whenFalse));
  }

  not(): RefinementSet {
    return new RefinementSet(this.whenFalse, this.whenTrue);
  }
}

function unionSet(a: readonly Refinement[], b: readonly Refinement[]): Refinement[] {
  const result = [...a];
  for (const r of b) {
    const at = result.findIndex((e) => e.name === r.name);
    if (at < 0) result.push(r);
    // Only refinements that agree are kept: `isinstance(x, int) and isinstance(x, float)` refines nothing.
    else if (!result[at].type.equals(r.type)) result.splice(at, 1);
  }
  return result;
}

function intersectSet(a: readonly Refinement[], b: readonly Refinement[]): Refinement[] {
  return a.filter((r) => b.some((e) => e.name === r.name && e.type.equals(r.type)));
}

/**
 * A condition: its bool value, the refinements it implies, and, when its value is known at
 * compile time from the types (`x is None` for a non-optional x, `isinstance` decided by the
 * static type, `torch.jit.is_scripting()`, literals), that value: the `if` is then compiled with
 * the taken branch only, as PyTorch's meta-programming does.
 */
export interface CondValue {
  readonly value: Value;
  readonly refinements: RefinementSet;
  readonly staticIf: boolean | undefined;
}
