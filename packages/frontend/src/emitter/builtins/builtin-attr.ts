import { type EnumType, IntType, type JitType, StringType, type TupleType, type Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import { emitBuiltinCall } from '../schema-matching.js';
import { SchemaRegistry } from '../schema-registry.js';
import { evalTypeVariables, matchTypeVariables, type TypeEnv } from '../type-variables.js';
import { BuiltinFunctionValue, type BuiltinHooks, TensorCastValue, wrap } from './builtin-values.js';

/** `x.float()` and friends: the method name and the ScalarType it casts to. */
export const TENSOR_CAST_METHODS: Readonly<Record<string, number>> = {
  byte: 0,
  char: 1,
  short: 2,
  int: 3,
  long: 4,
  half: 5,
  float: 6,
  double: 7,
  cfloat: 9,
  cdouble: 10,
};

/**
 * Properties of builtin types that are operators (PyTorch's builtin_properties in
 * SimpleValue::attr): the namespace of the op named after the property. `x.shape`, `x.T`,
 * `x.ndim` are builtin functions (prim::shape → aten::size...), the rest operators.
 */
const PROPERTIES: Readonly<Partial<Record<string, Readonly<Record<string, string>>>>> = {
  OptionalType: { unchecked_unwrap_optional: 'prim' },
  TensorType: {
    dtype: 'prim',
    device: 'prim',
    grad: 'prim',
    data: 'prim',
    shape: 'prim',
    is_cuda: 'prim',
    is_xpu: 'prim',
    is_sparse: 'prim',
    is_sparse_csr: 'prim',
    is_mkldnn: 'prim',
    is_mps: 'prim',
    is_quantized: 'prim',
    is_vulkan: 'prim',
    is_ipu: 'prim',
    is_meta: 'prim',
    is_leaf: 'aten',
    is_nested: 'prim',
    requires_grad: 'prim',
    layout: 'prim',
    T: 'prim',
    H: 'prim',
    mT: 'aten',
    mH: 'aten',
    is_ort: 'prim',
    ndim: 'prim',
    name: 'prim',
    real: 'aten',
    imag: 'aten',
    retains_grad: 'aten',
  },
  DeviceObjType: { type: 'prim', index: 'prim' },
};

/**
 * An attribute of a value of a builtin type, as PyTorch's SimpleValue::attr resolves it: Tensor
 * casts (`x.float()`), properties that are ops (`x.shape`, `x.dtype`, `x.device`, `x.T`,
 * `d.type` of a Device), NamedTuple fields (prim::TupleIndex), an enum's `name` and `value`, and
 * methods: any `aten::<name>` operator with a `self` parameter that accepts the value (`x.add`,
 * `x.view`, `l.append`, `s.split`, `d.items`, `d.get`). `x.tolist()` and `x.__getitem__` go to
 * the emitter's special forms. Undefined when the value has no such builtin attribute (the
 * emitter then reports `noAttributeMessage`); class, interface and module members are the
 * emitter's.
 */
export function builtinAttr(
  ctx: EmitContext,
  range: Range,
  self: Value,
  name: string,
  hooks?: BuiltinHooks,
): SugaredValue | undefined {
  const type = self.type;
  const selfArg: NamedValue = { value: self, range, name: 'self' };
  const isTensor = type.kind === 'TensorType';

  if (isTensor && Object.hasOwn(TENSOR_CAST_METHODS, name)) {
    return new TensorCastValue(TENSOR_CAST_METHODS[name], selfArg, hooks);
  }

  const namespace = PROPERTIES[type.kind]?.[name];
  if (namespace !== undefined && Object.hasOwn(PROPERTIES[type.kind] as object, name)) {
    // PyTorch inserts these without a source range.
    const quiet = Object.create(ctx, { sourceRange: { value: undefined } }) as EmitContext;
    const registry = hooks?.registry ?? SchemaRegistry.fromOps();
    return wrap(hooks, emitBuiltinCall(quiet, registry, `${namespace}::${name}`, [{ value: self, range }], [], range));
  }

  if (type.kind === 'TupleType') {
    const tuple = type as TupleType;
    const index = tuple.names?.indexOf(name) ?? -1;
    if (index >= 0) {
      const position = ctx.graph.insertConstant({ kind: 'int', value: index });
      const node = ctx.graph.create('prim::TupleIndex', [self, position], 1);
      node.output().setType(tuple.elements[index]);
      return wrap(hooks, ctx.graph.insertNode(node).output());
    }
  }

  if (type.kind === 'EnumType' && (name === 'name' || name === 'value')) {
    const enumType = type as EnumType;
    const kind = name === 'name' ? 'prim::EnumName' : 'prim::EnumValue';
    const node = ctx.graph.create(kind, [self], 1);
    node.output().setType(name === 'name' ? StringType.get() : (enumType.valueType ?? IntType.get()));
    return wrap(hooks, ctx.graph.insertNode(node).output());
  }

  if (type.kind === 'ClassType' || type.kind === 'InterfaceType') return undefined;

  const registry = hooks?.registry ?? SchemaRegistry.fromOps();
  if (hasBuiltinMethod(registry, `aten::${name}`, type)) {
    return new BuiltinFunctionValue(`aten::${name}`, selfArg, hooks);
  }
  // `x.type(dtype)` is a conversion, as in PyTorch: aten::to.
  if (name === 'type' && hasBuiltinMethod(registry, 'aten::to', type)) {
    return new BuiltinFunctionValue('aten::to', selfArg, hooks);
  }

  if (isTensor && name === 'tolist') return hooks?.specialForm?.('prim::tolist', selfArg);
  if (isTensor && name === '__getitem__') return hooks?.specialForm?.('aten::index', selfArg);
  if (type.kind === 'GeneratorType' && (name === 'manual_seed' || name === 'initial_seed' || name === 'seed')) {
    if (hasBuiltinMethod(registry, `aten::${name}`, type))
      return new BuiltinFunctionValue(`aten::${name}`, selfArg, hooks);
  }
  return undefined;
}

/** PyTorch's message for a missing attribute of a builtin-typed value. */
export function noAttributeMessage(type: JitType, name: string): string {
  return `'${type.pythonStr()}' object has no attribute or method '${name}'.`;
}

/**
 * Whether some overload of `qualifiedName` takes a `self` that a value of `type` is, without
 * conversions (PyTorch's BuiltinFunction::tryCreate).
 */
export function hasBuiltinMethod(registry: SchemaRegistry, qualifiedName: string, type: JitType): boolean {
  for (const schema of registry.lookup(qualifiedName)) {
    const self = schema.arguments.find((a) => a.name === 'self');
    if (!self) continue;
    const env: TypeEnv = new Map();
    if (matchTypeVariables(self.type, type, env) !== undefined) continue;
    const concrete = evalTypeVariables(self.type, env);
    if (concrete && type.isSubtypeOf(concrete)) return true;
  }
  return false;
}
