import { JitType, type TypeKind } from './jit-type.js';

/**
 * The types that have no parameters: one instance each (`IntType.get()`), equal by kind.
 * `annotationStr()` is the schema spelling, `pythonStr()` the spelling in TorchScript code.
 */
abstract class SimpleType extends JitType {
  readonly kind: TypeKind;
  readonly #schemaName: string;
  readonly #pythonName: string;

  protected constructor(kind: TypeKind, schemaName: string, pythonName: string = schemaName) {
    super();
    this.kind = kind;
    this.#schemaName = schemaName;
    this.#pythonName = pythonName;
  }

  annotationStr(): string {
    return this.#schemaName;
  }

  pythonStr(): string {
    return this.#pythonName;
  }
}

/** `int`: a 64-bit signed integer. int <: Scalar. */
export class IntType extends SimpleType {
  static readonly #instance = new IntType();
  static get(): IntType {
    return IntType.#instance;
  }
  private constructor() {
    super('IntType', 'int');
  }
  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'NumberType';
  }
}

/** `float`: a double. float <: Scalar. */
export class FloatType extends SimpleType {
  static readonly #instance = new FloatType();
  static get(): FloatType {
    return FloatType.#instance;
  }
  private constructor() {
    super('FloatType', 'float');
  }
  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'NumberType';
  }
}

/** `complex`: a complex double. complex <: Scalar. */
export class ComplexType extends SimpleType {
  static readonly #instance = new ComplexType();
  static get(): ComplexType {
    return ComplexType.#instance;
  }
  private constructor() {
    super('ComplexType', 'complex');
  }
  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'NumberType';
  }
}

/** `bool`. Not a subtype of int or Scalar (as in PyTorch). */
export class BoolType extends SimpleType {
  static readonly #instance = new BoolType();
  static get(): BoolType {
    return BoolType.#instance;
  }
  private constructor() {
    super('BoolType', 'bool');
  }
}

/** `str`. The schema type `Dimname` is read as str, as PyTorch does. */
export class StringType extends SimpleType {
  static readonly #instance = new StringType();
  static get(): StringType {
    return StringType.#instance;
  }
  private constructor() {
    super('StringType', 'str');
  }
}

/** `NoneType`, the type of `None` (the schema language also accepts `None` for it). */
export class NoneType extends SimpleType {
  static readonly #instance = new NoneType();
  static get(): NoneType {
    return NoneType.#instance;
  }
  private constructor() {
    super('NoneType', 'NoneType');
  }
}

/** `Scalar` in schemas, `number` in code: int, float or complex. */
export class NumberType extends SimpleType {
  static readonly #instance = new NumberType();
  static get(): NumberType {
    return NumberType.#instance;
  }
  private constructor() {
    super('NumberType', 'Scalar', 'number');
  }
}

/** `Any`: every type is a subtype of Any. */
export class AnyType extends SimpleType {
  static readonly #instance = new AnyType();
  static get(): AnyType {
    return AnyType.#instance;
  }
  private constructor() {
    super('AnyType', 'Any');
  }
}

/** `Device`. */
export class DeviceObjType extends SimpleType {
  static readonly #instance = new DeviceObjType();
  static get(): DeviceObjType {
    return DeviceObjType.#instance;
  }
  private constructor() {
    super('DeviceObjType', 'Device');
  }
}

/** `Stream`. */
export class StreamObjType extends SimpleType {
  static readonly #instance = new StreamObjType();
  static get(): StreamObjType {
    return StreamObjType.#instance;
  }
  private constructor() {
    super('StreamObjType', 'Stream');
  }
}

/** `Generator`. */
export class GeneratorType extends SimpleType {
  static readonly #instance = new GeneratorType();
  static get(): GeneratorType {
    return GeneratorType.#instance;
  }
  private constructor() {
    super('GeneratorType', 'Generator');
  }
}

/** `Storage`. */
export class StorageType extends SimpleType {
  static readonly #instance = new StorageType();
  static get(): StorageType {
    return StorageType.#instance;
  }
  private constructor() {
    super('StorageType', 'Storage');
  }
}

/**
 * `ScalarType` (a dtype). Schemas write it; typing treats such arguments as int, since dtypes
 * are ints in TorchScript (`Argument.type` is int, `Argument.realType` is ScalarType).
 */
export class ScalarTypeType extends SimpleType {
  static readonly #instance = new ScalarTypeType();
  static get(): ScalarTypeType {
    return ScalarTypeType.#instance;
  }
  private constructor() {
    super('ScalarTypeType', 'ScalarType');
  }
}

/** `Layout`; typed as int, like ScalarType. */
export class LayoutType extends SimpleType {
  static readonly #instance = new LayoutType();
  static get(): LayoutType {
    return LayoutType.#instance;
  }
  private constructor() {
    super('LayoutType', 'Layout');
  }
}

/** `MemoryFormat`; typed as int, like ScalarType. */
export class MemoryFormatType extends SimpleType {
  static readonly #instance = new MemoryFormatType();
  static get(): MemoryFormatType {
    return MemoryFormatType.#instance;
  }
  private constructor() {
    super('MemoryFormatType', 'MemoryFormat');
  }
}

/** `SymInt` (a symbolic int); typed as int, printed as written. */
export class SymIntType extends SimpleType {
  static readonly #instance = new SymIntType();
  static get(): SymIntType {
    return SymIntType.#instance;
  }
  private constructor() {
    super('SymIntType', 'SymInt');
  }
}

/** `QScheme` (a quantization scheme). */
export class QSchemeType extends SimpleType {
  static readonly #instance = new QSchemeType();
  static get(): QSchemeType {
    return QSchemeType.#instance;
  }
  private constructor() {
    super('QSchemeType', 'QScheme');
  }
}

/** `Quantizer`. */
export class QuantizerType extends SimpleType {
  static readonly #instance = new QuantizerType();
  static get(): QuantizerType {
    return QuantizerType.#instance;
  }
  private constructor() {
    super('QuantizerType', 'Quantizer');
  }
}

/** `Capsule`: an opaque native object. */
export class CapsuleType extends SimpleType {
  static readonly #instance = new CapsuleType();
  static get(): CapsuleType {
    return CapsuleType.#instance;
  }
  private constructor() {
    super('CapsuleType', 'Capsule');
  }
}

/** `AnyClassType`: every class type is a subtype of it. */
export class AnyClassType extends SimpleType {
  static readonly #instance = new AnyClassType();
  static get(): AnyClassType {
    return AnyClassType.#instance;
  }
  private constructor() {
    super('AnyClassType', 'AnyClassType');
  }
}

/** `list` (PyTorch's AnyListType): every list type is a subtype of it; `isinstance(x, list)` checks for it. */
export class AnyListType extends SimpleType {
  static readonly #instance = new AnyListType();
  static get(): AnyListType {
    return AnyListType.#instance;
  }
  private constructor() {
    super('AnyListType', 'list');
  }
}

/** `tuple` (PyTorch's AnyTupleType): every tuple type is a subtype of it. */
export class AnyTupleType extends SimpleType {
  static readonly #instance = new AnyTupleType();
  static get(): AnyTupleType {
    return AnyTupleType.#instance;
  }
  private constructor() {
    super('AnyTupleType', 'tuple');
  }
}

/** `AnyEnumType`: every enum type is a subtype of it. */
export class AnyEnumType extends SimpleType {
  static readonly #instance = new AnyEnumType();
  static get(): AnyEnumType {
    return AnyEnumType.#instance;
  }
  private constructor() {
    super('AnyEnumType', 'AnyEnumType');
  }
}
