import { JitType } from './jit-type.js';

/** `Dict(K, V)` in schemas, `Dict[K, V]` in code. Invariant in both parameters. */
export class DictType extends JitType {
  readonly kind = 'DictType' as const;
  readonly keyType: JitType;
  readonly valueType: JitType;

  private constructor(keyType: JitType, valueType: JitType) {
    super();
    this.keyType = keyType;
    this.valueType = valueType;
  }

  static of(keyType: JitType, valueType: JitType): DictType {
    return new DictType(keyType, valueType);
  }

  override containedTypes(): readonly JitType[] {
    return [this.keyType, this.valueType];
  }

  annotationStr(): string {
    return `Dict(${this.keyType.annotationStr()}, ${this.valueType.annotationStr()})`;
  }

  pythonStr(): string {
    return `Dict[${this.keyType.pythonStr()}, ${this.valueType.pythonStr()}]`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    const that = other as DictType;
    return this.keyType.equals(that.keyType) && this.valueType.equals(that.valueType);
  }
}
