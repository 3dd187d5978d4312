import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, ScriptFunctionLike, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/** A function of the compilation unit: calling it emits `prim::CallFunction` (inlined later by the passes). */
export class FunctionValue implements SugaredValue {
  readonly kind = 'function';

  constructor(readonly fn: ScriptFunctionLike) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    return new SimpleValue(ctx.callFunction(this.fn, range, args, kwargs));
  }
}
