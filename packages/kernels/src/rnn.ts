import { native } from './binding.js';
import { dtypeCode } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, checkStrided, checkWritable, type Strided } from './strided.js';

export type RnnCellKind = 'lstm' | 'gru' | 'rnn_tanh' | 'rnn_relu';

const KIND_CODE: Record<RnnCellKind, number> = { lstm: 0, gru: 1, rnn_tanh: 2, rnn_relu: 3 };

/** A slot of the native cell: its name, width in hidden sizes, and how the kernel uses it. */
type Slot = readonly [name: string, width: number, use: 'in' | 'opt' | 'out' | 'inout'] | null;

// The operand slots of native/src/rnn.cc, by kind and direction (null: unused slot).
const SLOTS: Record<RnnCellKind, { forward: readonly Slot[]; backward: readonly Slot[] }> = {
  lstm: {
    forward: [['gates', 4, 'inout'], ['cPrev', 1, 'in'], ['c', 1, 'out'], ['h', 1, 'out'], null, null, null, null],
    backward: [
      ['acts', 4, 'in'],
      ['cPrev', 1, 'in'],
      ['c', 1, 'in'],
      ['dh', 1, 'opt'],
      ['dh2', 1, 'opt'],
      ['dc', 1, 'opt'],
      ['dGates', 4, 'out'],
      ['dcPrev', 1, 'out'],
    ],
  },
  gru: {
    forward: [['gi', 3, 'inout'], ['gh', 3, 'in'], ['hPrev', 1, 'in'], ['h', 1, 'out'], null, null, null, null],
    backward: [
      ['acts', 3, 'in'],
      ['gh', 3, 'in'],
      ['hPrev', 1, 'in'],
      ['dh', 1, 'opt'],
      ['dh2', 1, 'opt'],
      ['dGi', 3, 'out'],
      ['dGh', 3, 'out'],
      ['dhPrev', 1, 'out'],
    ],
  },
  rnn_tanh: {
    forward: [['gates', 1, 'in'], null, null, ['h', 1, 'out'], null, null, null, null],
    backward: [['h', 1, 'in'], null, null, ['dh', 1, 'opt'], ['dh2', 1, 'opt'], null, ['dGates', 1, 'out'], null],
  },
  rnn_relu: {
    forward: [['gates', 1, 'in'], null, null, ['h', 1, 'out'], null, null, null, null],
    backward: [['h', 1, 'in'], null, null, ['dh', 1, 'opt'], ['dh2', 1, 'opt'], null, ['dGates', 1, 'out'], null],
  },
};

const EMPTY = new Uint8Array(0);

/**
 * The element-wise part of one recurrent cell step (see native/src/rnn.cc for the slots): forward
 * from the gate pre-activations to the new states (writing the activations the backward reads),
 * or backward from the state gradients to the gate gradients. Every operand is a [batch, width]
 * matrix with contiguous rows (any row stride), float32 or float64, all of one dtype; the
 * operands of a slot list are passed in slot order (null for absent optional or unused slots).
 * Only the LSTM backward may name one tensor as both dc and dcPrev (updated in place).
 */
export function rnnCell(
  kind: RnnCellKind,
  backward: boolean,
  batch: number,
  hidden: number,
  operands: readonly (Strided | null)[],
): void {
  const op = `rnnCell(${kind}${backward ? ', backward' : ''})`;
  const spec = SLOTS[kind];
  if (spec === undefined) throw argumentError(op, `unknown cell kind ${String(kind)}`);
  if (!Number.isSafeInteger(batch) || batch < 0 || !Number.isSafeInteger(hidden) || hidden < 0) {
    throw argumentError(op, `batch and hidden must be non-negative integers, got ${batch} and ${hidden}`);
  }
  const slots = backward ? spec.backward : spec.forward;
  if (operands.length !== slots.length)
    throw argumentError(op, `expected ${slots.length} operands, got ${operands.length}`);
  const meta = new Float64Array(3 * slots.length);
  const buffers: Uint8Array[] = [];
  let dtype: string | null = null;
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k];
    const t = operands[k];
    if (slot === null || t === null) {
      if (slot !== null && slot[2] !== 'opt') throw argumentError(op, `${slot[0]} is required`);
      if (slot === null && t !== null) throw argumentError(op, `operand ${k} is unused by this cell and must be null`);
      buffers.push(EMPTY);
      continue;
    }
    const [name, width, use] = slot;
    if (use === 'out' || use === 'inout') checkWritable(op, name, t);
    else checkStrided(op, name, t);
    if (t.dtype !== 'float32' && t.dtype !== 'float64')
      throw argumentError(op, `${name} must be float32 or float64, got ${t.dtype}`);
    if (dtype === null) dtype = t.dtype;
    else if (t.dtype !== dtype) throw argumentError(op, `${name} has dtype ${t.dtype}, expected ${dtype}`);
    const w = width * hidden;
    if (t.sizes.length !== 2 || t.sizes[0] !== batch || t.sizes[1] !== w) {
      throw argumentError(op, `${name} must have sizes [${batch}, ${w}], got [${t.sizes.join(', ')}]`);
    }
    if (w > 1 && t.strides[1] !== 1)
      throw argumentError(op, `${name} must have contiguous rows (stride 1), got ${t.strides[1]}`);
    if (batch > 1 && (use === 'out' || use === 'inout') && t.strides[0] < w) {
      throw argumentError(op, `${name}'s rows overlap (row stride ${t.strides[0]} < ${w})`);
    }
    meta[3 * k] = 1;
    meta[3 * k + 1] = t.offset;
    meta[3 * k + 2] = batch > 1 ? t.strides[0] : 0;
    buffers.push(t.data);
  }
  if (dtype === null || batch === 0 || hidden === 0) return;
  try {
    native.rnnCell(KIND_CODE[kind], backward, dtypeCode[dtype as 'float32'], batch, hidden, meta, ...buffers);
  } catch (err) {
    rethrowNative(err, op);
  }
}
