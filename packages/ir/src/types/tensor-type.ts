import { JitType } from './jit-type.js';

/** PyTorch's ScalarType names, as refined tensor types print them (`Float(2, 3)`, `Long()`). */
export const SCALAR_TYPE_NAMES = [
  'Byte',
  'Char',
  'Short',
  'Int',
  'Long',
  'Half',
  'Float',
  'Double',
  'ComplexHalf',
  'ComplexFloat',
  'ComplexDouble',
  'Bool',
  'QInt8',
  'QUInt8',
  'QInt32',
  'BFloat16',
  'QUInt4x2',
  'QUInt2x4',
] as const;

export type ScalarTypeName = (typeof SCALAR_TYPE_NAMES)[number];

/** What a refined tensor type knows; every field left out is unknown. A null size or stride is an unknown dimension. */
export interface TensorRefinement {
  readonly scalarType?: ScalarTypeName;
  /** One entry per dimension; absent when the rank is unknown. */
  readonly sizes?: readonly (number | null)[];
  readonly strides?: readonly (number | null)[];
  readonly requiresGrad?: boolean;
  /** `cpu`, `cuda:0`, ... as PyTorch prints devices. */
  readonly device?: string;
}

/**
 * `Tensor`, optionally refined with what a trace or shape analysis knows: dtype, sizes, strides,
 * requires_grad and device (PyTorch's TensorType). `TensorType.get()` knows nothing and is the
 * supertype of every refinement; the schema and code spellings stay `Tensor`, only the IR
 * printer shows the refinement (`irTypeString`).
 */
export class TensorType extends JitType {
  readonly kind = 'TensorType' as const;
  static readonly #instance = new TensorType({});
  readonly scalarType: ScalarTypeName | undefined;
  readonly sizes: readonly (number | null)[] | undefined;
  readonly strides: readonly (number | null)[] | undefined;
  readonly requiresGrad: boolean | undefined;
  readonly device: string | undefined;

  static get(): TensorType {
    return TensorType.#instance;
  }

  /** A refined tensor type; with nothing known it is `TensorType.get()`. */
  static create(refinement: TensorRefinement): TensorType {
    const type = new TensorType(refinement);
    return type.isUnrefined() ? TensorType.#instance : type;
  }

  private constructor(refinement: TensorRefinement) {
    super();
    if (refinement.scalarType !== undefined && !SCALAR_TYPE_NAMES.includes(refinement.scalarType)) {
      throw new RangeError(`unknown scalar type '${refinement.scalarType}'`);
    }
    if (refinement.strides && refinement.sizes?.length !== refinement.strides.length) {
      throw new RangeError('a tensor type needs one stride per dimension, and strides need a known rank');
    }
    this.scalarType = refinement.scalarType;
    this.sizes = refinement.sizes ? Object.freeze([...refinement.sizes]) : undefined;
    this.strides = refinement.strides ? Object.freeze([...refinement.strides]) : undefined;
    this.requiresGrad = refinement.requiresGrad;
    this.device = refinement.device;
  }

  /** Whether nothing beyond "a tensor" is known. */
  isUnrefined(): boolean {
    return (
      this.scalarType === undefined &&
      this.sizes === undefined &&
      this.strides === undefined &&
      this.requiresGrad === undefined &&
      this.device === undefined
    );
  }

  /** The rank, or undefined when unknown. */
  dim(): number | undefined {
    return this.sizes?.length;
  }

  /** Whether dtype, device and every size and stride are known (PyTorch's `isComplete`). */
  isComplete(): boolean {
    return (
      this.scalarType !== undefined &&
      this.device !== undefined &&
      this.sizes !== undefined &&
      this.strides !== undefined &&
      this.sizes.every((s) => s !== null) &&
      this.strides.every((s) => s !== null)
    );
  }

  annotationStr(): string {
    return 'Tensor';
  }

  pythonStr(): string {
    return 'Tensor';
  }

  /**
   * The refined form PyTorch's IR printer writes: `Float(2, 3, strides=[3, 1], requires_grad=0,
   * device=cpu)`, `Long()`, `Tensor(*, 3)`, and with an unknown rank `FloatTensor(device=cpu)`.
   */
  refinedStr(): string {
    const items: string[] = [];
    let name = this.scalarType ?? 'Tensor';
    if (this.sizes) {
      items.push(...this.sizes.map((s) => (s === null ? '*' : String(s))));
      // PyTorch shows strides only when all of them are known, and never for rank 0.
      if (this.strides && this.strides.length > 0 && this.strides.every((s) => s !== null)) {
        items.push(`strides=[${this.strides.join(', ')}]`);
      }
    } else if (this.scalarType !== undefined) {
      name = `${this.scalarType}Tensor`;
    }
    if (this.requiresGrad !== undefined) items.push(`requires_grad=${this.requiresGrad ? 1 : 0}`);
    if (this.device !== undefined) items.push(`device=${this.device}`);
    if (this.sizes === undefined && items.length === 0) return name;
    return `${name}(${items.join(', ')})`;
  }

  protected override equalsSameKind(other: JitType): boolean {
    const that = other as TensorType;
    return (
      this.scalarType === that.scalarType &&
      this.requiresGrad === that.requiresGrad &&
      this.device === that.device &&
      sameDims(this.sizes, that.sizes) &&
      sameDims(this.strides, that.strides)
    );
  }

  /**
   * PyTorch: T <: U for tensor types when merging T into U gives U back, i.e. every property U
   * knows is known by T with the same value; so every refinement <: Tensor.
   */
  protected override isSubtypeOfSameShape(other: JitType): boolean {
    if (other.kind !== 'TensorType') return false;
    const that = other as TensorType;
    const agrees = <T>(mine: T | undefined, theirs: T | undefined): boolean => theirs === undefined || mine === theirs;
    return (
      agrees(this.scalarType, that.scalarType) &&
      agrees(this.requiresGrad, that.requiresGrad) &&
      agrees(this.device, that.device) &&
      dimsRefine(this.sizes, that.sizes) &&
      dimsRefine(this.strides, that.strides)
    );
  }
}

function sameDims(a: readonly (number | null)[] | undefined, b: readonly (number | null)[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Whether dims `a` are at least as known as `b` and agree with it wherever `b` knows a dim. */
function dimsRefine(a: readonly (number | null)[] | undefined, b: readonly (number | null)[] | undefined): boolean {
  if (b === undefined) return true;
  if (a === undefined || a.length !== b.length) return false;
  return b.every((d, i) => d === null || d === a[i]);
}
