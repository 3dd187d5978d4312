import {
  BoolType,
  FloatType,
  type Graph,
  IntType,
  type JitType,
  ListType,
  NoneType,
  OptionalType,
  type ScalarTypeName,
  StringType,
  TensorType,
  type Value,
} from '@tsjit/ir';
import {
  addFunctionHelpers,
  cppDtypeName,
  dtypeToCode,
  FloatScalar,
  type Functions,
  isFloatingDtype,
  type OpRegistry,
  type Overload,
  resolveOverload,
  resolveVarargs,
  splitOptions,
  toDtype,
} from '@tsjit/ops';
import { callOp, dispatch, Tensor } from '@tsjit/tensor';
import { SymTensor, type TensorInfo } from './sym-tensor.js';
import { SymbolicGradientError } from './symbolic-gradient-error.js';

/** A sizes list returned by `F.sizes(t)` in graph mode: it remembers its tensor, so that passing it on emits `aten::size`. */
const SIZES_OF = Symbol('tsjit.sizesOf');
type TaggedSizes = number[] & { [SIZES_OF]?: SymTensor };

/** What graph-mode `F` needs from the differentiation under way. */
export interface GraphFunctionsHost {
  readonly backward: Graph;
  readonly registry: OpRegistry;
  /** The backward graph's value for `t` (a capture of its forward value on first use). */
  backwardValue(t: SymTensor): Value;
  /** `aten::size(t)` as a backward value (computed in the forward and captured when `t` is a forward value). */
  sizesValue(t: SymTensor): Value;
  /** A new tensor of the backward graph. */
  newTensor(value: Value, info: TensorInfo | undefined): SymTensor;
}

export const isSymTensor = (v: unknown): v is SymTensor => v instanceof SymTensor;

/**
 * `F` in graph mode: every op of the registry by its camelCase name emits a node into the
 * backward graph instead of computing. The overload is resolved from the arguments exactly as the
 * eager `F` resolves it (`resolveOverload` over the same schemas, SymTensors standing for tensors);
 * JS values become `prim::Constant`s of the argument's type, lists of tensors `prim::ListConstruct`s.
 * Output types carry the sizes and dtype the op's `meta` computes, so that rules can read them on
 * intermediate results too. Helpers: `F.sizes(t)` is `t`'s sizes (emitted as `aten::size(t)` when
 * passed on unchanged), `F.sumTo` reduces with `aten::sum` + `aten::reshape`, `F.isTensor`.
 */
export function graphFunctions(host: GraphFunctionsHost): Functions {
  const F: Functions = {};
  for (const [name, list] of host.registry.byCamelName()) {
    F[name] = (...args: unknown[]) => emitCall(host, list, args);
  }
  addFunctionHelpers(F, isSymTensor);
  F.sizes = (t: SymTensor): TaggedSizes => {
    const sizes = [...t.sizes] as TaggedSizes;
    Object.defineProperty(sizes, SIZES_OF, { value: t, enumerable: false });
    return sizes;
  };
  F.sumTo = (t: SymTensor, sizes: TaggedSizes) => {
    const ts = t.sizes;
    if (ts.length === sizes.length && ts.every((n, i) => n === sizes[i])) return t;
    const lead = ts.length - sizes.length;
    const dims: number[] = [];
    for (let d = 0; d < ts.length; d++) {
      if (d < lead || (sizes[d - lead] === 1 && ts[d] !== 1)) dims.push(d);
    }
    const summed = dims.length ? F.sum(t, dims, true) : t;
    return F.reshape(summed, sizes);
  };
  return F;
}

function emitCall(host: GraphFunctionsHost, list: readonly Overload[], args: unknown[]): unknown {
  const [positional, keywords] = splitOptions(args, isSymTensor);
  let overload: Overload;
  let values = positional;
  try {
    overload = resolveOverload(list, positional, keywords, isSymTensor);
  } catch (e) {
    const packed = resolveVarargs(list, positional, keywords, isSymTensor);
    if (packed === null) throw e;
    overload = packed.overload;
    values = packed.positional;
  }
  const bound = overload.bind(values, keywords);
  // Arithmetic of a rule on plain values (`F.mul(scale, input_scale)` on Python scalars) has nothing
  // symbolic in it: it runs now, as it would eagerly.
  if (!overload.schema.returns.some((r) => carriesTensor(r.type))) {
    // A plain value out of integer tensors (`start.item()`) comes from their profiled contents.
    const concrete: Record<string, unknown> = {};
    let known = true;
    for (const [k, v] of Object.entries(bound)) {
      const c = profiledValue(v);
      if (c === undefined && v !== undefined) known = false;
      concrete[k] = c;
    }
    if (known) return dispatch(overload, concrete);
  }
  return emitOverload(host, overload, bound);
}

function carriesTensor(t: JitType): boolean {
  return t.kind === 'TensorType' || t.containedTypes().some(carriesTensor);
}

/** `v` with integer and bool SymTensors replaced by their profiled tensors; undefined if one is not known. */
function profiledValue(v: unknown): unknown {
  if (v instanceof SymTensor) {
    const dtype = v.info?.dtype;
    return dtype !== undefined && !isFloatingDtype(dtype) ? v.profiledData() : undefined;
  }
  if (Array.isArray(v)) {
    const items = v.map(profiledValue);
    return items.some((e, i) => e === undefined && v[i] !== undefined) ? undefined : items;
  }
  return v;
}

/**
 * Emits one node of `overload` with arguments by schema name (SymTensors for tensors, JS values for
 * the rest); returns its result as SymTensors (a JS array for several results or a tensor list).
 */
export function emitOverload(host: GraphFunctionsHost, overload: Overload, bound: Record<string, unknown>): unknown {
  const schema = overload.schema;
  const g = host.backward;
  const inputs = schema.arguments.map((a) => argumentValue(host, bound[a.name], a.type, a.realType));
  const node = g.insert(schema.name, inputs, 0);
  node.setSchema(schema);
  const meta = resultInfo(overload, bound);
  const results = schema.returns.map((r, i) => {
    const type = r.type;
    if (type.kind === 'TensorType') {
      const info = meta?.[i] as TensorInfo | undefined;
      return host.newTensor(node.addOutput(tensorType(info)), info);
    }
    if (type.kind === 'ListType' && (type as ListType).elementType.kind === 'TensorType') {
      const list = node.addOutput(type);
      if (meta === undefined) {
        throw new SymbolicGradientError(
          `${overload.qualifiedName} returns a list whose length is not known statically`,
        );
      }
      const unpack = g.insert('prim::ListUnpack', [list], 0);
      return meta.map((m) => host.newTensor(unpack.addOutput(tensorType(m as TensorInfo)), m as TensorInfo));
    }
    node.addOutput(type);
    throw new SymbolicGradientError(`${overload.qualifiedName}: a derivative rule used a non-tensor result`);
  });
  return results.length === 1 ? results[0] : results;
}

/** A tensor type refined with what is known. */
export function tensorType(info: TensorInfo | undefined): TensorType {
  if (info === undefined) return TensorType.get();
  return TensorType.create({
    sizes: info.sizes,
    scalarType: info.dtype === undefined ? undefined : (cppDtypeName(info.dtype) as ScalarTypeName),
  });
}

function unwrapOptional(t: JitType): JitType {
  return t.kind === 'OptionalType' ? (t as OptionalType).elementType : t;
}

/** The backward value of a JS argument of schema type `type`. */
function argumentValue(host: GraphFunctionsHost, v: unknown, declared: JitType, real: JitType): Value {
  const g = host.backward;
  if (v instanceof SymTensor) return host.backwardValue(v);
  if (v === null || v === undefined) return g.insertConstant(null);
  const type = unwrapOptional(declared);
  const realType = unwrapOptional(real);
  if (Array.isArray(v)) {
    const tagged = (v as TaggedSizes)[SIZES_OF];
    if (tagged !== undefined) return host.sizesValue(tagged);
    const element = type.kind === 'ListType' ? (type as ListType).elementType : undefined;
    if (element !== undefined && unwrapOptional(element).kind === 'TensorType') {
      const items = v.map((e) => argumentValue(host, e, element, element));
      const node = g.insert('prim::ListConstruct', items, 0);
      node.addOutput(
        ListType.of(element.kind === 'OptionalType' ? OptionalType.of(TensorType.get()) : TensorType.get()),
      );
      return node.output();
    }
    const kind = element ? unwrapOptional(element).kind : 'IntType';
    if (kind === 'FloatType') {
      return g.insertConstant(
        v.map((e) => ({ kind: 'float', value: e instanceof FloatScalar ? e.value : Number(e) }) as never),
        { type: ListType.of(FloatType.get()) },
      );
    }
    if (kind === 'BoolType') return g.insertConstant(v as boolean[], { type: ListType.of(BoolType.get()) });
    return g.insertConstant(
      v.map((e) => ({ kind: 'int', value: e }) as never),
      { type: ListType.of(IntType.get()) },
    );
  }
  if (v instanceof FloatScalar) return g.insertConstant({ kind: 'float', value: v.value } as never);
  if (typeof v === 'boolean') return g.insertConstant(v);
  if (typeof v === 'bigint') return g.insertConstant(v);
  if (typeof v === 'string') {
    if (realType.kind === 'ScalarTypeType') return g.insertConstant(dtypeToCode(toDtype(v)));
    return g.insertConstant(v, { type: StringType.get() });
  }
  if (typeof v === 'number') {
    if (type.kind === 'FloatType') return g.insertConstant({ kind: 'float', value: v } as never);
    if (type.kind === 'BoolType') return g.insertConstant(v !== 0);
    // Scalar and int arguments: an integral JS number is an int, as the eager resolution reads it
    // (beyond 2^53 it can only have been a float).
    if (!Number.isSafeInteger(v) && type.kind !== 'IntType')
      return g.insertConstant({ kind: 'float', value: v } as never);
    return g.insertConstant(v);
  }
  if (type.kind === 'NoneType') return g.insertConstant(null, { type: NoneType.get() });
  throw new SymbolicGradientError(`cannot pass ${String(v)} as ${declared.annotationStr()} in a backward graph`);
}

type Info = { readonly sizes: readonly number[]; readonly dtype: string };

/**
 * The sizes and dtypes of an op's results: from its `meta`, else by running it once on zeros of
 * the arguments' sizes (shape inference by execution, at differentiation time only).
 */
function resultInfo(overload: Overload, bound: Record<string, unknown>): readonly Info[] | undefined {
  try {
    const m = overload.op.metaFor(overload)?.(bound, overload);
    if (m !== undefined) return Array.isArray(m) ? (m as Info[]) : [m as Info];
  } catch {
    // fall through to running it
  }
  try {
    const concrete = (v: unknown): unknown => {
      if (v instanceof SymTensor) {
        const info = v.info;
        if (info?.sizes === undefined || info.dtype === undefined) throw new Error('unknown');
        // Integer and bool tensors (indices, masks) may decide the result's shape: only their
        // profiled contents will do. Floating contents do not shape results in derivative rules.
        if (!isFloatingDtype(info.dtype)) {
          const data = v.profiledData();
          if (data === undefined) throw new Error('contents unknown');
          return data;
        }
        return callOp('zeros', [[...info.sizes], { dtype: info.dtype }]);
      }
      if (Array.isArray(v)) return v.map(concrete);
      return v;
    };
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(bound)) args[k] = concrete(v);
    const result = dispatch(overload, args);
    const list = Array.isArray(result) ? result : [result];
    if (!list.every((t) => t instanceof Tensor || t === null)) return undefined;
    // An undefined result (left out by an output mask) has nothing to know.
    return list.map((t) => (t instanceof Tensor ? { sizes: [...t.sizes], dtype: t.dtype } : undefined)) as Info[];
  } catch {
    return undefined;
  }
}
