import { NoneType, type Value } from '@tsjit/ir';
import type { BuiltinProvider } from './builtin-provider.js';
import { builtinAttr } from './builtins/builtin-attr.js';
import { PythonModuleValue } from './builtins/builtin-modules.js';
import type { BuiltinHooks } from './builtins/builtin-values.js';
import type { NamedValue, SugaredValue } from './contracts.js';
import { emitBuiltinCall, matchSchema } from './schema-matching.js';
import type { SchemaRegistry } from './schema-registry.js';
import { BuiltinFunctionValue } from './values/builtin-function-value.js';
import { SimpleValue } from './values/simple-value.js';
import { SpecialFormValue } from './values/special-form-value.js';

/**
 * Special forms reachable as members of the builtin modules (and methods of builtin-typed values)
 * that the emitter handles itself.
 */
function specialForm(name: string, self?: NamedValue): SugaredValue | undefined {
  switch (name) {
    case 'torch.jit.annotate':
      return new SpecialFormValue('prim::annotate');
    case 'torch.jit.fork':
    case 'torch.jit._fork':
      return new SpecialFormValue('prim::fork');
    case 'torch.jit.isinstance':
    case 'torch.jit._isinstance':
      return new SpecialFormValue('prim::isinstance');
    case 'torch.jit.wait':
    case 'torch.jit._wait':
      return new BuiltinFunctionValue('aten::wait');
    case 'torch.jit.is_scripting':
      return new BuiltinFunctionValue('aten::is_scripting');
    case 'torch.jit._unwrap_optional':
      return new BuiltinFunctionValue('aten::_unwrap_optional');
    case 'prim::tolist':
      return new SpecialFormValue('prim::tolist', self);
    default:
      return undefined;
  }
}

/** How the builtin sugared values (builtins/) wrap results and reach the emitter's special forms. */
export function builtinHooks(registry: SchemaRegistry): BuiltinHooks {
  return { simple: (value: Value) => new SimpleValue(value), specialForm, registry };
}

/**
 * The builtins of TorchScript source: operator calls matched against `registry`, the `torch` and
 * `math` modules, and the methods and properties of builtin-typed values (builtins/).
 */
export function defaultBuiltins(registry: SchemaRegistry): BuiltinProvider {
  const hooks = builtinHooks(registry);
  return {
    registry,
    hooks,
    call: (ctx, name, args, kwargs, range, self) => emitBuiltinCall(ctx, registry, name, args, kwargs, range, self),
    attr: (ctx, range, value, name) => builtinAttr(ctx, range, value, name, hooks),
    matchSchema: (ctx, schema, range, args, kwargs, self) => {
      const matched = matchSchema(ctx, schema, range, args, kwargs, self);
      if ('failure' in matched) return ctx.error(range, matched.failure.trimEnd());
      return { inputs: matched.inputs, returnType: matched.returnTypes[0] ?? NoneType.get() };
    },
    global: (name) => {
      if (name === 'torch' || name === 'math') return new PythonModuleValue(name, hooks);
      return undefined;
    },
  };
}
