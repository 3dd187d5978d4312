import {
  type Argument,
  deviceValue,
  type FunctionSchema,
  FunctionType,
  floatValue,
  Graph,
  type IValue,
  intValue,
  type JitType,
  ListType,
  NoneType,
  type OptionalType,
  type SourceRange,
  TensorType,
  TupleType,
  tensorValue,
  type Value,
} from '@tsjit/ir';
import { cppDtypeName, dtypeToCode, FloatScalar, type OpArgs, type Overload, toDtype } from '@tsjit/ops';
import { activeModes, type DataReadKind, type DispatchMode, opGroup, Tensor } from '@tsjit/tensor';
import type { ScriptFunction } from '../script-function.js';
import type { ScriptCallee, ScriptCallRecorder, ScriptObjectLike } from './active-tracer.js';
import { warnDataRead } from './tracer-warning.js';
import { TracingError } from './tracing-error.js';
import { userFrame } from './user-frame.js';

/** The complete type PyTorch's tracer gives a tensor: `Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)`. */
export function tensorTypeOf(t: Tensor): TensorType {
  return TensorType.create({
    scalarType: cppDtypeName(t.dtype) as never,
    sizes: t.sizes,
    strides: t.strides,
    requiresGrad: t.requiresGrad,
    device: 'cpu',
  });
}

// PyTorch's Python bindings of these ops take `Tensor other` only: a number is wrapped into a 0-d
// tensor (int64, float64 or bool), which the tracer records as a tensor constant. Recording the
// same keeps traces identical to PyTorch's (`aten::mul(%x, %c)` with `%c = prim::Constant[value={2}]`).
const WRAPS_NUMBERS = new Set(['add', 'add_', 'sub', 'sub_', 'mul', 'mul_', 'div', 'div_', 'floor_divide']);

/**
 * The recorder of a trace: a dispatcher mode that appends a node for every op the traced code
 * dispatches, with the overload's schema, and keeps the Value each tensor currently stands for
 * (an in-place op's output replaces its `self`'s; a view gets the view op's output). Tensors the
 * trace did not produce are `externalValue`'s business (module tracing reads parameters with
 * prim::GetAttr there) or else become tensor constants, as in PyTorch.
 */
export class TracingState implements DispatchMode, ScriptCallRecorder {
  readonly graph = new Graph();
  readonly #values = new Map<Tensor, Value>();
  /** The scripted functions the graph calls (`prim::CallFunction`), by qualified name. */
  readonly callees = new Map<string, ScriptFunction>();
  // Above zero while a recorded scripted call runs: its ops belong to the callee, not to the trace.
  #paused = 0;
  /** A Value for a tensor the trace did not produce (a module's parameter), or undefined for a constant. */
  externalValue: ((t: Tensor) => Value | undefined) | undefined;
  /**
   * The Value of a scripted object called during the trace (module tracing: a submodule, read
   * with prim::GetAttr), or undefined when the trace does not know it (PyTorch's error).
   */
  objectValue: ((object: ScriptObjectLike) => Value | undefined) | undefined;

  /** Whether this recorder sees calls right now (not while an op it recorded runs). */
  get isRecording(): boolean {
    return this.#paused === 0 && activeModes().includes(this);
  }

  /** The tensor data hook while tracing: warns where the user's code reads data (see TracerWarning). */
  onDataRead(kind: DataReadKind, tensor: Tensor): void {
    if (!this.isRecording) return;
    warnDataRead(kind, tensor.dtype === 'bool');
    if (kind === 'fromData') this.#recordFromData(tensor);
  }

  /**
   * A tensor made from JS data while tracing, recorded as PyTorch records `torch.tensor(data)`:
   * the data as a constant, then `aten::to(constant, device, dtype, False, False, None)` and
   * `aten::detach`, whose output the tensor stands for.
   */
  #recordFromData(t: Tensor): void {
    const range = userRange();
    const type = tensorTypeOf(t);
    const constant = this.graph.insertConstant(tensorValue(t), { type, sourceRange: range });
    const to = opGroup('to').overloads.find((o) => o.overloadName === 'device');
    const detach = opGroup('detach').overloads.find((o) => o.overloadName === '');
    if (to === undefined || detach === undefined) {
      this.#values.set(t, constant);
      return;
    }
    const options = [deviceValue('cpu'), intValue(dtypeToCode(t.dtype)), false, false, null];
    const optionValues = options.map((v) => this.graph.insertConstant(v, { sourceRange: range }));
    const moved = this.#insertOp(to, [constant, ...optionValues], type, range);
    this.#values.set(t, this.#insertOp(detach, [moved], type, range));
  }

  #insertOp(overload: Overload, inputs: readonly Value[], type: JitType, range: SourceRange | undefined): Value {
    const node = this.graph.create(overload.schema.name, inputs, 1);
    node.setSchema(overload.schema);
    if (range) node.setSourceRange(range);
    node.output().setType(type);
    return this.graph.insertNode(node).output();
  }

  /** Makes `value` stand for `t` from now on. */
  setValue(t: Tensor, value: Value): void {
    this.#values.set(t, value);
  }

  /** The Value `t` stands for: recorded, external, or a new tensor constant. */
  valueOf(t: Tensor, range?: SourceRange): Value {
    const known = this.#values.get(t);
    if (known !== undefined) return known;
    const external = this.externalValue?.(t);
    if (external !== undefined) {
      this.#values.set(t, external);
      return external;
    }
    if (t.requiresGrad) {
      throw new TracingError(
        'Cannot insert a Tensor that requires grad as a constant. Consider making it a parameter or input, or ' +
          'detaching the gradient',
      );
    }
    const value = this.graph.insertConstant(tensorValue(t), { type: tensorTypeOf(t), sourceRange: range });
    this.#values.set(t, value);
    return value;
  }

  recordScriptCall(callee: ScriptCallee, args: readonly unknown[], run: () => unknown): unknown {
    const range = userRange();
    const inputs = callee.schema.arguments.map((a, i) => this.#argumentValue(args[i], a.type, range));
    const fn = this.graph.insert('prim::Constant', [], 1);
    // PyTorch's function constant names the function (`helper`); its type carries the qualified name.
    fn.setS('name', callee.qualifiedName.slice(callee.qualifiedName.lastIndexOf('.') + 1));
    fn.output().setType(FunctionType.named(callee.qualifiedName, callee.schema));
    const call = this.graph.insert('prim::CallFunction', [fn.output(), ...inputs], 0);
    const output = call.addOutput(callee.schema.returns[0]?.type ?? NoneType.get());
    this.callees.set(callee.qualifiedName, callee as ScriptFunction);
    this.#paused++;
    let result: unknown;
    try {
      result = run();
    } finally {
      this.#paused--;
    }
    this.#bindResult(output, result);
    return result;
  }

  recordMethodCall(
    self: ScriptObjectLike,
    name: string,
    schema: FunctionSchema,
    args: readonly unknown[],
    run: () => unknown,
    recorded: (result: unknown) => unknown = (result) => result,
  ): unknown {
    const selfValue = this.objectValue?.(self);
    if (selfValue === undefined) {
      throw new TracingError(
        `Tried to trace <${self.type.qualifiedName} object> but it is not part of the active trace. Modules that ` +
          'are called during a trace must be registered as submodules of the thing being traced.',
      );
    }
    const range = userRange();
    const inputs = schema.arguments.slice(1).map((a, i) => this.#argumentValue(args[i + 1], a.type, range));
    const call = this.graph.insert('prim::CallMethod', [selfValue, ...inputs], 0);
    call.setS('name', name);
    const output = call.addOutput(NoneType.get());
    this.#paused++;
    let result: unknown;
    try {
      result = run();
    } finally {
      this.#paused--;
    }
    // Read after the call: a traced submodule's schema is known only once its trace has run.
    // Typed as the callee declares it, without the trace's shapes (`%5 : Tensor = prim::CallMethod`), as PyTorch.
    output.setType(unshaped(schema.returns[0]?.type ?? NoneType.get()));
    this.#bindResult(output, recorded(result));
    return result;
  }

  /** Maps the tensors of a call's result to `value` (unpacking tuples and lists of them). */
  #bindResult(value: Value, result: unknown): void {
    if (result instanceof Tensor) {
      this.#values.set(result, value);
      return;
    }
    const kind = value.type.kind;
    if (!Array.isArray(result) || (kind !== 'TupleType' && kind !== 'ListType')) return;
    if (!result.some((r) => r instanceof Tensor || Array.isArray(r))) return;
    const unpack = this.graph.insert(
      kind === 'TupleType' ? 'prim::TupleUnpack' : 'prim::ListUnpack',
      [value],
      result.length,
    );
    const elementTypes =
      kind === 'TupleType'
        ? (value.type as TupleType).elements
        : result.map(() => (value.type as ListType).elementType);
    result.forEach((r, i) => {
      // The unpacked tensors take the types seen at trace time, as PyTorch's setValue gives them.
      unpack.outputs[i].setType(
        r instanceof Tensor && elementTypes[i]?.kind === 'TensorType' ? tensorTypeOf(r) : elementTypes[i],
      );
      this.#bindResult(unpack.outputs[i], r);
    });
  }

  handle(overload: Overload, args: OpArgs, next: (args: OpArgs) => unknown): unknown {
    if (this.#paused > 0) return next(args);
    const range = userRange();
    const target = wrappedTarget(overload, args);
    const recorded = withTensorOptions(target, args);
    const inputs: Value[] = [];
    for (const argument of target.schema.arguments) {
      let v = recorded[argument.name];
      if (target !== overload && argument.name === 'other') v = wrapNumber(v);
      inputs.push(this.#argumentValue(v, argument.type, range));
    }
    const result = next(args);
    const node = this.graph.create(target.schema.name, inputs, 0);
    node.setSchema(target.schema);
    if (range) node.setSourceRange(range);
    this.graph.insertNode(node);
    const returns = target.schema.returns;
    const results = returns.length === 1 ? [result] : (result as readonly unknown[]);
    for (let i = 0; i < returns.length; i++)
      this.#bindOutput(node.addOutput(returns[i].type), returns[i], results[i], range);
    return result;
  }

  #bindOutput(output: Value, ret: Argument, result: unknown, range: SourceRange | undefined): void {
    if (result instanceof Tensor) {
      output.setType(tensorTypeOf(result));
      this.#values.set(result, output);
      return;
    }
    const isTensorList =
      ret.type.kind === 'ListType' && (ret.type as ListType).elementType.kind === 'TensorType' && Array.isArray(result);
    if (!isTensorList) return;
    const items = result as readonly Tensor[];
    const unpack = this.graph.create('prim::ListUnpack', [output], items.length);
    if (range) unpack.setSourceRange(range);
    this.graph.insertNode(unpack);
    items.forEach((t, i) => {
      unpack.outputs[i].setType(tensorTypeOf(t));
      this.#values.set(t, unpack.outputs[i]);
    });
  }

  /** The Value of one op argument of schema type `type` (constants for everything that is not a tensor). */
  #argumentValue(v: unknown, type: JitType, range: SourceRange | undefined): Value {
    const constant = (value: IValue | number | bigint, t?: JitType) =>
      this.graph.insertConstant(value, { type: t, sourceRange: range });
    if (v === null || v === undefined) return constant(null);
    switch (type.kind) {
      case 'TensorType':
        if (v instanceof Tensor) return this.valueOf(v, range);
        // A number where a tensor goes (`where(c, x, 0)`): a wrapped number, as PyTorch's bindings do.
        return this.valueOf(wrapNumber(v), range);
      case 'OptionalType':
        return this.#argumentValue(v, (type as OptionalType).elementType, range);
      case 'ListType': {
        const element = (type as ListType).elementType;
        const items = Array.isArray(v) ? v : [v];
        const values = items.map((x) => this.#argumentValue(x, element, range));
        const list = this.graph.create('prim::ListConstruct', values, 1);
        list.output().setType(ListType.of(element));
        return this.graph.insertNode(list).output();
      }
      case 'IntType':
      case 'SymIntType':
        // ScalarType arguments are ints in schemas (`ScalarType dtype` has type int): a dtype name goes by its code.
        if (typeof v === 'string') return constant(intValue(dtypeToCode(toDtype(v))));
        return constant(intValue(typeof v === 'boolean' ? Number(v) : (v as number | bigint)));
      case 'FloatType':
        return constant(floatValue(v instanceof FloatScalar ? v.value : Number(v)));
      case 'NumberType':
        if (v instanceof FloatScalar) return constant(floatValue(v.value));
        if (typeof v === 'boolean') return constant(v);
        return constant(v as number | bigint);
      case 'BoolType':
        return constant(Boolean(v));
      case 'StringType':
        return constant(String(v));
      case 'ScalarTypeType':
        return constant(intValue(typeof v === 'number' ? v : dtypeToCode(toDtype(v))));
      case 'DeviceObjType':
        return constant(deviceValue(typeof v === 'string' ? v : (v as { device: string }).device));
      case 'GeneratorType':
        return constant(null);
      case 'TupleType': {
        const elements = (type as TupleType).elements;
        const values = (v as readonly unknown[]).map((x, i) => this.#argumentValue(x, elements[i], range));
        const tuple = this.graph.insert('prim::TupleConstruct', values, 1);
        tuple.output().setType(TupleType.of(values.map((x) => x.type)));
        return tuple.output();
      }
      default:
        if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string')
          return constant(v);
        throw new TracingError(`cannot record an argument of type ${type.annotationStr()} in a trace`);
    }
  }
}

/**
 * The TensorOptions PyTorch's Python bindings pass where the caller gave none: a factory gets the
 * default device and `pin_memory=False`; a `*_like` op also gets its input's dtype and layout.
 */
function withTensorOptions(overload: Overload, args: OpArgs): OpArgs {
  const names = overload.names;
  if (!names.includes('pin_memory') || !names.includes('device')) return args;
  const out: OpArgs = { ...args };
  if (out.device == null) out.device = 'cpu';
  if (out.pin_memory == null) out.pin_memory = false;
  const self = args.self;
  if (overload.baseName.endsWith('_like') && self instanceof Tensor) {
    if (out.dtype == null) out.dtype = self.dtype;
    if (out.layout == null) out.layout = 0;
  }
  return out;
}

/** The user's line as a node's source range (column 0, as PyTorch's traces give). */
function userRange(): SourceRange | undefined {
  const frame = userFrame();
  return frame && { file: frame.file, line: frame.line, col: 0 };
}

/** The overload PyTorch's bindings would have called: `mul.Tensor` with a wrapped number for `mul.Scalar`. */
function wrappedTarget(overload: Overload, args: OpArgs): Overload {
  if (!WRAPS_NUMBERS.has(overload.baseName) || !overload.overloadName.startsWith('Scalar')) return overload;
  const other = args.other;
  if (other instanceof Tensor || other === undefined) return overload;
  const wanted = overload.overloadName.replace('Scalar', 'Tensor');
  const found = overload.op.overloads.find(
    (o) =>
      o.baseName === overload.baseName &&
      (o.overloadName === wanted || (wanted === 'Tensor' && o.overloadName === '')) &&
      o.schema.arguments.length === overload.schema.arguments.length,
  );
  return found ?? overload;
}

/** A JS number as PyTorch's wrapped-number tensor: 0-d int64 (ints), float64 (floats) or bool. */
function wrapNumber(v: unknown): Tensor {
  if (v instanceof Tensor) return v;
  let dtype: 'int64' | 'float64' | 'bool';
  let x: number | bigint | boolean;
  if (typeof v === 'boolean') [dtype, x] = ['bool', v];
  else if (typeof v === 'bigint') [dtype, x] = ['int64', v];
  else if (v instanceof FloatScalar) [dtype, x] = ['float64', v.value];
  else if (typeof v === 'number') [dtype, x] = Number.isInteger(v) ? ['int64', v] : ['float64', v];
  else throw new TracingError(`cannot record ${String(v)} as a tensor in a trace`);
  const t = Tensor.empty([], dtype);
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (dtype === 'int64') view.setBigInt64(0, BigInt(x as number | bigint), true);
  else if (dtype === 'float64') view.setFloat64(0, x as number, true);
  else view.setUint8(0, x ? 1 : 0);
  return t;
}

/**
 * What a traced submodule's forward returns in its graph: its result without the nulls of tuples
 * (MultiheadAttention's `[output, null]` without weights), a tuple left with one item being that
 * item, as PyTorch's traced submodules return only the values the trace recorded.
 */
export function withoutNones(result: unknown): unknown {
  if (!Array.isArray(result)) return result;
  const kept = result.filter((r) => r !== null && r !== undefined).map(withoutNones);
  return kept.length === 1 && kept.length !== result.length ? kept[0] : kept;
}

/** A type with its tensor types made plain `Tensor` (inside tuples and lists too). */
function unshaped(type: JitType): JitType {
  if (type.kind === 'TensorType') return TensorType.get();
  if (type.kind === 'TupleType') {
    const tuple = type as TupleType;
    // Named tuples keep their type: their fields are declared, never traced shapes.
    return tuple.names ? tuple : TupleType.of(tuple.elements.map(unshaped));
  }
  if (type.kind === 'ListType') return ListType.of(unshaped((type as ListType).elementType));
  return type;
}
