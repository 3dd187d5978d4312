import { OpError } from '@tsjit/ops';
import { torchOps as T, Tensor } from '@tsjit/tensor';
import { tensorData } from '../module/index.js';

/** torch.nn.utils.parameters_to_vector: the parameters flattened and concatenated into one tensor. */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  return T.cat(
    [...parameters].map((p) => T.view(p, [-1])),
    0,
  );
}

/**
 * torch.nn.utils.vector_to_parameters: consecutive slices of `vec` become the parameters' values.
 * PyTorch rebinds each `param.data` to a view of `vec`; tsjit copies the values into the
 * parameters' own storage (same values; later writes to `vec` are not seen by the parameters).
 */
export function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) {
    throw new OpError(`expected torch.Tensor, but got: ${typeof vec}`, 'TypeError');
  }
  let pointer = 0;
  for (const param of parameters) {
    const n = param.numel();
    tensorData(param).copy_(T.view(T.narrow(vec, 0, pointer, n), [...param.sizes]));
    pointer += n;
  }
}
