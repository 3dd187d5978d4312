import { JitType } from './jit-type.js';

/** `T?` in schemas, `Optional[T]` in code: T or None. Optional[Optional[T]] is Optional[T]. */
export class OptionalType extends JitType {
  readonly kind = 'OptionalType' as const;
  readonly elementType: JitType;

  private constructor(elementType: JitType) {
    super();
    this.elementType = elementType;
  }

  static of(elementType: JitType): OptionalType {
    return elementType.kind === 'OptionalType' ? (elementType as OptionalType) : new OptionalType(elementType);
  }

  override containedTypes(): readonly JitType[] {
    return [this.elementType];
  }

  annotationStr(): string {
    return `${this.elementType.annotationStr()}?`;
  }

  pythonStr(): string {
    return `Optional[${this.elementType.pythonStr()}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.elementType.equals((other as OptionalType).elementType);
  }
}
