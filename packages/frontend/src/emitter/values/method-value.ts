import type { Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/** A method bound to an object of a class or interface type: calling it emits `prim::CallMethod`. */
export class MethodValue implements SugaredValue {
  readonly kind = 'method';

  constructor(
    readonly self: Value,
    readonly name: string,
  ) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    return new SimpleValue(ctx.callMethod(this.self, this.name, range, args, kwargs));
  }
}
