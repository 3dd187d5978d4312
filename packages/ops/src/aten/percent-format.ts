import { defineOp } from '../core/define-op.js';
import { percentFormat } from '../groups/py-convert.js';
import { tuple } from '../groups/py-values.js';

/** `fmt % args` (printf-style formatting with the specifiers TorchScript supports). */
export const percentFormatOp = defineOp({
  schemas: ['aten::percentFormat(str self, ...) -> str'],
  impl: (args, ctx) => percentFormat(ctx, args.self, args['...'] ?? []),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('percentFormat', ['%d x', 3]),
    S.call('percentFormat', ['%d x %s', tuple([3, 'a'])]),
    S.call('percentFormat', ['%d', S.float(3.7)]),
    S.call('percentFormat', ['%c', 65]),
    S.call('percentFormat', ['%s', [S.float(1), 2.5]]),
    S.call('percentFormat', ['%f', 1.5]),
    S.call('percentFormat', ['%e', 12345.678]),
    S.error('percentFormat', ['%g', 1.5], 'The specifier %g is not supported in TorchScript format strings'),
    S.error('percentFormat', ['%d %d', 1], 'Too few arguments for format string'),
    S.error('percentFormat', ['%d', tuple([1, 2])], 'Too many arguments for format string'),
    S.error('percentFormat', ['%d', 'a'], '%d requires a number for formatting, but got String'),
    S.error('percentFormat', ['abc%', 1], 'Incomplete format specifier'),
  ],
});
