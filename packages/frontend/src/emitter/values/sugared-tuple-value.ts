import { type JitType, TupleType, type Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/**
 * A tuple of sugared values known at compile time (PyTorch's SugaredTupleValue): the items of a
 * tuple being iterated (loops over tuples are unrolled, since items may differ in type), or one
 * step of a zip/enumerate.
 */
export class SugaredTupleValue implements SugaredValue {
  readonly kind = 'Tuple';

  constructor(readonly items: readonly SugaredValue[]) {}

  asValue(context: EmitContext, range: Range): Value {
    const ctx: Emitter = context as Emitter;
    const values = this.items.map((item) => {
      if (!item.asValue) ctx.error(range, `${item.kind} cannot be used as a value`);
      return item.asValue(ctx, range);
    });
    return ctx.insertNode('prim::TupleConstruct', values, [tupleTypeOf(values)]).output();
  }

  asTuple(): SugaredValue[] {
    return [...this.items];
  }

  getItem(context: EmitContext, range: Range, index: Value): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const constant = constantInt(index);
    if (constant === undefined) {
      ctx.error(range, 'Expected integer literal for index but got a variable or non-integer. ');
    }
    let i = Number(constant);
    if (i < 0) i += this.items.length;
    if (i < 0 || i >= this.items.length) {
      ctx.error(range, `Index ${constant} out of range of length ${this.items.length}`);
    }
    return this.items[i];
  }

  iter(): SugaredValue {
    return this;
  }

  staticLen(): number {
    return this.items.length;
  }

  unrolled(): SugaredValue[] {
    return [...this.items];
  }

  len(context: EmitContext, range: Range): Value {
    return (context as Emitter).constant(this.items.length, range);
  }

  static of(values: readonly Value[]): SugaredTupleValue {
    return new SugaredTupleValue(values.map((v) => new SimpleValue(v)));
  }
}

/** The int of a `prim::Constant` value, if it is one. */
export function constantInt(value: Value): number | bigint | undefined {
  const node = value.node;
  if (node.kind !== 'prim::Constant' || value.type.kind !== 'IntType') return undefined;
  return node.i('value');
}

function tupleTypeOf(values: readonly Value[]): JitType {
  return TupleType.of(values.map((v) => v.type));
}
