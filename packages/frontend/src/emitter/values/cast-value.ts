import { BoolType, type JitType } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/**
 * `int(x)`, `float(x)`, `bool(x)`, `str(x)` (PyTorch's CastValue): the value itself when it
 * already has the type, `len(x) > 0` for `bool` of a list, str or dict, else the cast operator.
 */
export class CastValue implements SugaredValue {
  readonly kind = 'builtin';

  constructor(
    readonly type: JitType,
    readonly symbol: string,
  ) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (args.length === 1 && kwargs.length === 0) {
      const zero = ctx.graph.insertConstant(0);
      const value = args[0].value;
      if (value.type.isSubtypeOf(this.type)) return new SimpleValue(value);
      const kind = value.type.kind;
      if (this.type.equals(BoolType.get()) && (kind === 'ListType' || kind === 'StringType' || kind === 'DictType')) {
        const length = ctx.builtin('aten::len', [{ value, range }], [], range);
        return new SimpleValue(
          ctx.builtin(
            'aten::gt',
            [
              { value: length, range },
              { value: zero, range },
            ],
            [],
            range,
          ),
        );
      }
    }
    return new SimpleValue(ctx.builtin(this.symbol, args, kwargs, range));
  }
}
