import { Tensor } from '@tsjit/tensor';

/**
 * torch.nn.Parameter: a Tensor that a Module registers as a parameter when it is assigned to one of
 * its properties. It shares the storage (and so the version counter) of the tensor it was made
 * from, as `nn.Parameter(t)` does, and requires grad unless told otherwise.
 */
export class Parameter extends Tensor {
  constructor(data?: Tensor, requiresGrad = true) {
    const t = data ?? Tensor.empty([0], 'float32');
    super(t.storage, t.dtype, t.sizes, t.strides, t.offset);
    this.requiresGrad = requiresGrad;
  }

  /** PyTorch's repr: `Parameter containing:` above the tensor's. */
  override toString(): string {
    return `Parameter containing:\n${Tensor.prototype.toString.call(this)}`;
  }
}

// console.log and the REPL show the repr (tensor-methods.ts installs the same key on Tensor).
(Parameter.prototype as unknown as Record<string | symbol, unknown>)[Symbol.for('nodejs.util.inspect.custom')] =
  Parameter.prototype.toString;
