import type { IValue } from '../graph/ivalue.js';
import { JitType } from './jit-type.js';

export interface TupleOptions {
  /** Field names, one per element: the tuple is then a NamedTuple. */
  readonly names?: readonly string[];
  /** The NamedTuple's qualified name (e.g. `__torch__.Point`), printed in place of its elements. */
  readonly qualifiedName?: string;
  /**
   * A NamedTuple's field defaults, one per element (`undefined` where a field has none), as
   * PyTorch keeps them in the tuple's schema: `class P(NamedTuple): x : int = 3`.
   */
  readonly defaults?: readonly (IValue | undefined)[];
}

/**
 * `(T1, T2)` in schemas, `Tuple[T1, T2]` in code; with field names, a NamedTuple. Covariant:
 * (int, float) <: (Scalar, Scalar). A NamedTuple is a subtype of the plain tuple of its
 * elements; a tuple is a subtype of a NamedTuple only when the field names agree.
 */
export class TupleType extends JitType {
  readonly kind = 'TupleType' as const;
  readonly elements: readonly JitType[];
  readonly names: readonly string[] | undefined;
  readonly qualifiedName: string | undefined;
  /** A NamedTuple's field defaults (see TupleOptions); they play no part in equality or subtyping. */
  readonly defaults: readonly (IValue | undefined)[] | undefined;

  private constructor(elements: readonly JitType[], options: TupleOptions) {
    super();
    if (options.names && options.names.length !== elements.length) {
      throw new RangeError(`a NamedTuple needs one name per element (${elements.length}), got ${options.names.length}`);
    }
    this.elements = Object.freeze([...elements]);
    this.names = options.names ? Object.freeze([...options.names]) : undefined;
    this.qualifiedName = options.qualifiedName;
    if (options.defaults && options.defaults.length !== elements.length) {
      throw new RangeError(
        `a NamedTuple needs one default slot per element (${elements.length}), got ${options.defaults.length}`,
      );
    }
    this.defaults = options.defaults ? Object.freeze([...options.defaults]) : undefined;
  }

  static of(elements: readonly JitType[], options: TupleOptions = {}): TupleType {
    return new TupleType(elements, options);
  }

  override containedTypes(): readonly JitType[] {
    return this.elements;
  }

  annotationStr(): string {
    return this.qualifiedName ?? `(${this.elements.map((t) => t.annotationStr()).join(', ')})`;
  }

  pythonStr(): string {
    if (this.qualifiedName !== undefined) return this.qualifiedName;
    if (this.elements.length === 0) return 'Tuple[()]';
    return `Tuple[${this.elements.map((t) => t.pythonStr()).join(', ')}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    const that = other as TupleType;
    return (
      this.qualifiedName === that.qualifiedName &&
      sameNames(this.names, that.names) &&
      this.elements.length === that.elements.length &&
      this.elements.every((t, i) => t.equals(that.elements[i]))
    );
  }

  protected override isSubtypeOfSameShape(other: JitType): boolean {
    if (other.kind === 'AnyTupleType') return true;
    if (other.kind !== 'TupleType') return false;
    const that = other as TupleType;
    if (that.names !== undefined && !sameNames(this.names, that.names)) return false;
    return (
      this.elements.length === that.elements.length && this.elements.every((t, i) => t.isSubtypeOf(that.elements[i]))
    );
  }
}

function sameNames(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
