import { JitType } from './jit-type.js';

/**
 * `Tensor`. For now the unrefined tensor type only; refinements (dtype, rank, sizes, device,
 * requires_grad) will be added as fields that default to "unknown", with `Tensor` remaining
 * the supertype of every refinement.
 */
export class TensorType extends JitType {
  readonly kind = 'TensorType' as const;
  static readonly #instance = new TensorType();

  static get(): TensorType {
    return TensorType.#instance;
  }

  private constructor() {
    super();
  }

  annotationStr(): string {
    return 'Tensor';
  }

  pythonStr(): string {
    return 'Tensor';
  }
}
