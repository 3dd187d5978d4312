import { Tensor } from '@tsjit/tensor';

/**
 * PyTorch 1.13's `torch.nn.utils.clip_grad_value_`: clamps every gradient of `parameters` in place to
 * `[-clipValue, clipValue]`; parameters without a gradient are skipped.
 */
export function clipGradValue(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  const params = parameters instanceof Tensor ? [parameters] : [...parameters];
  for (const p of params) p.grad?.detach().clamp_(-clipValue, clipValue);
}
