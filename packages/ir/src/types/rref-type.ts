import { JitType } from './jit-type.js';

/** `RRef(T)` in schemas, `RRef[T]` in code: a remote reference (distributed RPC). Covariant. */
export class RRefType extends JitType {
  readonly kind = 'RRefType' as const;
  readonly elementType: JitType;

  private constructor(elementType: JitType) {
    super();
    this.elementType = elementType;
  }

  static of(elementType: JitType): RRefType {
    return new RRefType(elementType);
  }

  override containedTypes(): readonly JitType[] {
    return [this.elementType];
  }

  annotationStr(): string {
    return `RRef(${this.elementType.annotationStr()})`;
  }

  pythonStr(): string {
    return `RRef[${this.elementType.pythonStr()}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.elementType.equals((other as RRefType).elementType);
  }

  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'RRefType' && this.elementType.isSubtypeOf((other as RRefType).elementType);
  }
}
