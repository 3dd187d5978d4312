import { JitType } from './jit-type.js';

/** `T[]` in schemas, `List[T]` in code. Invariant: List[int] is not a List[Scalar]. */
export class ListType extends JitType {
  readonly kind = 'ListType' as const;
  readonly elementType: JitType;

  private constructor(elementType: JitType) {
    super();
    this.elementType = elementType;
  }

  static of(elementType: JitType): ListType {
    return new ListType(elementType);
  }

  override containedTypes(): readonly JitType[] {
    return [this.elementType];
  }

  annotationStr(): string {
    return `${this.elementType.annotationStr()}[]`;
  }

  pythonStr(): string {
    return `List[${this.elementType.pythonStr()}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.elementType.equals((other as ListType).elementType);
  }

  /** Every list is a `list` (AnyListType). */
  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'AnyListType';
  }
}
