import type { ClassType } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { FunctionValue } from './function-value.js';
import { SimpleValue } from './simple-value.js';
import { SpecialFormValue } from './special-form-value.js';

/** A TorchScript class: calling it creates an object (`prim::CreateObject`) and calls its `__init__`. */
export class ClassValue implements SugaredValue {
  readonly kind = 'class';

  constructor(readonly type: ClassType) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const self = ctx.insertNode('prim::CreateObject', [], [this.type], range).output();
    if (!ctx.findMethod(this.type, '__init__')) {
      ctx.error(range, `Class ${this.type.name} does not have an __init__ function defined`);
    }
    ctx.callMethod(self, '__init__', range, args, kwargs);
    return new SimpleValue(self);
  }

  attr(context: EmitContext, range: Range, name: string): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (name === '__new__') return new SpecialFormValue('prim::CreateObject');
    // Static methods are functions named after the class (`__torch__.C.make`).
    const fn = ctx.unit.findFunction(`${this.type.qualifiedName}.${name}`);
    if (fn) return new FunctionValue(fn);
    return ctx.error(range, `Tried to lookup unknown attribute on class ${this.type.pythonStr()}`);
  }
}
