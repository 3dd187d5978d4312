import type { Sample, SampleBuilder } from '../core/samples.js';

/** Samples shared by _ctc_loss and ctc_loss (the latter adds a reduction). */
export function ctcSamples(S: SampleBuilder, op: '_ctc_loss' | 'ctc_loss'): Sample[] {
  const i64 = (v: number[], sizes = [v.length]) => S.of(v, sizes, 'int64');
  // log_softmax-like inputs: negative log probabilities.
  const lp = (t: number, n: number, c: number) => S.t([t, n, c], { low: -3, high: -0.1 });
  const red = (r: number) => (op === 'ctc_loss' ? [r] : []);
  const base = op === 'ctc_loss' ? 'ctc_loss.IntList' : op;
  // PyTorch's CTC gradient is exp(lp) - ..., the form for log_softmax outputs: it is not the
  // derivative with respect to free log_probs, so finite differences do not apply (PyTorch's own
  // gradcheck of CTC goes through log_softmax; the nn goldens do too). _ctc_loss's log_alpha is
  // left uninitialized by PyTorch past each sample's lengths: its values are not comparable.
  const extra: Partial<Sample> = {
    noGradcheck: 'the CTC gradient assumes log_softmax inputs',
    ...(op === '_ctc_loss' ? { check: 'meta' as const } : {}),
  };
  const call = (overload: string, args: Parameters<SampleBuilder['call']>[1]) =>
    S.call(overload, args, undefined, extra);
  return [
    call(base, [lp(5, 2, 4), i64([1, 2, 3, 3, 1, 0], [2, 3]), [5, 4], [3, 2], 0, ...red(1)]),
    call(base, [lp(6, 3, 3), i64([1, 1, 2, 2, 1]), [6, 5, 3], [3, 1, 1], 0, ...red(0)]),
    call(`${op}.Tensor`, [lp(4, 2, 5), i64([4, 4, 1, 2], [2, 2]), i64([4, 3]), i64([2, 1]), 3, ...red(2)]),
    // Too short an input for its target (a repeated label needs a blank between): infinite loss.
    call(base, [lp(2, 1, 3), i64([1, 1], [1, 2]), [2], [2], 0, ...red(0)]),
    call(base, [lp(3, 2, 3), i64([2, 0], [2, 1]), [3, 2], [1, 0], 0, ...red(1)]),
    S.error(
      base,
      [lp(3, 2, 3), i64([1, 2], [2, 1]), [4, 2], [1, 1], 0, ...red(1)],
      'Expected input_lengths to have value at most 3, but got value 4',
    ),
    S.error(
      base,
      [lp(3, 2, 3), i64([1, 2], [2, 1]), [3, 2], [2, 1], 0, ...red(1)],
      'Expected tensor to have size at least 2 at dimension 1, but got size 1',
    ),
  ];
}
