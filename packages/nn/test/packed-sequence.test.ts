import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installAutograd, noGrad } from '@tsjit/autodiff';
import { torchLoad } from '@tsjit/serialize';
import { torchOps as T, type Tensor, tensor } from '@tsjit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens: tooling/fixtures/gen_nn_packed_fixtures.py (PyTorch 1.13).
const dir = join(import.meta.dirname, 'fixtures', 'packed');
const io = torchLoad(join(dir, 'io.pt')) as Record<string, any>;
const errors = JSON.parse(readFileSync(join(dir, 'errors.json'), 'utf8')).errors as Record<
  string,
  { type: string; message: string }
>;
const U = nn.utils.rnn;

function expectPacked(actual: InstanceType<typeof U.PackedSequence>, expected: Record<string, Tensor>, tol = 1e-5) {
  expectTensorsClose(actual.data, expected.data, tol, 'data');
  expectTensorsClose(actual.batchSizes, expected.batch_sizes, 0, 'batch_sizes');
  if (expected.sorted_indices === undefined) {
    expect(actual.sortedIndices).toBeNull();
    expect(actual.unsortedIndices).toBeNull();
  } else {
    expectTensorsClose(actual.sortedIndices, expected.sorted_indices, 0, 'sorted_indices');
    expectTensorsClose(actual.unsortedIndices, expected.unsorted_indices, 0, 'unsorted_indices');
  }
}

function expectError(fn: () => unknown, name: string): void {
  const golden = errors[name];
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, name).toBeInstanceOf(Error);
  expect((thrown as Error).message).toContain(golden.message);
  if (golden.type === 'ValueError') expect((thrown as { pyType?: string }).pyType ?? 'ValueError').toBe('ValueError');
}

beforeAll(() => installAutograd());

describe('nn.utils.rnn against PyTorch 1.13', () => {
  it('packPaddedSequence with sorted lengths (a list)', () => {
    const c = io.pack_sorted;
    const p = U.packPaddedSequence(c.input, [5, 3, 2]);
    expectPacked(p, c.out);
  });

  it('packPaddedSequence batch-first with unsorted lengths, then padPackedSequence both layouts', () => {
    const c = io.pack_unsorted_bf;
    const p = U.packPaddedSequence(c.input, c.lengths, { batchFirst: true, enforceSorted: false });
    expectPacked(p, c.out);
    const [padded, lengths] = U.padPackedSequence(p, { batchFirst: true, paddingValue: -2, totalLength: 7 });
    expectTensorsClose(padded, io.pad_packed_bf.padded, 0, 'padded');
    expectTensorsClose(lengths, io.pad_packed_bf.lengths, 0, 'lengths');
    const [paddedT, lengthsT] = U.padPackedSequence(p);
    expectTensorsClose(paddedT, io.pad_packed_tf.padded, 0, 'padded');
    expectTensorsClose(lengthsT, io.pad_packed_tf.lengths, 0, 'lengths');
  });

  it('padSequence, packSequence, unpackSequence, unpadSequence, invertPermutation', () => {
    const c = io.pad_sequence;
    expectTensorsClose(U.padSequence(c.sequences), c.out, 0, 'pad');
    expectTensorsClose(U.padSequence(c.sequences, { batchFirst: true, paddingValue: 1.5 }), c.out_bf, 0, 'pad bf');
    const p = U.packSequence(c.sequences, { enforceSorted: false });
    expectPacked(p, io.pack_sequence.out);
    expectTensorsClose(
      U.unpackSequence(p).map((t) => T.contiguous(t)),
      io.pack_sequence.unpacked,
      0,
      'unpacked',
    );
    const unpadded = U.unpadSequence(U.padSequence(c.sequences, { batchFirst: true }), tensor([3, 1, 4]), {
      batchFirst: true,
    });
    expectTensorsClose(unpadded, io.unpad_sequence.out, 0, 'unpad');
    expectTensorsClose(U.invertPermutation(io.invert_permutation.perm), io.invert_permutation.out, 0, 'inverse');
    expect(U.invertPermutation(null)).toBeNull();
  });

  it('PackedSequence: fields, iteration, construction from a pair, to(dtype)', () => {
    const p = U.packPaddedSequence(io.pack_unsorted_bf.input, io.pack_unsorted_bf.lengths, {
      batchFirst: true,
      enforceSorted: false,
    });
    const [data, batchSizes, sorted, unsorted] = p;
    expect(data).toBe(p.data);
    expect(batchSizes).toBe(p.batchSizes);
    expect(sorted).toBe(p.sortedIndices);
    expect(unsorted).toBe(p.unsortedIndices);
    const q = new U.PackedSequence([p.data, p.batchSizes], null, p.sortedIndices);
    expectTensorsClose(q.unsortedIndices, io.pack_unsorted_bf.out.unsorted_indices, 0, 'unsorted from sorted');
    const d = p.to('float64');
    expect(d.data.dtype).toBe('float64');
    expect(d.batchSizes).toBe(p.batchSizes);
    expect(d.sortedIndices).toBe(p.sortedIndices);
    expect(p.to('float32')).toBe(p);
    expect(p.double().data.dtype).toBe('float64');
  });

  it('gradients flow through pack and pad (padding gets none)', () => {
    const c = io.pack_pad_grad;
    const x = T.clone(c.input);
    x.requiresGrad = true;
    const p = U.packPaddedSequence(x, [4, 1, 3], { enforceSorted: false });
    const [padded] = U.padPackedSequence(p, { totalLength: 5 });
    T.sum(T.mul(T.narrow(padded, 0, 0, 4), c.weight)).backward();
    expectTensorsClose(x.grad, c.grad, 1e-6, 'grad');
  });

  for (const name of [
    'unsorted_enforced',
    'zero_length',
    'zero_length_unsorted',
    'lengths_count',
    'total_length',
    'pad_sequence_empty',
    'pad_sequence_not_iterable',
  ]) {
    it(`error: ${name}`, () => {
      const x = T.randn([3, 2, 4]);
      const calls: Record<string, () => unknown> = {
        unsorted_enforced: () => U.packPaddedSequence(x, [2, 3]),
        zero_length: () => U.packPaddedSequence(x, [3, 0]),
        zero_length_unsorted: () => U.packPaddedSequence(x, [0, 3], { enforceSorted: false }),
        lengths_count: () => U.packPaddedSequence(x, [3, 2, 1]),
        total_length: () => U.padPackedSequence(U.packPaddedSequence(x, [3, 2]), { totalLength: 2 }),
        pad_sequence_empty: () => U.padSequence([]),
        pad_sequence_not_iterable: () => U.padSequence(3 as unknown as Tensor[]),
      };
      expectError(calls[name], name);
    });
  }

  it('lengths on the wrong dtype reach the op as PyTorch would refuse them', () => {
    expect(() => T._packPaddedSequence(T.randn([3, 2]), tensor([3, 2], { dtype: 'int32' }), false)).toThrow(
      "'lengths' argument should be a 1D CPU int64 tensor, but got 1D cpu Int tensor",
    );
  });
});

const moduleCases = Object.keys(io).filter((k) => io[k].class !== undefined);

function build(c: any): nn.RNNBase {
  const k = c.kwargs;
  const o = {
    numLayers: k.num_layers,
    bias: k.bias,
    batchFirst: k.batch_first,
    bidirectional: k.bidirectional,
    projSize: k.proj_size,
    nonlinearity: k.nonlinearity,
  };
  const m =
    c.class === 'LSTM'
      ? new nn.LSTM(k.input_size, k.hidden_size, o)
      : c.class === 'GRU'
        ? new nn.GRU(k.input_size, k.hidden_size, o)
        : new nn.RNN(k.input_size, k.hidden_size, o);
  m.loadStateDict(new Map(Object.entries(c.state as Record<string, Tensor>)), { strict: true });
  return m;
}

describe('RNN / LSTM / GRU over PackedSequence: outputs, gradients and an SGD step equal PyTorch', () => {
  for (const name of moduleCases) {
    it(name, () => {
      const c = io[name];
      const m = build(c);
      const x = T.clone(c.input);
      x.requiresGrad = true;
      const hx: Tensor[] | undefined = c.hx?.map((h: Tensor) => {
        const t = T.clone(h);
        t.requiresGrad = true;
        return t;
      });
      const packed = U.packPaddedSequence(x, c.lengths, { batchFirst: c.batch_first, enforceSorted: c.enforce_sorted });
      const run = (p: InstanceType<typeof U.PackedSequence>): [InstanceType<typeof U.PackedSequence>, Tensor[]] => {
        if (c.class === 'LSTM') {
          const [out, [h, cc]] = (m as nn.LSTM).forward(p, hx ? [hx[0], hx[1]] : null);
          return [out, [h, cc]];
        }
        const [out, h] = (m as nn.GRU).forward(p, hx ? hx[0] : null);
        return [out, [h]];
      };
      const [out, hidden] = run(packed);
      expect(out).toBeInstanceOf(U.PackedSequence);
      expectPacked(out, c.out, 1e-5);
      expectTensorsClose(hidden, c.hidden, 1e-5, 'hidden');
      const [padded, lengths] = U.padPackedSequence(out, { batchFirst: c.batch_first });
      expectTensorsClose(padded, c.padded, 1e-5, 'padded');
      expectTensorsClose(lengths, c.out_lengths, 0, 'lengths');

      let loss = T.sum(T.mul(out.data, c.w_out));
      hidden.forEach((h, i) => {
        loss = T.add(loss, T.sum(T.mul(h, c.w_hidden[i])));
      });
      loss.backward();
      expectTensorsClose(x.grad, c.grad_input, 1e-4, 'grad input');
      if (hx) {
        hx.forEach((h, i) => {
          expectTensorsClose(h.grad, c.grad_hx[i], 1e-4, `grad hx[${i}]`);
        });
      }
      const params = new Map(m.namedParameters());
      for (const [pname, want] of Object.entries(c.grads as Record<string, Tensor>)) {
        expectTensorsClose(params.get(pname)?.grad, want, 1e-4, `grad ${pname}`);
      }
      const opt = new nn.optim.SGD(m.parameters(), { lr: 0.1, momentum: 0.9 });
      opt.step();
      const after = m.stateDict();
      for (const [pname, want] of Object.entries(c.after_step as Record<string, Tensor>)) {
        expectTensorsClose(after.get(pname), want, 1e-5, `after step ${pname}`);
      }
      const [out2] = noGrad(() => run(packed));
      expectTensorsClose(out2.data, c.out_after_step, 1e-5, 'output after the step');
    });
  }

  it('error: packed input of the wrong size', () => {
    const m = new nn.LSTM(3, 2);
    expectError(() => m.forward(U.packPaddedSequence(T.randn([3, 2, 4]), [3, 2])), 'lstm_packed_input_size');
  });

  it('error: hidden state of the wrong batch for a packed input', () => {
    const m = new nn.GRU(4, 2);
    expectError(
      () => m.forward(U.packPaddedSequence(T.randn([3, 2, 4]), [3, 2]), T.randn([1, 3, 2])),
      'gru_packed_hidden',
    );
  });
});
