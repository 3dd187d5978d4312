import { Tensor } from '@tsjit/tensor';

/**
 * PyTorch's `t.data`: an alias of t's storage and geometry that autograd knows nothing about (no
 * `base`, does not require grad). Initializers and loadStateDict write parameters through it, as
 * PyTorch writes them under `torch.no_grad()`, so that no tape entry or leaf check sees the write.
 */
export function tensorData(t: Tensor): Tensor {
  return new Tensor(t.storage, t.dtype, t.sizes, t.strides, t.offset);
}
