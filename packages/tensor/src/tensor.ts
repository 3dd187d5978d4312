import { type DType, itemSize } from '@tsjit/kernels';
import { helpers, type Quantizer, type TensorLike } from '@tsjit/ops';
import { autogradEngine, type BackwardOptions, type RemovableHandle, type TensorHook } from './autograd-slot.js';
import { Storage } from './storage.js';
import { installTensorMethods } from './tensor-methods.js';

const { contiguousStrides, numel: sizesNumel } = helpers;

// Op methods are added on first construction: the op registry is only complete once every module
// of this package has been evaluated, which is not yet the case while tensor.ts itself evaluates.
let methodsInstalled = false;

/**
 * The eager tensor: a strided view (sizes, strides and offset in elements) of a Storage, with a
 * dtype. Views share their base's storage (and so its version counter). Op methods (`add`,
 * `softmax`, ...) come from @tsjit/ops through the dispatcher; see tensor-methods.ts.
 */
export class Tensor implements TensorLike {
  storage: Storage;
  readonly dtype: DType;
  sizes: readonly number[];
  strides: readonly number[];
  offset: number;
  /** Autograd state, owned by @tsjit/autodiff. */
  requiresGrad = false;
  grad: Tensor | null = null;
  gradFn: unknown = null;
  /** The tensor this one is a view of (null for a tensor that owns its storage). */
  base: Tensor | null = null;
  /**
   * Set on quantized tensors only (qint8 / quint8 / qint32 over int8 / uint8 / int32 storage; see
   * @tsjit/ops quantized/quantizer.ts): the quantized ops and rebuildQuantizedTensor set it, and
   * PyTorch's dtype of the tensor is `quantizedDtypeOf(t)`. Views made by other ops do not carry it.
   */
  quantizer: Quantizer | null = null;

  constructor(storage: Storage, dtype: DType, sizes: readonly number[], strides: readonly number[], offset: number) {
    if (!methodsInstalled) {
      methodsInstalled = true;
      installTensorMethods(Tensor);
    }
    this.storage = storage;
    this.dtype = dtype;
    this.sizes = sizes;
    this.strides = strides;
    this.offset = offset;
  }

  /** A new contiguous tensor of zeros (unspecified contents with `uninitialized`: see Storage.allocate). */
  static empty(sizes: readonly number[], dtype: DType, shared = false, uninitialized = false): Tensor {
    helpers.checkNewSizes(sizes);
    const n = sizesNumel(sizes);
    const storage = Storage.allocate(n * itemSize[dtype], shared, uninitialized);
    return new Tensor(storage, dtype, sizes, contiguousStrides(sizes), 0);
  }

  /** The storage's bytes (what the kernels read). */
  get data(): Uint8Array {
    return this.storage.bytes;
  }

  /** A view of this tensor's storage with other geometry. */
  makeView(sizes: readonly number[], strides: readonly number[], offset: number): Tensor {
    const v = new Tensor(this.storage, this.dtype, sizes, strides, offset);
    v.base = this.base ?? this;
    return v;
  }

  /** out= resizing: new contiguous geometry on a fresh storage. */
  resizeStorage(sizes: readonly number[]): void {
    const fresh = Tensor.empty(sizes, this.dtype);
    this.storage = fresh.storage;
    this.sizes = fresh.sizes;
    this.strides = fresh.strides;
    this.offset = 0;
  }

  get shape(): readonly number[] {
    return this.sizes;
  }

  get ndim(): number {
    return this.sizes.length;
  }

  /** The storage version (bumped by every in-place op on this tensor or a view of it). */
  get version(): number {
    return this.storage.version;
  }

  dim(): number {
    return this.sizes.length;
  }

  numel(): number {
    return sizesNumel(this.sizes);
  }

  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    if (dim === undefined) return this.sizes;
    return this.sizes[helpers.normalizeDim(dim, this.sizes.length)];
  }

  stride(): readonly number[];
  stride(dim: number): number;
  stride(dim?: number): number | readonly number[] {
    if (dim === undefined) return this.strides;
    return this.strides[helpers.normalizeDim(dim, this.sizes.length)];
  }

  storageOffset(): number {
    return this.offset;
  }

  isContiguous(): boolean {
    return helpers.isContiguous(this);
  }

  isFloatingPoint(): boolean {
    return (
      this.dtype === 'float32' || this.dtype === 'float64' || this.dtype === 'float16' || this.dtype === 'bfloat16'
    );
  }

  elementSize(): number {
    return itemSize[this.dtype];
  }

  // Autograd: these delegate to the engine @tsjit/autodiff registers (see autograd-slot.ts).

  /** Sets requiresGrad in place (only a leaf's can be switched off); returns this. */
  requiresGrad_(requiresGrad = true): this {
    autogradEngine().setRequiresGrad(this, requiresGrad);
    return this;
  }

  /** A tensor is a leaf when no recorded op produced it (every tensor that does not require grad is one). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Computes the gradient of this tensor w.r.t. the graph leaves, accumulating into their `.grad`. */
  backward(gradient?: Tensor | null, options: BackwardOptions = {}): void {
    autogradEngine().backward(this, gradient, options);
  }

  /** Makes a non-leaf tensor keep its `.grad` during backward. */
  retainGrad(): void {
    autogradEngine().retainGrad(this);
  }

  get retainsGrad(): boolean {
    return autogradEngine().retainsGrad(this);
  }

  /** Registers a hook called with this tensor's gradient; it may return a replacement. */
  registerHook(hook: TensorHook): RemovableHandle {
    return autogradEngine().registerHook(this, hook);
  }
}
