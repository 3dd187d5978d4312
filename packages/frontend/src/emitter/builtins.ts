/**
 * The builtins of TorchScript: what `torch.X`, `math.X`, `torch.ops.ns.X` / `ops.ns.X`, the
 * global builtin functions, the methods and properties of builtin-typed values and the operators
 * resolve to. The values call operators through `ctx.builtin` (schema matching).
 */

import { BuiltinModuleValue, OpsValue, PythonModuleValue } from './builtins/builtin-modules.js';
import type { BuiltinHooks } from './builtins/builtin-values.js';
import type { SugaredValue } from './contracts.js';

export { builtinAttr, hasBuiltinMethod, noAttributeMessage, TENSOR_CAST_METHODS } from './builtins/builtin-attr.js';
export { builtinFunctionsFor } from './builtins/builtin-functions.js';
export { builtinGlobal, SPECIAL_FORM_GLOBALS } from './builtins/builtin-globals.js';
export { BuiltinModuleValue, OpsValue, PythonModuleValue, pythonBuiltinOp } from './builtins/builtin-modules.js';
export {
  BuiltinFunctionValue,
  type BuiltinHooks,
  CastValue,
  ConstantValue,
  MagicMethodValue,
  PrintValue,
  plainValue,
  TensorCastValue,
} from './builtins/builtin-values.js';
export {
  type AugmentedOperator,
  augmentedAssignmentMagic,
  augmentedAssignmentOp,
  binaryOperatorMagic,
  binaryOperatorOp,
  type CompareOp,
  compareOperatorOp,
  unaryOperatorMagic,
  unaryOperatorOp,
} from './builtins/operator-tables.js';

/** `torch` in TorchScript source: Python's torch module as TorchScript resolves its members. */
export function torchModule(hooks?: BuiltinHooks): SugaredValue {
  return new PythonModuleValue('torch', hooks);
}

/** `math` in TorchScript source. */
export function mathModule(hooks?: BuiltinHooks): SugaredValue {
  return new PythonModuleValue('math', hooks);
}

/** A Python module by name (`torch.nn.functional`, `cmath`, `warnings`) as TorchScript source sees it. */
export function pythonModule(name: string, hooks?: BuiltinHooks): SugaredValue {
  return new PythonModuleValue(name, hooks);
}

/** `torch` in archive code (`code/**.py`): every member is `aten::<member>`. */
export function archiveTorchModule(hooks?: BuiltinHooks): SugaredValue {
  return new BuiltinModuleValue('aten', hooks);
}

/** `ops` in archive code, and `torch.ops`: `ops.prim.device`, `ops.quantized.linear_dynamic`. */
export function opsModule(hooks?: BuiltinHooks): SugaredValue {
  return new OpsValue(hooks);
}
