import { JitType } from './jit-type.js';

/** `Future(T)` in schemas, `Future[T]` in code: the result of `fork`. Covariant. */
export class FutureType extends JitType {
  readonly kind = 'FutureType' as const;
  readonly elementType: JitType;

  private constructor(elementType: JitType) {
    super();
    this.elementType = elementType;
  }

  static of(elementType: JitType): FutureType {
    return new FutureType(elementType);
  }

  override containedTypes(): readonly JitType[] {
    return [this.elementType];
  }

  annotationStr(): string {
    return `Future(${this.elementType.annotationStr()})`;
  }

  pythonStr(): string {
    return `Future[${this.elementType.pythonStr()}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.elementType.equals((other as FutureType).elementType);
  }

  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'FutureType' && this.elementType.isSubtypeOf((other as FutureType).elementType);
  }
}
