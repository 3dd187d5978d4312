import { defineOp } from '../core/define-op.js';
import { formatString } from '../groups/py-convert.js';

/** `'{}'.format(...)`: each `{}` takes the next argument, printed as TorchScript prints values. */
export const format = defineOp({
  schemas: ['aten::format(str self, ...) -> str'],
  impl: (args, ctx) => formatString(ctx, args.self, args['...'] ?? []),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('format', ['{} and {}', 1, 'x']),
    S.call('format', ['{}|{}|{}', S.float(1), 0.1, [S.float(1), 2.5]]),
    S.call('format', ['{}', true]),
    S.call('format', ['x{}y', null]),
    S.call('format', ['{} {}', [1, 2], ['a']]),
    S.call('format', ['no fields', 3]),
    S.call('format', ['{:d}', 3]),
    S.error('format', ['{} {}', 1], 'Too few arguments for format string'),
  ],
});
