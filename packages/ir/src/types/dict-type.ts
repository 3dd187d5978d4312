import { JitType } from './jit-type.js';

const KEY_KINDS: ReadonlySet<string> = new Set([
  'AnyType',
  'IntType',
  'BoolType',
  'FloatType',
  'ComplexType',
  'StringType',
  'TensorType',
  'DeviceObjType',
]);

/**
 * `Dict(K, V)` in schemas, `Dict[K, V]` in code. Invariant in both parameters. Keys are int,
 * float, complex, bool, str, Tensor, Device or Any, as in PyTorch.
 */
export class DictType extends JitType {
  readonly kind = 'DictType' as const;
  readonly keyType: JitType;
  readonly valueType: JitType;

  private constructor(keyType: JitType, valueType: JitType) {
    super();
    this.keyType = keyType;
    this.valueType = valueType;
  }

  /** Throws a RangeError for a key type PyTorch does not allow (check with `isValidKeyType`). */
  static of(keyType: JitType, valueType: JitType): DictType {
    if (!DictType.isValidKeyType(keyType)) {
      throw new RangeError(
        `cannot create a Dict with key type '${keyType.annotationStr()}': keys must be int, float, complex, bool, str, Tensor or Device`,
      );
    }
    return new DictType(keyType, valueType);
  }

  static isValidKeyType(keyType: JitType): boolean {
    return KEY_KINDS.has(keyType.kind);
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
