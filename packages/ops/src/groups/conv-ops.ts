/** Definitions shared by conv1d/2d/3d and conv_transpose1d/2d/3d (one op file each). */
import type { OpDefinition } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { convNd, convPaddingRule, convPaddingString, convParams, convRule } from './conv.js';
import { convMeta, convPaddingMeta } from './nn-meta.js';

/** The impl / meta / derivative of conv{nd}d (both the int[] and the str padding overloads). */
export function convNdDefinition(nd: number, samples: (S: SampleBuilder) => Sample[]): Omit<OpDefinition, 'schemas'> {
  const name = `conv${nd}d`;
  return {
    impl: {
      '': (a, ctx) => convNd(ctx, name, nd, a.input, a.weight, a.bias, convParams(a, nd)),
      padding: (a, ctx) => convPaddingString(ctx, name, nd, a.input, a.weight, a.bias, a),
    },
    meta: { '': (a) => convMeta(a, false), padding: (a) => convPaddingMeta(a) },
    derivative: {
      '': (F, c) => convRule(F, c, false),
      padding: (F, c) => convPaddingRule(F, c),
    },
    samples,
  };
}

export function convTransposeNdDefinition(
  nd: number,
  samples: (S: SampleBuilder) => Sample[],
): Omit<OpDefinition, 'schemas'> {
  const name = `conv_transpose${nd}d`;
  return {
    impl: (a, ctx) => convNd(ctx, name, nd, a.input, a.weight, a.bias, { ...convParams(a, nd), transposed: true }),
    meta: (a) => convMeta(a, true),
    derivative: (F, c) => convRule(F, c, true),
    samples,
  };
}
