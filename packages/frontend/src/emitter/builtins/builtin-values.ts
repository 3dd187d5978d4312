import type { IValue, JitType, Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { SchemaRegistry } from '../schema-registry.js';

/**
 * What the builtin sugared values need from the emitter: how it wraps an IR value (its
 * SimpleValue, so that results support attributes, subscripts and calls), the special forms it
 * handles itself (`torch.jit.annotate`, `isinstance`, `range`, `x.tolist()`...), and the
 * registry its `ctx.builtin` resolves against (to tell which methods a value has).
 */
export interface BuiltinHooks {
  /** Wraps an IR value as the emitter's simple value. Default: a value that only converts back. */
  readonly simple?: (value: Value) => SugaredValue;
  /**
   * A special form by name: Python spellings for globals and module members (`isinstance`,
   * `range`, `torch.jit.annotate`, `torch.jit.fork`), PyTorch's symbols for methods that need the
   * emitter (`prim::tolist` for `x.tolist()`, `aten::index` for `x.__getitem__`). `self` is the
   * object for methods.
   */
  readonly specialForm?: (name: string, self?: NamedValue) => SugaredValue | undefined;
  /** The registry `ctx.builtin` resolves against. Default: `SchemaRegistry.fromOps()`. */
  readonly registry?: SchemaRegistry;
}

/** A sugared value that is just an IR value (used when the emitter gives no `simple` hook). */
export function plainValue(value: Value): SugaredValue {
  return { kind: value.type.pythonStr(), asValue: () => value };
}

export function wrap(hooks: BuiltinHooks | undefined, value: Value): SugaredValue {
  return hooks?.simple ? hooks.simple(value) : plainValue(value);
}

/**
 * A builtin operator by qualified name, optionally bound to `self` (a method of a builtin-typed
 * value: `x.add`, `l.append`, `s.split`). Calling it resolves the overload by schema matching
 * (PyTorch's BuiltinFunction).
 */
export class BuiltinFunctionValue implements SugaredValue {
  readonly kind = 'builtin';
  readonly name: string;
  readonly self: NamedValue | undefined;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(name: string, self?: NamedValue, hooks?: BuiltinHooks) {
    this.name = name;
    this.self = self;
    this.#hooks = hooks;
  }

  call(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    return wrap(this.#hooks, ctx.builtin(this.name, args, kwargs, range, this.self));
  }
}

/**
 * A builtin whose first argument may be a class instance that overloads it (`len(obj)` calls
 * `obj.__len__()`, `int(obj)` calls `obj.__int__()`); otherwise the builtin (PyTorch's MagicMethod).
 */
export class MagicMethodValue implements SugaredValue {
  readonly kind = 'builtin';
  readonly magic: string;
  readonly base: SugaredValue & Required<Pick<SugaredValue, 'call'>>;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(magic: string, base: SugaredValue & Required<Pick<SugaredValue, 'call'>>, hooks?: BuiltinHooks) {
    this.magic = magic;
    this.base = base;
    this.#hooks = hooks;
  }

  call(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[], nBinders: number): SugaredValue {
    if (args.length > 0 && args[0].value.type.kind === 'ClassType') {
      const method = wrap(this.#hooks, args[0].value).attr?.(ctx, range, this.magic);
      if (!method?.call) ctx.error(range, `'${args[0].value.type.pythonStr()}' object has no method '${this.magic}'`);
      return method.call(ctx, range, args.slice(1), kwargs, nBinders);
    }
    return this.base.call(ctx, range, args, kwargs, nBinders);
  }
}

/**
 * `int(x)`, `float(x)`, `bool(x)`, `str(x)`, `complex(x)`: a value of the type already passes
 * through; `bool` of a list, str or dict is `len(x) > 0`; otherwise the cast op (PyTorch's CastValue).
 */
export class CastValue implements SugaredValue {
  readonly kind = 'builtin';
  readonly type: JitType;
  readonly op: string;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(type: JitType, op: string, hooks?: BuiltinHooks) {
    this.type = type;
    this.op = op;
    this.#hooks = hooks;
  }

  call(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    if (args.length === 1 && kwargs.length === 0) {
      const value = args[0].value;
      if (value.type.isSubtypeOf(this.type)) return wrap(this.#hooks, value);
      const t = value.type.kind;
      if (this.type.kind === 'BoolType' && (t === 'ListType' || t === 'StringType' || t === 'DictType')) {
        const len = ctx.builtin('aten::len', [{ value, range }], [], range);
        const zero = ctx.graph.insertConstant({ kind: 'int', value: 0 });
        return wrap(
          this.#hooks,
          ctx.builtin(
            'aten::gt',
            [
              { value: len, range },
              { value: zero, range },
            ],
            [],
            range,
          ),
        );
      }
    }
    return wrap(this.#hooks, ctx.builtin(this.op, args, kwargs, range));
  }
}

/** `x.float()`, `x.long()`...: `aten::to(self, dtype=<ScalarType>)` (PyTorch's TensorCastValue). */
export class TensorCastValue implements SugaredValue {
  readonly kind = 'builtin';
  readonly dtype: number;
  readonly self: NamedValue;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(dtype: number, self: NamedValue, hooks?: BuiltinHooks) {
    this.dtype = dtype;
    this.self = self;
    this.#hooks = hooks;
  }

  call(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    // PyTorch asserts here (an internal error); a user error is what it is.
    if (args.length > 0 || kwargs.length > 0)
      ctx.error(range, 'Tensor cast methods (x.float(), x.long(), ...) take no arguments');
    const dtype = ctx.constant({ kind: 'int', value: this.dtype }, range);
    return wrap(
      this.#hooks,
      ctx.builtin(
        'aten::to',
        [],
        [
          { ...this.self, name: 'self' },
          { value: dtype, range, name: 'dtype' },
        ],
        range,
      ),
    );
  }
}

/** `print(a, b)`: a `prim::Print` node; the call's value is None. */
export class PrintValue implements SugaredValue {
  readonly kind = 'print';

  call(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    if (kwargs.length > 0) ctx.error(range, "print doesn't accept any keyword arguments");
    const node = ctx.graph.create(
      'prim::Print',
      args.map((a) => a.value),
      0,
    );
    const sourceRange = ctx.sourceRange?.(range);
    if (sourceRange) node.setSourceRange(sourceRange);
    ctx.graph.insertNode(node);
    return NONE_RESULT;
  }
}

/** The result of a call that returns nothing usable (print). */
const NONE_RESULT: SugaredValue = {
  kind: 'None',
  asValue(ctx: EmitContext, range: Range): Value {
    return ctx.error(range, 'None cannot be used as a value');
  },
};

/** A constant of a Python module (`math.pi`, `torch.float32` as its ScalarType int). */
export class ConstantValue implements SugaredValue {
  readonly kind: string;
  readonly value: IValue;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(value: IValue, kind: string, hooks?: BuiltinHooks) {
    this.value = value;
    this.kind = kind;
    this.#hooks = hooks;
  }

  asValue(ctx: EmitContext, range: Range): Value {
    return ctx.constant(this.value, range);
  }

  attr(ctx: EmitContext, range: Range, name: string): SugaredValue {
    const simple = wrap(this.#hooks, this.asValue(ctx, range));
    if (!simple.attr) ctx.error(range, `'${this.kind}' object has no attribute or method '${name}'.`);
    return simple.attr(ctx, range, name);
  }
}
