import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { NoneValue } from './none-value.js';

/** `print(...)`: a `prim::Print` of its arguments. */
export class PrintValue implements SugaredValue {
  readonly kind = 'print';

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (kwargs.length > 0) ctx.error(range, "print doesn't accept any keyword arguments");
    ctx.insertNode(
      'prim::Print',
      args.map((a) => a.value),
      [],
      range,
    );
    return new NoneValue();
  }
}
