import { Argument, FunctionSchema, type TupleType } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/** A NamedTuple type: calling it matches the arguments against its fields and builds the tuple. */
export class NamedTupleConstructor implements SugaredValue {
  readonly kind = 'NamedTuple';

  constructor(readonly type: TupleType) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const names = this.type.names ?? [];
    const defaults = (this.type as { defaults?: readonly unknown[] }).defaults;
    const schema = new FunctionSchema(
      this.type.qualifiedName ?? 'NamedTuple',
      '',
      this.type.elements.map(
        (type, i) =>
          new Argument(names[i], {
            type,
            defaultValue: defaults?.[i] as ConstructorParameters<typeof Argument>[1]['defaultValue'],
          }),
      ),
      [new Argument('', { type: this.type })],
    );
    const { inputs } = ctx.matchSchema(schema, range, args, kwargs);
    const tuple = ctx.insertNode('prim::TupleConstruct', inputs, [this.type], range).output();
    return new SimpleValue(tuple);
  }
}
