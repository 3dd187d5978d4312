import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/**
 * A builtin that objects of a class may override with a magic method (`len` → `__len__`, `+` →
 * `__add__`): when the first argument is an object, its method is called instead.
 */
export class MagicMethod implements SugaredValue {
  readonly kind = 'magic method';

  constructor(
    readonly desugaredName: string,
    readonly base: SugaredValue,
  ) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[], nBinders: number): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (args.length > 0 && args[0].value.type.kind === 'ClassType') {
      const method = new SimpleValue(args[0].value).attr(ctx, range, this.desugaredName);
      if (!method.call) return ctx.error(range, `cannot call a ${method.kind}`);
      return method.call(ctx, range, args.slice(1), kwargs, nBinders);
    }
    if (!this.base.call) return ctx.error(range, `cannot call a ${this.base.kind}`);
    return this.base.call(ctx, range, args, kwargs, nBinders);
  }
}
