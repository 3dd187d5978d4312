import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import { SimpleValue } from './simple-value.js';

/** A builtin operator called by name (`aten::len`, `prim::min`), optionally bound to `self` (PyTorch's BuiltinFunction). */
export class BuiltinFunctionValue implements SugaredValue {
  readonly kind = 'builtin';

  constructor(
    readonly symbol: string,
    readonly self?: NamedValue,
  ) {}

  call(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    return new SimpleValue(ctx.builtin(this.symbol, args, kwargs, range, this.self));
  }
}
