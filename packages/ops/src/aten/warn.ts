import { defineOp } from '../core/define-op.js';

/** warnings.warn(message) through the context's `warn` hook (a Node warning without one). */
export const warn = defineOp({
  schemas: ['aten::warn(str message, int stacklevel=2) -> ()'],
  impl: ({ message }, ctx) => {
    if (ctx.warn) ctx.warn(message);
    else process.emitWarning(message, 'UserWarning');
    return null;
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('warn', ['careful'], undefined, { check: 'meta' })],
});
