import { JitType, kindRank } from './jit-type.js';
import { OptionalType } from './optional-type.js';
import { NoneType, NumberType } from './simple-types.js';

/**
 * `Union(A, B)` in schemas, `Union[A, B]` in code. `UnionType.of` canonicalises the way
 * PyTorch does: nested unions and optionals are flattened, duplicates and members that another
 * member already covers are dropped, int + float + complex become Scalar, and members are
 * sorted by kind. A union of one type is that type, and a union of one type with None is
 * `Optional[T]`, so `of` returns a JitType, not always a UnionType.
 */
export class UnionType extends JitType {
  readonly kind = 'UnionType' as const;
  readonly types: readonly JitType[];

  private constructor(types: readonly JitType[]) {
    super();
    this.types = Object.freeze([...types]);
  }

  static of(types: readonly JitType[]): JitType {
    if (types.length === 0) throw new RangeError('a Union needs at least one type');
    const flat: JitType[] = [];
    const add = (t: JitType): void => {
      if (t.kind === 'UnionType') for (const member of (t as UnionType).types) add(member);
      else if (t.kind === 'OptionalType') {
        add((t as OptionalType).elementType);
        add(NoneType.get());
      } else if (!flat.some((u) => u.equals(t))) flat.push(t);
    };
    for (const t of types) add(t);

    const numbers = ['IntType', 'FloatType', 'ComplexType'];
    let members = flat;
    if (numbers.every((kind) => members.some((t) => t.kind === kind))) {
      members = [...members.filter((t) => !numbers.includes(t.kind)), NumberType.get()];
    }
    // Drop members that another (different) member already accepts: Union[int, Scalar] is Scalar.
    members = members.filter((t) => !members.some((u) => u !== t && !u.equals(t) && t.isSubtypeOf(u)));
    members.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareText(a.annotationStr(), b.annotationStr()));

    if (members.length === 1) return members[0];
    const none = members.findIndex((t) => t.kind === 'NoneType');
    if (members.length === 2 && none >= 0) return OptionalType.of(members[1 - none]);
    return new UnionType(members);
  }

  override containedTypes(): readonly JitType[] {
    return this.types;
  }

  /** Whether None is one of the members. */
  canHoldNone(): boolean {
    return this.types.some((t) => t.kind === 'NoneType');
  }

  annotationStr(): string {
    return `Union(${this.types.map((t) => t.annotationStr()).join(', ')})`;
  }

  pythonStr(): string {
    return `Union[${this.types.map((t) => t.pythonStr()).join(', ')}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    const that = other as UnionType;
    return this.types.length === that.types.length && this.types.every((t) => that.types.some((u) => u.equals(t)));
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
