// `node src/lstm-rule.mjs`: times the recurrent derivative rule (aten::lstm.input's BPTT: the fused
// path over the state the forward saved, and the op-based fallback that recomputes the forward)
// and the forward impl on the shapes of `train_lstm_2l_h256_s64_b16_adam`
// (seq 64, batch 16, input 128, hidden 256, 2 layers), float32, one thread. A micro-benchmark for
// the ops' rule, not a workload of `pnpm bench` (the training step itself needs autodiff and nn).
import { installAutograd, noGrad } from '@tsjit/autodiff';
import { setNumThreads } from '@tsjit/kernels';
import { rnnFastPath } from '@tsjit/ops';
import { eagerContext, fromArray, opRegistry } from '@tsjit/tensor';
import { timeCall } from './timing.mjs';
import { randn, rng } from './workloads/data.mjs';

setNumThreads(1);
// Autograd installed and parameters requiring grad: the forward saves what the fused rule reads.
installAutograd();
const r = rng(3);
const t = (sizes, scale = 0.1) =>
  fromArray(
    randn(
      sizes.reduce((a, b) => a * b, 1),
      r,
      scale,
    ),
    sizes,
  );
const [S, B, I, H] = [64, 16, 128, 256];
const params = [
  t([4 * H, I]),
  t([4 * H, H]),
  t([4 * H]),
  t([4 * H]),
  t([4 * H, H]),
  t([4 * H, H]),
  t([4 * H]),
  t([4 * H]),
];
for (const p of params) p.requiresGrad = true;
const hx = [t([2, B, H], 0), t([2, B, H], 0)];
const x = t([S, B, I], 1);
const overload = opRegistry().find('aten::lstm.input');
const args = overload.bind([x, hx, params, true, 2, 0, true, false, false]);
const ctx = eagerContext;
const grads = [t([S, B, H], 1e-3), null, null];
const rule = overload.op.derivativeFor(overload);
const forward = timeCall(() => overload.impl(args, ctx, overload), { repeats: 3 }) * 1e3;
// The rule runs as the tape runs it: grad mode off (no create_graph).
const backward = (fast) => {
  rnnFastPath.enabled = fast;
  const result = overload.impl(args, ctx, overload);
  return timeCall(() => noGrad(() => rule(ctx.F, { ...args, grad: grads[0], grads, result })), { repeats: 3 }) * 1e3;
};
const fused = backward(true);
const fallback = backward(false);
console.log(
  `lstm.input forward ${forward.toFixed(1)} ms, derivative rule: fused ${fused.toFixed(1)} ms, op-based (recompute + BPTT) ${fallback.toFixed(1)} ms`,
);
