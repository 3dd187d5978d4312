import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';

/** The keyword arguments of F.multi_head_attention_forward (camelCase). */
export interface MultiHeadAttentionOptions {
  training?: boolean;
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  useSeparateProjWeight?: boolean;
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  staticK?: Tensor | null;
  staticV?: Tensor | null;
  averageAttnWeights?: boolean;
}

function assert(condition: boolean, message: string): asserts condition {
  // PyTorch raises AssertionError here; tsjit's nearest typed error is a RuntimeError OpError.
  if (!condition) throw new OpError(message);
}

function sizesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

const pySize = (sizes: readonly number[]): string => `torch.Size([${sizes.join(', ')}])`;
const pyTuple = (sizes: readonly number[]): string => `(${sizes.join(', ')}${sizes.length === 1 ? ',' : ''})`;

// Batched (3-d query) or unbatched (2-d) input, with every other argument's rank checked against it.
function mhaShapeCheck(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  keyPaddingMask: Tensor | null,
  attnMask: Tensor | null,
  numHeads: number,
): boolean {
  if (query.dim() === 3) {
    assert(
      key.dim() === 3 && value.dim() === 3,
      `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`,
    );
    if (keyPaddingMask !== null) {
      assert(
        keyPaddingMask.dim() === 2,
        `For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${keyPaddingMask.dim()}-D tensor instead`,
      );
    }
    if (attnMask !== null) {
      assert(
        attnMask.dim() === 2 || attnMask.dim() === 3,
        `For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.dim()}-D tensor instead`,
      );
    }
    return true;
  }
  if (query.dim() === 2) {
    assert(
      key.dim() === 2 && value.dim() === 2,
      `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`,
    );
    if (keyPaddingMask !== null) {
      assert(
        keyPaddingMask.dim() === 1,
        `For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${keyPaddingMask.dim()}-D tensor instead`,
      );
    }
    if (attnMask !== null) {
      assert(
        attnMask.dim() === 2 || attnMask.dim() === 3,
        `For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.dim()}-D tensor instead`,
      );
      if (attnMask.dim() === 3) {
        const expected = [numHeads, query.size(0), key.size(0)];
        assert(
          sizesEqual(attnMask.sizes, expected),
          `Expected \`attn_mask\` shape to be ${pyTuple(expected)} but got ${pySize(attnMask.sizes)}`,
        );
      }
    }
    return false;
  }
  throw new OpError(`query should be unbatched 2D or batched 3D tensor but received ${query.dim()}-D query tensor`);
}

// Bool (or deprecated uint8) and float masks of shape (L, S) or (N * num_heads, L, S), made 3-d.
function checkAttnMask(mask: Tensor, tgtLen: number, srcLen: number, batchHeads: number): Tensor {
  if (mask.dtype === 'uint8') {
    mask = T.to(mask, 'bool');
  } else if (!mask.isFloatingPoint() && mask.dtype !== 'bool') {
    throw new OpError(`Only float, byte, and bool types are supported for attn_mask, not torch.${mask.dtype}`);
  }
  if (mask.dim() === 2) {
    const expected = [tgtLen, srcLen];
    if (!sizesEqual(mask.sizes, expected)) {
      throw new OpError(`The shape of the 2D attn_mask is ${pySize(mask.sizes)}, but should be ${pyTuple(expected)}.`);
    }
    return T.unsqueeze(mask, 0);
  }
  if (mask.dim() === 3) {
    const expected = [batchHeads, tgtLen, srcLen];
    if (!sizesEqual(mask.sizes, expected)) {
      throw new OpError(`The shape of the 3D attn_mask is ${pySize(mask.sizes)}, but should be ${pyTuple(expected)}.`);
    }
    return mask;
  }
  throw new OpError(`attn_mask's dimension ${mask.dim()} is not supported`);
}

function inProjectionPacked(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | null): Tensor[] {
  if (k === v && q === k) {
    // Self-attention: one matmul for the three projections, as PyTorch does.
    return [...T.chunk(T.linear(q, w, b), 3, -1)];
  }
  const ws = T.chunk(w, 3);
  const bs = b === null ? [null, null, null] : T.chunk(b, 3);
  return [T.linear(q, ws[0], bs[0]), T.linear(k, ws[1], bs[1]), T.linear(v, ws[2], bs[2])];
}

/**
 * F.multi_head_attention_forward (PyTorch 1.13's general path): sequence-first inputs
 * `(L, N, E)` or unbatched `(L, E)`; returns the attention output and, with `needWeights`, the
 * attention weights (averaged over heads with `averageAttnWeights`), else null.
 */
export function multiHeadAttentionForward(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  embedDimToCheck: number,
  numHeads: number,
  inProjWeight: Tensor | null,
  inProjBias: Tensor | null,
  biasK: Tensor | null,
  biasV: Tensor | null,
  addZeroAttn: boolean,
  dropoutP: number,
  outProjWeight: Tensor,
  outProjBias: Tensor | null,
  options: MultiHeadAttentionOptions = {},
): [Tensor, Tensor | null] {
  const training = options.training ?? true;
  let keyPaddingMask = options.keyPaddingMask ?? null;
  let attnMask = options.attnMask ?? null;
  const needWeights = options.needWeights ?? true;
  const useSeparate = options.useSeparateProjWeight ?? false;
  const staticK = options.staticK ?? null;
  const staticV = options.staticV ?? null;
  const averageAttnWeights = options.averageAttnWeights ?? true;

  const isBatched = mhaShapeCheck(query, key, value, keyPaddingMask, attnMask, numHeads);
  if (!isBatched) {
    query = T.unsqueeze(query, 1);
    key = T.unsqueeze(key, 1);
    value = T.unsqueeze(value, 1);
    if (keyPaddingMask !== null) keyPaddingMask = T.unsqueeze(keyPaddingMask, 0);
  }
  const [tgtLen, bsz, embedDim] = query.sizes;
  let srcLen = key.size(0);
  if (keyPaddingMask !== null && keyPaddingMask.dtype !== 'bool' && !keyPaddingMask.isFloatingPoint()) {
    throw new OpError('only bool and floating types of key_padding_mask are supported');
  }
  assert(embedDim === embedDimToCheck, `was expecting embedding dimension of ${embedDimToCheck}, but got ${embedDim}`);
  const headDim = Math.floor(embedDim / numHeads);
  assert(headDim * numHeads === embedDim, `embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
  if (useSeparate) {
    assert(
      sizesEqual(key.sizes.slice(0, 2), value.sizes.slice(0, 2)),
      `key's sequence and batch dims ${pySize(key.sizes.slice(0, 2))} do not match value's ${pySize(value.sizes.slice(0, 2))}`,
    );
  } else {
    assert(
      sizesEqual(key.sizes, value.sizes),
      `key shape ${pySize(key.sizes)} does not match value shape ${pySize(value.sizes)}`,
    );
  }

  let q: Tensor;
  let k: Tensor;
  let v: Tensor;
  if (!useSeparate) {
    assert(inProjWeight !== null, 'use_separate_proj_weight is False but in_proj_weight is None');
    [q, k, v] = inProjectionPacked(query, key, value, inProjWeight, inProjBias);
  } else {
    const { qProjWeight = null, kProjWeight = null, vProjWeight = null } = options;
    assert(qProjWeight !== null, 'use_separate_proj_weight is True but q_proj_weight is None');
    assert(kProjWeight !== null, 'use_separate_proj_weight is True but k_proj_weight is None');
    assert(vProjWeight !== null, 'use_separate_proj_weight is True but v_proj_weight is None');
    const bs = inProjBias === null ? [null, null, null] : T.chunk(inProjBias, 3);
    q = T.linear(query, qProjWeight, bs[0]);
    k = T.linear(key, kProjWeight, bs[1]);
    v = T.linear(value, vProjWeight, bs[2]);
  }

  if (attnMask !== null) attnMask = checkAttnMask(attnMask, tgtLen, srcLen, bsz * numHeads);

  if (biasK !== null && biasV !== null) {
    assert(staticK === null, 'bias cannot be added to static key.');
    assert(staticV === null, 'bias cannot be added to static value.');
    // Expanded to the batch of k and v (shapes from tensors, so that a trace follows the batch size).
    k = T.cat([k, T.expandAs(biasK, T.narrow(k, 0, 0, 1))]);
    v = T.cat([v, T.expandAs(biasV, T.narrow(v, 0, 0, 1))]);
    if (attnMask !== null) attnMask = T.pad(attnMask, [0, 1]);
    if (keyPaddingMask !== null) keyPaddingMask = T.pad(keyPaddingMask, [0, 1]);
  } else {
    assert(biasK === null && biasV === null, 'bias_k and bias_v must both be set or both be None');
  }

  // (L, N, E) -> (N * heads, L, head_dim) without naming L or N: a trace records the input's sizes,
  // as PyTorch's traced `q.view(tgt_len, bsz * num_heads, head_dim)` (sizes read by aten::size).
  const heads = (t: Tensor): Tensor =>
    T.transpose(T.flatten(T.unflatten(T.contiguous(t), -1, [numHeads, headDim]), 1, 2), 0, 1);
  q = heads(q);
  if (staticK === null) {
    k = heads(k);
  } else {
    assert(
      staticK.size(0) === bsz * numHeads,
      `expecting static_k.size(0) of ${bsz * numHeads}, but got ${staticK.size(0)}`,
    );
    assert(staticK.size(2) === headDim, `expecting static_k.size(2) of ${headDim}, but got ${staticK.size(2)}`);
    k = staticK;
  }
  if (staticV === null) {
    v = heads(v);
  } else {
    assert(
      staticV.size(0) === bsz * numHeads,
      `expecting static_v.size(0) of ${bsz * numHeads}, but got ${staticV.size(0)}`,
    );
    assert(staticV.size(2) === headDim, `expecting static_v.size(2) of ${headDim}, but got ${staticV.size(2)}`);
    v = staticV;
  }

  if (addZeroAttn) {
    k = T.cat([k, T.zerosLike(T.narrow(k, 1, 0, 1))], 1);
    v = T.cat([v, T.zerosLike(T.narrow(v, 1, 0, 1))], 1);
    if (attnMask !== null) attnMask = T.pad(attnMask, [0, 1]);
    if (keyPaddingMask !== null) keyPaddingMask = T.pad(keyPaddingMask, [0, 1]);
  }
  srcLen = k.size(1);

  if (keyPaddingMask !== null) {
    assert(
      sizesEqual(keyPaddingMask.sizes, [bsz, srcLen]),
      `expecting key_padding_mask shape of ${pyTuple([bsz, srcLen])}, but got ${pySize(keyPaddingMask.sizes)}`,
    );
    const perHead = T.expand(T.unsqueeze(T.unsqueeze(keyPaddingMask, 1), 1), [-1, numHeads, -1, -1]);
    keyPaddingMask = T.flatten(perHead, 0, 1);
    if (attnMask === null) attnMask = keyPaddingMask;
    else if (attnMask.dtype === 'bool') attnMask = T.logicalOr(attnMask, keyPaddingMask);
    else attnMask = T.maskedFill(attnMask, keyPaddingMask, Number.NEGATIVE_INFINITY);
  }
  if (attnMask !== null && attnMask.dtype === 'bool') {
    attnMask = T.maskedFill(T.zerosLike(attnMask, { dtype: q.dtype }), attnMask, Number.NEGATIVE_INFINITY);
  }
  const p = training ? dropoutP : 0.0;

  const qScaled = T.div(q, Math.sqrt(q.size(2)));
  const kT = T.transpose(k, -2, -1);
  let weights = attnMask !== null ? T.baddbmm(attnMask, qScaled, kT) : T.bmm(qScaled, kT);
  weights = T.softmax(weights, -1);
  if (p > 0.0) weights = T.dropout(weights, p, true);

  let output = T.bmm(weights, v);
  output = T.view(T.contiguous(T.transpose(output, 0, 1)), [-1, embedDim]);
  output = T.linear(output, outProjWeight, outProjBias);
  // out_proj maps embed_dim to embed_dim: the output has the query's shape (L, N, E).
  output = T.viewAs(output, query);

  if (!needWeights) return [isBatched ? output : T.squeeze(output, 1), null];
  weights = T.unflatten(weights, 0, [-1, numHeads]);
  if (averageAttnWeights) weights = T.div(T.sum(weights, [1]), numHeads);
  if (!isBatched) return [T.squeeze(output, 1), T.squeeze(weights, 0)];
  return [output, weights];
}
