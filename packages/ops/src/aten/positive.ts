import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

export const positive = defineOp({
  schemas: ['aten::positive(Tensor(a) self) -> Tensor(a)'],
  // `+x` is x itself (the schema's alias annotation), not a copy.
  impl: (args) => {
    if (args.self.dtype === 'bool') throw new OpError('The `+` operator, on a bool tensor is not supported.');
    return args.self;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad }) => ({ self: grad }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'positive',
      dtypes: ['float64', 'float16', 'int64', 'int32', 'uint8'],
      errors: { bool: 'The `+` operator, on a bool tensor is not supported.' },
    }),
});
