import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { packedLinear } from '../groups/quantized-samples.js';
import { makeDynamicCellParams } from './cell-params.js';
import { isLinearPackedParams } from './linear-packed-params.js';

export const makeQuantizedCellParamsDynamic = defineOp({
  schemas: [
    'quantized::make_quantized_cell_params_dynamic(__torch__.torch.classes.quantized.LinearPackedParamsBase w_ih, __torch__.torch.classes.quantized.LinearPackedParamsBase w_hh, Tensor bias_ih, Tensor bias_hh, bool reduce_range=False) -> __torch__.torch.classes.rnn.CellParamsBase',
  ],
  impl: ({ w_ih, w_hh, bias_ih, bias_hh, reduce_range }) => {
    if (!isLinearPackedParams(w_ih) || !isLinearPackedParams(w_hh)) {
      throw new OpError('make_quantized_cell_params_dynamic expects LinearPackedParamsBase weights', 'TypeError');
    }
    return makeDynamicCellParams(w_ih, w_hh, bias_ih, bias_hh, reduce_range);
  },
  nondifferentiable: 'builds a parameter object (not a tensor)',
  samples: (S) => [
    S.call('quantized::make_quantized_cell_params_dynamic', [
      packedLinear(S, 8, 3, 0.002, true),
      packedLinear(S, 8, 2, 0.002, true),
      S.t([8]),
      S.t([8]),
      true,
    ]),
  ],
});
