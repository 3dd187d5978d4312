import { OpError } from '@tsjit/ops';
import { torchOps as T, Tensor, tensor } from '@tsjit/tensor';

// torch.nn.utils.rnn: packed batches of variable-length sequences. The packing itself is the aten
// ops (_pack_padded_sequence, _pad_packed_sequence, pad_sequence), whose derivative rules carry
// gradients through; this file is PyTorch's Python layer over them (sorting, permutations).

/**
 * The permutation that undoes `permutation` (PyTorch's `invert_permutation`): `out[perm[i]] = i`.
 * Null stays null.
 */
export function invertPermutation(permutation: Tensor | null): Tensor | null {
  if (permutation === null) return null;
  return T.scatter(T.emptyLike(permutation), 0, permutation, T.arange(permutation.numel()));
}

/**
 * torch.nn.utils.rnn.PackedSequence: `data` ([sum of lengths, *]) with `batchSizes` (CPU int64,
 * the sequences active at each step) and the permutations from the caller's batch order to the
 * sorted one (`sortedIndices`) and back (`unsortedIndices`). Iterable like PyTorch's namedtuple:
 * `const [data, batchSizes, sortedIndices, unsortedIndices] = packed`.
 */
export class PackedSequence implements Iterable<Tensor | null> {
  readonly data: Tensor;
  readonly batchSizes: Tensor;
  readonly sortedIndices: Tensor | null;
  readonly unsortedIndices: Tensor | null;

  /**
   * As PyTorch's constructor: `batchSizes` may be omitted when `data` is the pair `[data,
   * batchSizes]`; `unsortedIndices` defaults to the inverse of `sortedIndices`.
   */
  constructor(
    data: Tensor | readonly [Tensor, Tensor],
    batchSizes: Tensor | null = null,
    sortedIndices: Tensor | null = null,
    unsortedIndices: Tensor | null = null,
  ) {
    const unsorted = unsortedIndices ?? invertPermutation(sortedIndices);
    if (batchSizes !== null) {
      if (!(data instanceof Tensor)) throw new OpError('data must be a Tensor when batch_sizes is given', 'TypeError');
      this.data = data;
      this.batchSizes = batchSizes;
    } else {
      if (data instanceof Tensor || data.length !== 2) {
        throw new OpError('PackedSequence expects data to be a (data, batch_sizes) pair when batch_sizes is None');
      }
      this.data = data[0];
      this.batchSizes = data[1];
    }
    this.sortedIndices = sortedIndices;
    this.unsortedIndices = unsorted;
  }

  *[Symbol.iterator](): Iterator<Tensor | null> {
    yield this.data;
    yield this.batchSizes;
    yield this.sortedIndices;
    yield this.unsortedIndices;
  }

  /**
   * `data.to(...)`; the indices follow data's device (batch sizes stay on the CPU). Returns this
   * sequence itself when `data.to` returns `data` itself, as PyTorch does.
   */
  to(...args: unknown[]): PackedSequence {
    const data = (this.data.to as (...a: unknown[]) => Tensor)(...args);
    if (data === this.data) return this;
    return new PackedSequence(data, this.batchSizes, this.sortedIndices, this.unsortedIndices);
  }

  double(): PackedSequence {
    return this.to('float64');
  }

  float(): PackedSequence {
    return this.to('float32');
  }

  half(): PackedSequence {
    return this.to('float16');
  }

  long(): PackedSequence {
    return this.to('int64');
  }

  int(): PackedSequence {
    return this.to('int32');
  }

  cpu(): PackedSequence {
    return this;
  }

  get isCuda(): boolean {
    return false;
  }

  isPinned(): boolean {
    return false;
  }
}

export interface PackPaddedSequenceOptions {
  batchFirst?: boolean;
  /** Lengths sorted in decreasing order are required unless this is false (default true). */
  enforceSorted?: boolean;
}

// torch.as_tensor(lengths, dtype=torch.int64): a list of numbers or a tensor of any dtype.
function lengthsTensor(lengths: Tensor | readonly number[]): Tensor {
  if (lengths instanceof Tensor) return lengths.dtype === 'int64' ? lengths : T.to(lengths, { dtype: 'int64' });
  return tensor(lengths.map((v) => Math.trunc(v)) as number[], { dtype: 'int64' });
}

/**
 * torch.nn.utils.rnn.pack_padded_sequence: `input` is `[T, B, *]` (`[B, T, *]` with batchFirst)
 * and `lengths` the length of each sequence. With `enforceSorted: false` the batch is sorted by
 * decreasing length first, and the permutation is kept in the result.
 */
export function packPaddedSequence(
  input: Tensor,
  lengths: Tensor | readonly number[],
  options: PackPaddedSequenceOptions = {},
): PackedSequence {
  const batchFirst = options.batchFirst ?? false;
  let lens = lengthsTensor(lengths);
  let sortedIndices: Tensor | null = null;
  if (!(options.enforceSorted ?? true)) {
    [lens, sortedIndices] = T.sort(lens, -1, true);
    input = T.indexSelect(input, batchFirst ? 0 : 1, sortedIndices);
  }
  const [data, batchSizes] = T._packPaddedSequence(input, lens, batchFirst);
  return new PackedSequence(data, batchSizes, sortedIndices, null);
}

export interface PadPackedSequenceOptions {
  batchFirst?: boolean;
  paddingValue?: number;
  /** Pad to this many steps (at least the longest sequence); default: the longest sequence. */
  totalLength?: number | null;
}

/**
 * torch.nn.utils.rnn.pad_packed_sequence: the inverse of packPaddedSequence. Returns the padded
 * batch `[T, B, *]` (`[B, T, *]` with batchFirst) and the lengths, in the original batch order.
 */
export function padPackedSequence(sequence: PackedSequence, options: PadPackedSequenceOptions = {}): [Tensor, Tensor] {
  const batchFirst = options.batchFirst ?? false;
  let maxSeqLength = sequence.batchSizes.size(0) as number;
  const totalLength = options.totalLength ?? null;
  if (totalLength !== null) {
    if (totalLength < maxSeqLength) {
      throw new OpError(
        `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${totalLength} and max sequence length being ${maxSeqLength}`,
        'ValueError',
      );
    }
    maxSeqLength = totalLength;
  }
  const [padded, lengths] = T._padPackedSequence(
    sequence.data,
    sequence.batchSizes,
    batchFirst,
    options.paddingValue ?? 0,
    maxSeqLength,
  );
  const unsorted = sequence.unsortedIndices;
  if (unsorted === null) return [padded, lengths];
  return [T.indexSelect(padded, batchFirst ? 0 : 1, unsorted), T.indexSelect(lengths, 0, unsorted)];
}

export interface PadSequenceOptions {
  batchFirst?: boolean;
  paddingValue?: number;
}

/**
 * torch.nn.utils.rnn.pad_sequence: stacks `L_i x *` tensors into `[max L, B, *]` (`[B, max L, *]`
 * with batchFirst), padding with `paddingValue`. A tensor is taken as the list of its rows.
 */
export function padSequence(sequences: Tensor | Iterable<Tensor>, options: PadSequenceOptions = {}): Tensor {
  if (sequences === null || typeof sequences !== 'object' || !(Symbol.iterator in (sequences as object))) {
    const type = sequences === null ? 'NoneType' : typeof sequences === 'number' ? 'int' : typeof sequences;
    throw new OpError(`pad_sequence: Expected iterable for input sequences, but got arg of type: <class '${type}'>`);
  }
  const list = sequences instanceof Tensor ? [...T.unbind(sequences, 0)] : [...sequences];
  return T.padSequence(list, options.batchFirst ?? false, options.paddingValue ?? 0);
}

/** torch.nn.utils.rnn.unpad_sequence: the `lengths[i]` first steps of each sequence of a padded batch. */
export function unpadSequence(
  paddedSequences: Tensor,
  lengths: Tensor | readonly number[],
  options: { batchFirst?: boolean } = {},
): Tensor[] {
  const padded = options.batchFirst ? paddedSequences : T.transpose(paddedSequences, 0, 1);
  const lens = lengthsTensor(lengths);
  const values = lens.tolist() as number[];
  return values.map((n, i) => T.narrow(T.select(padded, 0, i), 0, 0, Number(n)));
}

/** torch.nn.utils.rnn.pack_sequence: pads the sequences, then packs them with their lengths. */
export function packSequence(sequences: Tensor[], options: { enforceSorted?: boolean } = {}): PackedSequence {
  const lengths = sequences.map((s) => s.size(0) as number);
  return packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: options.enforceSorted ?? true });
}

/** torch.nn.utils.rnn.unpack_sequence: the sequences of a packed batch, in their original order. */
export function unpackSequence(packedSequences: PackedSequence): Tensor[] {
  const [padded, lengths] = padPackedSequence(packedSequences, { batchFirst: true });
  return unpadSequence(padded, lengths, { batchFirst: true });
}
