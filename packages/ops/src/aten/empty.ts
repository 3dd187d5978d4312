import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT } from '../core/dtypes.js';
import { full } from '../core/helpers.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

// Uninitialised memory in PyTorch; here zero-filled (any contents are valid, zeros are deterministic).
export const empty = defineOp({
  schemas: [
    'aten::empty.memory_format(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor',
    'aten::empty.out(SymInt[] size, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    memory_format: (args, ctx) => full(ctx, sizeList(args.size), 0, factoryDtype(args, DEFAULT_FLOAT)),
    out: outImpl((args, ctx, dtype) => full(ctx, sizeList(args.size), 0, dtype), 'empty.out'),
  },
  meta: { memory_format: sizedMeta('size', (args) => factoryDtype(args, DEFAULT_FLOAT)) },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('empty.memory_format', [[2, 3]], undefined, { check: 'meta' }),
    S.call('empty.memory_format', [[]], undefined, { check: 'meta' }),
    S.call('empty.memory_format', [[0, 2]], { dtype: 'int64' }, { check: 'meta' }),
    S.call('empty.memory_format', [[4]], { dtype: 'bool', device: 'cpu' }, { check: 'meta' }),
    S.call('empty.out', [[2, 2]], { out: S.randn([1]) }, { check: 'meta' }),
    S.error('empty.memory_format', [[-1]], 'Trying to create tensor with negative dimension -1'),
  ],
});
