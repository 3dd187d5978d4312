import type { Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/**
 * `range(...)` in a for loop or comprehension (PyTorch's RangeValue): its length is the loop's
 * trip count and its items are derived from the loop counter, so no list is built.
 */
export class RangeValue implements SugaredValue {
  readonly kind = 'range';
  private readonly start: Value;
  private readonly end: Value;
  private readonly step: Value;
  private readonly hasOnlyEnd: boolean;

  constructor(
    context: EmitContext,
    range: Range,
    inputs: readonly Value[],
    private readonly staticLength?: number,
  ) {
    const ctx: Emitter = context as Emitter;
    inputs.forEach((input, i) => {
      if (input.type.kind !== 'IntType') {
        ctx.error(range, `all inputs of range must be ints, found ${input.type.pythonStr()} in argument ${i}`);
      }
    });
    if (inputs.length === 0) ctx.error(range, 'range expected at least 1 arguments, got 0');
    if (inputs.length > 3) ctx.error(range, `range expected at most 3 arguments, got ${inputs.length}`);
    if (inputs.length === 1) {
      this.end = inputs[0];
      this.start = ctx.constant(0, range);
      this.step = ctx.constant(1, range);
      this.hasOnlyEnd = true;
    } else {
      this.start = inputs[0];
      this.end = inputs[1];
      this.step = inputs.length === 3 ? inputs[2] : ctx.constant(1, range);
      this.hasOnlyEnd = false;
    }
  }

  iter(): SugaredValue {
    return this;
  }

  staticLen(): number | undefined {
    return this.staticLength;
  }

  len(context: EmitContext, range: Range): Value {
    const ctx: Emitter = context as Emitter;
    if (this.staticLength !== undefined) return ctx.constant(this.staticLength, range);
    if (this.hasOnlyEnd) return this.end;
    return ctx.builtin(
      'aten::__range_length',
      [this.start, this.end, this.step].map((value) => ({ value, range })),
      [],
      range,
    );
  }

  getItem(context: EmitContext, range: Range, index: Value): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (this.hasOnlyEnd) return new SimpleValue(index);
    return new SimpleValue(
      ctx.builtin(
        'aten::__derive_index',
        [index, this.start, this.step].map((value) => ({ value, range })),
        [],
        range,
      ),
    );
  }
}
