import { defineOp } from '../core/define-op.js';
import { ivalueString } from '../groups/py-values.js';

/** `print(...)`: the values printed as IValues, separated by spaces, through the context's `print` hook (stdout without one). */
export const Print = defineOp({
  schemas: ['prim::Print(...) -> ()'],
  impl: (args, ctx) => {
    const text = (args['...'] as unknown[]).map((v) => ivalueString(ctx, v)).join(' ');
    if (ctx.print) ctx.print(text);
    else process.stdout.write(`${text}\n`);
    return null;
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::Print', [], undefined, { check: 'meta' })],
});
