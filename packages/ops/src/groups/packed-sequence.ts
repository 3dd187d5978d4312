import { writeElements } from '../core/elements.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { batchSizesOf } from './rnn.js';

// The packed-sequence ops (PyTorch's ATen/native/PackedSequence.cpp semantics): a padded batch
// [T, B, *] holds at step t the first batch_sizes[t] sequences; packing keeps those rows in order.

/** PyTorch's checkLongTensor, for `lengths` (and `batch_sizes`, under the same name). */
export function checkLengths(t: TensorLike): void {
  if (t.sizes.length !== 1 || t.dtype !== 'int64') {
    const name =
      (
        {
          int32: 'Int',
          int64: 'Long',
          float32: 'Float',
          float64: 'Double',
          int16: 'Short',
          int8: 'Char',
          uint8: 'Byte',
          bool: 'Bool',
        } as Record<string, string>
      )[t.dtype] ?? t.dtype;
    throw new OpError(
      `'lengths' argument should be a 1D CPU int64 tensor, but got ${t.sizes.length}D cpu ${name} tensor`,
    );
  }
}

/** batch_sizes from lengths sorted in decreasing order (checked as PyTorch checks them). */
export function batchSizesFromLengths(lengths: readonly number[], steps: number): number[] {
  const batch = lengths.length;
  if (!(lengths[batch - 1] > 0)) {
    throw new OpError("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  }
  for (let i = 0; i < batch - 1; i++) {
    if (lengths[batch - 1 - i] > lengths[batch - 2 - i]) {
      throw new OpError(
        '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass ' +
          '`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement ' +
          'if you do not need ONNX exportability.',
      );
    }
  }
  // PyTorch reads past the input when a length exceeds it; tsjit refuses instead.
  if (lengths[0] > steps) {
    throw new OpError(`Expected all lengths to be at most the padded length ${steps}, but got ${lengths[0]}`);
  }
  const sizes: number[] = [];
  for (let t = 0; t < lengths[0]; t++) {
    let n = 0;
    while (n < batch && lengths[n] > t) n++;
    sizes.push(n);
  }
  return sizes;
}

export function packPaddedSequence(ctx: OpContext, input: TensorLike, lengthsT: TensorLike, batchFirst: boolean) {
  const F = ctx.F;
  const x = batchFirst ? F.transpose(input, 0, 1) : input;
  checkLengths(lengthsT);
  if (x.sizes.reduce((a: number, b: number) => a * b, 1) === 0) throw new OpError('Cannot pack empty tensors.');
  const batch = x.sizes[1];
  const lengths = batchSizesOf(lengthsT);
  if (lengths.length !== batch) {
    throw new OpError(
      `Expected \`len(lengths)\` to be equal to batch_size, but got ${lengths.length} (batch_size=${batch})`,
    );
  }
  const sizes = batchSizesFromLengths(lengths, x.sizes[0]);
  const rows = sizes.map((bs, t) => F.narrow(F.select(x, 0, t), 0, 0, bs));
  return [F.cat(rows, 0), int64s(ctx, sizes)];
}

export function padPackedSequence(
  ctx: OpContext,
  data: TensorLike,
  batchSizesT: TensorLike,
  batchFirst: boolean,
  paddingValue: unknown,
  totalLength: number,
) {
  const F = ctx.F;
  checkLengths(batchSizesT);
  const sizes = batchSizesOf(batchSizesT);
  const steps = sizes.length;
  const batch = sizes[0] ?? 0;
  let length = steps;
  if (totalLength > 0) {
    if (totalLength < steps) {
      throw new OpError(
        `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${totalLength} and max sequence length being ${steps}`,
      );
    }
    length = totalLength;
  }
  const out = F.full([length, batch, ...data.sizes.slice(1)], paddingValue, { dtype: data.dtype });
  const lengths = new Array<number>(batch).fill(0);
  let offset = 0;
  for (let t = 0; t < steps; t++) {
    const bs = sizes[t];
    F.copy_(F.narrow(F.select(out, 0, t), 0, 0, bs), F.narrow(data, 0, offset, bs));
    for (let b = 0; b < bs; b++) lengths[b] = t + 1;
    offset += bs;
  }
  return [batchFirst ? F.transpose(out, 0, 1) : out, int64s(ctx, lengths)];
}

export function packPaddedSequenceBackward(
  ctx: OpContext,
  grad: TensorLike,
  inputSize: readonly number[],
  batchSizesT: TensorLike,
  batchFirst: boolean,
) {
  const F = ctx.F;
  const sizes = batchSizesOf(batchSizesT);
  const out = F.zeros([...inputSize], { dtype: grad.dtype });
  const x = batchFirst ? F.transpose(out, 0, 1) : out;
  let offset = 0;
  sizes.forEach((bs, t) => {
    F.copy_(F.narrow(F.select(x, 0, t), 0, 0, bs), F.narrow(grad, 0, offset, bs));
    offset += bs;
  });
  return out;
}

/** A new 1-D int64 tensor (batch sizes and lengths live on the CPU, as in PyTorch). */
function int64s(ctx: OpContext, values: readonly number[]): TensorLike {
  const t = ctx.empty([values.length], 'int64');
  writeElements(t.data, 'int64', t.offset, values);
  return t;
}
