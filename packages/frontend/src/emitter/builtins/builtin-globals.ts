import { BoolType, ComplexType, FloatType, IntType, StringType, TensorType } from '@tsjit/ir';
import type { SugaredValue } from '../contracts.js';
import { BuiltinFunctionValue, type BuiltinHooks, CastValue, MagicMethodValue, PrintValue } from './builtin-values.js';

/**
 * The Python builtins that are special forms of the emitter (they need the unevaluated
 * arguments, a type hint or control flow): the emitter resolves these names itself, or through
 * `BuiltinHooks.specialForm`.
 */
export const SPECIAL_FORM_GLOBALS: ReadonlySet<string> = new Set([
  'tuple',
  'getattr',
  'hasattr',
  'isinstance',
  'list',
  'dict',
  'range',
  'zip',
  'enumerate',
  'AssertionError',
]);

/**
 * A global name of TorchScript's builtin environment (PyTorch's `globals` table in
 * ir_emitter.cpp): `len` → aten::len (or `__len__` of a class instance), `min`/`max`/`abs` →
 * prim::min/max/abs, the casts `int`/`float`/`bool`/`str`/`complex` → aten::Int/Float/Bool/str/
 * Complex, `print` → prim::Print, `sorted`, `sum`, `any`, `all`, `divmod`, `chr`, `ord`, `hex`,
 * `oct`, `bin`, `round`, `pow`, `hash`, `id`. Special forms (`range`, `isinstance`, ...) come from
 * `hooks.specialForm` when given; undefined for other names.
 */
export function builtinGlobal(name: string, hooks?: BuiltinHooks): SugaredValue | undefined {
  if (SPECIAL_FORM_GLOBALS.has(name)) return hooks?.specialForm?.(name);
  const fn = (op: string) => new BuiltinFunctionValue(op, undefined, hooks);
  switch (name) {
    case 'print':
      return new PrintValue();
    case 'float':
      return new MagicMethodValue('__float__', new CastValue(FloatType.get(), 'aten::Float', hooks), hooks);
    case 'complex':
      return new MagicMethodValue('__complex__', new CastValue(ComplexType.get(), 'aten::Complex', hooks), hooks);
    case 'int':
      return new MagicMethodValue('__int__', new CastValue(IntType.get(), 'aten::Int', hooks), hooks);
    case 'bool':
      return new MagicMethodValue('__bool__', new CastValue(BoolType.get(), 'aten::Bool', hooks), hooks);
    case 'str':
      return new MagicMethodValue('__str__', new CastValue(StringType.get(), 'aten::str', hooks), hooks);
    case '_to_tensor':
      return new CastValue(TensorType.get(), 'prim::NumToTensor', hooks);
    case 'len':
      return new MagicMethodValue('__len__', fn('aten::len'), hooks);
    case 'hex':
      return new MagicMethodValue('__hex__', fn('aten::hex'), hooks);
    case 'oct':
      return new MagicMethodValue('__oct__', fn('aten::oct'), hooks);
    case 'round':
      return new MagicMethodValue('__round__', fn('aten::round'), hooks);
    case 'hash':
      return fn('aten::hash');
    case 'id':
      return fn('prim::id');
    case 'min':
      return fn('prim::min');
    case 'max':
      return fn('prim::max');
    case 'abs':
      return fn('prim::abs');
    case 'all':
      return fn('aten::all');
    case 'any':
      return fn('aten::any');
    case 'divmod':
      return fn('aten::divmod');
    case 'sum':
      return fn('aten::sum');
    case 'ord':
      return fn('aten::ord');
    case 'chr':
      return fn('aten::chr');
    case 'bin':
      return fn('aten::bin');
    case 'pow':
      return fn('aten::pow');
    case 'rangelist':
      return fn('prim::rangelist');
    case 'sorted':
      return fn('aten::sorted');
    default:
      return undefined;
  }
}
