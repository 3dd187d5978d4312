import { torchOps as T, type Tensor } from '@tsjit/tensor';

function checkP(p: number): void {
  if (p < 0 || p > 1) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
}

/** F.dropout: zeroes elements with probability p and scales the rest by 1/(1-p), drawing from the default generator as PyTorch does. */
export function dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  return inplace ? T.dropout_(input, p, training) : T.dropout(input, p, training);
}

/** F.dropout2d: zeroes whole channels (inputs (N, C, H, W), or (C, H, W) treated as unbatched). */
export function dropout2d(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  const ndim = input.dim();
  if (ndim !== 3 && ndim !== 4) {
    console.warn(
      `dropout2d: Received a ${ndim}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`,
    );
  }
  if (ndim === 3) {
    console.warn(
      'dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.',
    );
  }
  return inplace ? T.featureDropout_(input, p, training) : T.featureDropout(input, p, training);
}

export function alphaDropout(input: Tensor, p = 0.5, training = false, inplace = false): Tensor {
  checkP(p);
  return inplace ? T.alphaDropout_(input, p, training) : T.alphaDropout(input, p, training);
}

/** F.dropout1d: zeroes whole channels of (N, C, L) inputs, or (C, L) ones treated as unbatched. */
export function dropout1d(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  const ndim = input.dim();
  if (ndim !== 2 && ndim !== 3) {
    throw new Error(
      `dropout1d: Expected 2D or 3D input, but received a ${ndim}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  }
  const batched = ndim === 3;
  let x = batched ? input : inplace ? T.unsqueeze_(input, 0) : T.unsqueeze(input, 0);
  x = inplace ? T.featureDropout_(x, p, training) : T.featureDropout(x, p, training);
  if (!batched) x = inplace ? T.squeeze_(x, 0) : T.squeeze(x, 0);
  return x;
}
