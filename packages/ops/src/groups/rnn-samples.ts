/** Sample helpers for the recurrent ops: parameter lists in PyTorch's order. */
import type { SampleBuilder, SampleTensor } from '../core/samples.js';
import type { CellKind } from './rnn.js';
import { GATES } from './rnn.js';

export function rnnParams(
  S: SampleBuilder,
  kind: CellKind,
  inputSize: number,
  hidden: number,
  layers: number,
  dirs: number,
  biases: boolean,
  dtype: 'float32' | 'float64' = 'float32',
): SampleTensor[] {
  const g = GATES[kind] * hidden;
  const out: SampleTensor[] = [];
  for (let l = 0; l < layers; l++) {
    for (let d = 0; d < dirs; d++) {
      const inSize = l === 0 ? inputSize : hidden * dirs;
      out.push(S.t([g, inSize], { dtype, low: -0.7, high: 0.7 }), S.t([g, hidden], { dtype, low: -0.7, high: 0.7 }));
      if (biases) out.push(S.t([g], { dtype, low: -0.5, high: 0.5 }), S.t([g], { dtype, low: -0.5, high: 0.5 }));
    }
  }
  return out;
}
