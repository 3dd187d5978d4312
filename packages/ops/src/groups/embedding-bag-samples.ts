/** Samples of embedding_bag and _embedding_bag (2-D inputs only in 'sum' mode: PyTorch 1.13 returns uninitialised bookkeeping for the others). */
import type { Sample, SampleBuilder } from '../core/samples.js';

export function embeddingBagSamples(S: SampleBuilder, op: 'embedding_bag' | '_embedding_bag'): Sample[] {
  const idx = () => S.of([1, 2, 4, 5, 4, 3, 2, 0], [8], 'int64');
  const offs = (v: number[]) => S.of(v, [v.length], 'int64');
  const w = () => S.randn([6, 3]);
  const pad = op === 'embedding_bag' ? 'embedding_bag.padding_idx' : '_embedding_bag';
  const samples: Sample[] = [];
  for (const mode of [0, 1, 2]) {
    samples.push(S.call(op, [w(), idx(), offs([0, 2, 2, 5]), false, mode]));
    samples.push(S.call(op, [w(), idx(), offs([0, 3, 8]), false, mode, false, null, true]));
    samples.push(S.call(pad, [w(), idx(), offs([0, 2, 2, 5]), false, mode, false, null, false, 2]));
    samples.push(S.call(op, [S.t([6, 3], { dtype: 'float64' }), idx(), offs([0, 3]), false, mode]));
    samples.push(
      S.call(op, [
        S.randn([6, 3], 'transposed'),
        S.of([5, 0, 1], [3], 'int32'),
        S.of([0, 1], [2], 'int32'),
        false,
        mode,
      ]),
    );
  }
  samples.push(S.call(op, [w(), idx(), offs([0, 3]), false, 0, false, S.randn([8])]));
  samples.push(S.call(op, [w(), S.ints([0]), offs([0, 0]), false, 1]));
  if (op === '_embedding_bag') {
    samples.push(
      S.call('_embedding_bag.out', [S.t([6, 3], { dtype: 'float64' }), idx(), offs([0, 3]), false, 2], {
        out0: S.randn([0]),
        out1: S.ints([0]),
        out2: S.ints([0]),
        out3: S.ints([0]),
      }),
    );
  }
  if (op === 'embedding_bag') samples.push(S.call(pad, [w(), idx(), offs([0, 4]), false, 1, false, null, false, -1]));
  samples.push(S.error(op, [w(), idx(), offs([1, 3]), false, 1], 'offsets[0] has to be 0'));
  samples.push(
    S.error(op, [w(), idx(), offs([0, 9]), false, 1], "offsets[-1] can not be greater than input's length 8"),
  );
  samples.push(
    S.error(
      op,
      [w(), idx(), offs([0, 3]), false, 1, false, S.randn([8])],
      'per_sample_weights only supported with mode',
    ),
  );
  if (op === 'embedding_bag') {
    samples.push(
      S.error(
        pad,
        [w(), idx(), offs([0, 3]), false, 1, false, null, false, 6],
        'padding_idx must be within the number of embeddings, -6 through 5, but got 6',
      ),
    );
  }
  return samples;
}
