import { type EnumType, enumValue, ListType, type Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SimpleValue } from './simple-value.js';

/** An Enum class: `Color.RED` is an enum constant, and iterating it gives every member. */
export class EnumClassValue implements SugaredValue {
  readonly kind = 'enum';

  constructor(readonly type: EnumType) {}

  attr(context: EmitContext, range: Range, name: string): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (!this.type.member(name)) ctx.error(range, `${this.type.pythonStr()}' has no attribute '${name}'`);
    return new SimpleValue(ctx.constant(enumValue(this.type.qualifiedName, name), range, this.type));
  }

  iter(context: EmitContext, range: Range): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const members = this.type.members.map((m) => enumValue(this.type.qualifiedName, m.name));
    const list: Value = ctx.constant(members, range, ListType.of(this.type));
    return new SimpleValue(list);
  }
}
