import type { ClassType, EnumType, Graph, Node, Value } from '@tsjit/ir';
import { dictKey, FloatScalar, helpers, type OpArgs, OpError, type OpRegistry, type Overload } from '@tsjit/ops';
import { nodeOperator } from '@tsjit/passes';
import { dispatch, eagerContext, opRegistry, type Tensor, Tensor as TensorClass } from '@tsjit/tensor';
import { completedError, execute } from '../run/execute.js';
import type { RunState } from '../run/run-state.js';
import { Future } from '../values/future.js';
import type { ScriptEnumMember } from '../values/script-enum-member.js';
import { ScriptObject } from '../values/script-object.js';
import { isInstance } from '../values/type-check.js';
import { argumentCheck } from './argument-check.js';
import type { Code, CodeProvider, Runner } from './code.js';
import { runPythonOp } from './python-op-handler.js';
import { runsUndispatched } from './runs-undispatched.js';

export interface RunnerContext {
  reg(v: Value): number;
  constantRegister(value: unknown): number;
  readonly provider: CodeProvider;
  readonly registry?: OpRegistry;
}

export interface CompiledNode {
  readonly run: Runner;
  /** `aten::add.int` when the node runs an op overload (the compiler picks fast paths by it). */
  readonly overloadName?: string;
}

/** The runner of one node: the structural prims here, every other node through its op's implementation. */
export function makeRunner(node: Node, ctx: RunnerContext): CompiledNode {
  const ins = node.inputs.map((v) => ctx.reg(v));
  const outs = node.outputs.map((v) => ctx.reg(v));
  const o = outs[0];
  switch (node.kind) {
    case 'prim::TupleConstruct':
      return { run: tupleConstruct(ins, o) };
    case 'prim::TupleUnpack':
    case 'prim::ListUnpack': {
      const a = ins[0];
      const n = outs.length;
      const isList = node.kind === 'prim::ListUnpack';
      return {
        run: (r) => {
          const items = r[a] as readonly unknown[];
          if (isList && items.length !== n) {
            throw new OpError(`Expected ${n} elements in a list but found ${items.length}`);
          }
          for (let i = 0; i < n; i++) r[outs[i]] = items[i];
        },
      };
    }
    case 'prim::TupleIndex': {
      const [a, b] = ins;
      return {
        run: (r) => {
          const items = r[a] as readonly unknown[];
          let i = Number(r[b]);
          if (i < 0) i += items.length;
          if (!(i >= 0 && i < items.length)) throw new OpError('tuple index out of range');
          r[o] = items[i];
        },
      };
    }
    case 'prim::TupleSlice': {
      const a = ins[0];
      const begin = Number(node.i('beg'));
      const end = Number(node.i('end'));
      return { run: (r) => void (r[o] = Object.freeze((r[a] as unknown[]).slice(begin, end))) };
    }
    case 'prim::ListConstruct':
      return { run: listConstruct(ins, o) };
    case 'prim::DictConstruct':
      return {
        run: (r) => {
          const map = new Map<unknown, unknown>();
          for (let i = 0; i < ins.length; i += 2) map.set(dictKey(r[ins[i]]), r[ins[i + 1]]);
          r[o] = map;
        },
      };
    case 'prim::unchecked_cast':
      return { run: (r) => void (r[o] = r[ins[0]]) };
    case 'prim::GetAttr': {
      const type = node.inputs[0].type as ClassType;
      const name = node.s('name');
      const slot = type.findAttributeSlot(name);
      const a = ins[0];
      if (slot === undefined) return { run: (r) => void (r[o] = (r[a] as ScriptObject).getAttr(name)) };
      return { run: (r) => void (r[o] = (r[a] as ScriptObject).slots[slot]) };
    }
    case 'prim::SetAttr': {
      const name = node.s('name');
      const [a, b] = ins;
      return { run: (r) => (r[a] as ScriptObject).setAttr(name, r[b]) };
    }
    case 'prim::CreateObject': {
      const type = node.output().type as ClassType;
      return { run: (r) => void (r[o] = new ScriptObject(type)) };
    }
    case 'prim::CallFunction':
      return { run: callFunction(node, ins.slice(1), outs, ctx.provider) };
    case 'prim::CallMethod':
      return { run: callMethod(node.s('name'), ins, outs, ctx.provider) };
    case 'prim::Enter': {
      const a = ins[0];
      const provider = ctx.provider;
      return {
        run: (r, state) => {
          const object = r[a] as ScriptObject;
          const result = execute(provider.methodCode(object.type, '__enter__'), [object], state);
          state.entered.push({ object, depth: state.depth });
          r[o] = result;
        },
      };
    }
    case 'prim::Exit': {
      const a = ins[0];
      return {
        run: (r, state) => {
          const entered = state.entered;
          if (entered.length > 0 && entered[entered.length - 1].object === r[a]) entered.pop();
          exitWith(ctx.provider, r[a], state);
          if (o !== undefined) r[o] = null;
        },
      };
    }
    case 'prim::fork':
      return { run: fork(node, ins, o, ctx.provider) };
    case 'prim::PythonOp':
      return {
        run: (r) => {
          const value = runPythonOp(
            node,
            ins.map((i) => r[i]),
          );
          if (o !== undefined) r[o] = value;
        },
      };
    case 'prim::isinstance': {
      const types = node.tys('types');
      const a = ins[0];
      return { run: (r) => void (r[o] = types.some((t) => isInstance(r[a], t))) };
    }
    case 'prim::EnumName':
      return { run: (r) => void (r[o] = (r[ins[0]] as ScriptEnumMember).name) };
    case 'prim::EnumValue':
      return { run: (r) => void (r[o] = (r[ins[0]] as ScriptEnumMember).value) };
    case 'prim::tolist':
      return { run: toList(node, ins, o) };
    case 'prim::ModuleContainerIndex': {
      const [a, b] = ins;
      return {
        run: (r) => {
          const container = r[a] as ScriptObject;
          const key = r[b];
          if (typeof key === 'string') {
            r[o] = container.getAttr(key);
            return;
          }
          let i = Number(key);
          const n = container.slots.length;
          if (i < 0) i += n;
          if (!(i >= 0 && i < n)) throw new OpError(`index ${Number(key)} is out of range`);
          r[o] = container.slots[i];
        },
      };
    }
  }
  if ((node.kind === 'aten::eq' || node.kind === 'aten::ne') && node.inputs[0]?.type.kind === 'EnumType') {
    const [a, b] = ins;
    const eq = node.kind === 'aten::eq';
    return { run: (r) => void (r[o] = (r[a] as ScriptEnumMember).equals(r[b]) === eq) };
  }
  return opRunner(node, ins, outs, ctx);
}

function tupleConstruct(ins: readonly number[], o: number): Runner {
  switch (ins.length) {
    case 2: {
      const [a, b] = ins;
      return (r) => void (r[o] = Object.freeze([r[a], r[b]]));
    }
    case 3: {
      const [a, b, c] = ins;
      return (r) => void (r[o] = Object.freeze([r[a], r[b], r[c]]));
    }
    default:
      return (r) => {
        const items = new Array(ins.length);
        for (let i = 0; i < ins.length; i++) items[i] = r[ins[i]];
        r[o] = Object.freeze(items);
      };
  }
}

function listConstruct(ins: readonly number[], o: number): Runner {
  return (r) => {
    const items = new Array(ins.length);
    for (let i = 0; i < ins.length; i++) items[i] = r[ins[i]];
    r[o] = items;
  };
}

function writeOutputs(r: unknown[], outs: readonly number[], result: unknown): void {
  if (outs.length === 1) r[outs[0]] = result;
  else if (outs.length > 1) {
    const values = result as readonly unknown[];
    for (let i = 0; i < outs.length; i++) r[outs[i]] = values[i];
  }
}

function callFunction(node: Node, args: readonly number[], outs: readonly number[], provider: CodeProvider): Runner {
  let code: Code | undefined;
  return (r, state) => {
    if (code === undefined) code = provider.functionCode(node);
    const values = new Array(args.length);
    for (let i = 0; i < args.length; i++) values[i] = r[args[i]];
    writeOutputs(r, outs, execute(code, values, state));
  };
}

function callMethod(name: string, args: readonly number[], outs: readonly number[], provider: CodeProvider): Runner {
  // An inline cache: the object's class decides the method (interfaces dispatch at run time).
  let cachedType: ClassType | undefined;
  let cached: Code | undefined;
  return (r, state) => {
    const self = r[args[0]] as ScriptObject;
    if (self === null || self === undefined)
      throw new OpError(`'NoneType' object has no attribute or method '${name}'`);
    if (self.type !== cachedType) {
      cached = provider.methodCode(self.type, name);
      cachedType = self.type;
    }
    const values = new Array(args.length);
    for (let i = 0; i < args.length; i++) values[i] = r[args[i]];
    writeOutputs(r, outs, execute(cached as Code, values, state));
  };
}

function exitWith(provider: CodeProvider, object: unknown, state: RunState): void {
  const self = object as ScriptObject;
  execute(provider.methodCode(self.type, '__exit__'), [self, null, null, null], state);
}

function fork(node: Node, ins: readonly number[], o: number, provider: CodeProvider): Runner {
  const graph: Graph = node.g('Subgraph');
  let code: Code | undefined;
  return (r, state) => {
    if (code === undefined) {
      if (!provider.subgraphCode) throw new OpError('fork is not supported here');
      code = provider.subgraphCode(graph, '<forked function>');
    }
    const values = new Array(ins.length);
    for (let i = 0; i < ins.length; i++) values[i] = r[ins[i]];
    // The forked call runs now, on this thread, and its future is complete when fork returns:
    // TorchScript allows any schedule, and a JS thread has no other to give it. Its error, if
    // any, is raised by `wait`.
    const future = new Future();
    try {
      future.complete(execute(code, values, state));
    } catch (error) {
      future.fail(completedError(error));
    }
    r[o] = future;
  };
}

function toList(node: Node, ins: readonly number[], o: number): Runner {
  const [a, dimReg, typeReg] = ins;
  return (r) => {
    const t = r[a] as Tensor;
    const dim = Number(r[dimReg]);
    const elementType = Number(r[typeReg]);
    if (t.dim() !== dim) {
      throw new OpError(`Output annotation list dimension and runtime tensor dimension must match for tolist()`);
    }
    const values = helpers.readNumbers(eagerContext, t as never);
    // 0: int, 1: float, 2: bool (the codes the frontend passes)
    const convert =
      elementType === 1
        ? (x: number) => (Number.isInteger(x) ? new FloatScalar(x) : x)
        : elementType === 2
          ? (x: number) => x !== 0
          : (x: number) => x;
    const sizes = t.sizes;
    let k = 0;
    const build = (d: number): unknown => {
      if (d === sizes.length) return convert(values[k++]);
      const list = new Array(sizes[d]);
      for (let i = 0; i < sizes[d]; i++) list[i] = build(d + 1);
      return list;
    };
    r[o] = build(0);
  };
}

// --- op nodes -----------------------------------------------------------------------------------

type Build = (...values: unknown[]) => OpArgs;
const builders = new Map<string, Build>();

/**
 * A function that makes an overload's argument object from positional values, with the same
 * property order every time (one hidden class per overload, so impls read it fast).
 */
function argsBuilder(names: readonly string[]): Build {
  const key = names.join(',');
  let build = builders.get(key);
  if (build === undefined) {
    const params = names.map((_, i) => `v${i}`);
    const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v${i}`).join(', ')}};`;
    build = new Function(...params, body) as Build;
    builders.set(key, build);
  }
  return build;
}

function opRunner(node: Node, ins: number[], outs: readonly number[], ctx: RunnerContext): CompiledNode {
  // Vararg schemas (`prim::Print(...)`, `aten::percentFormat(str self, ...)`) never match by
  // input types: a node of such an op takes its single vararg overload.
  const found = nodeOperator(node, ctx.registry) ?? varargOperator(node, ctx.registry ?? opRegistry());
  const overload = found?.overload;
  if (overload === undefined) {
    const what = found
      ? `operator ${found.schema.operatorName} has no implementation yet`
      : `unknown operator ${node.kind}`;
    return {
      run: () => {
        throw new OpError(what, 'NotImplementedError');
      },
    };
  }
  const schema = overload.schema;
  const floatOut = node.outputs.length === 1 && node.outputs[0].type.kind === 'FloatType';
  if (schema.isVararg) {
    return { run: varargRunner(overload, ins, outs, floatOut), overloadName: overload.qualifiedName };
  }
  // Arguments the IR left out take their defaults.
  const regs = [...ins];
  for (let i = regs.length; i < schema.arguments.length; i++) {
    const d = overload.defaultOf(i);
    if (d === undefined) throw new OpError(`${schema.operatorName}: missing value for argument '${overload.names[i]}'`);
    regs.push(ctx.constantRegister(d));
  }
  const build = argsBuilder(overload.names);
  // A None (or a value of another kind) that reached the op through an unchecked cast: PyTorch's
  // unboxing error, not whatever the implementation would do with it.
  const check = argumentCheck(overload, regs);
  // PyTorch's prim ops (on ints, bools, strings, a tensor's metadata) skip the dispatcher, whose
  // modes could only pass them on (see runsUndispatched).
  const undispatched = runsUndispatched(overload);
  const call = undispatched
    ? (args: OpArgs): unknown => overload.impl(args, eagerContext, overload)
    : (args: OpArgs): unknown => dispatch(overload, args);
  const o = outs.length === 1 ? outs[0] : -1;
  const finish = floatOut
    ? (r: unknown[], v: unknown) => void (r[o] = typeof v === 'number' && Number.isInteger(v) ? new FloatScalar(v) : v)
    : o >= 0
      ? (r: unknown[], v: unknown) => void (r[o] = v)
      : (r: unknown[], v: unknown) => writeOutputs(r, outs, v);
  let run: Runner;
  switch (regs.length) {
    case 0:
      run = (r) => finish(r, call(build()));
      break;
    case 1: {
      const [a] = regs;
      run = (r) => finish(r, call(build(r[a])));
      break;
    }
    case 2: {
      const [a, b] = regs;
      run = (r) => finish(r, call(build(r[a], r[b])));
      break;
    }
    case 3: {
      const [a, b, c] = regs;
      run = (r) => finish(r, call(build(r[a], r[b], r[c])));
      break;
    }
    case 4: {
      const [a, b, c, d] = regs;
      run = (r) => finish(r, call(build(r[a], r[b], r[c], r[d])));
      break;
    }
    default:
      run = (r) => {
        const values = new Array(regs.length);
        for (let i = 0; i < regs.length; i++) values[i] = r[regs[i]];
        finish(r, call(build(...values)));
      };
  }
  if (check !== undefined) {
    const unchecked = run;
    run = (r, state) => {
      check(r);
      unchecked(r, state);
    };
  }
  const fast = undispatched && !floatOut && o >= 0 ? primFastPath(overload.qualifiedName, regs, o, run) : undefined;
  return { run: fast ?? run, overloadName: overload.qualifiedName };
}

/**
 * Runners for the prim ops a scripted module's checks run on every call (`input.dim() != 2`,
 * `if not is_batched`, `hx is None`): the common case inline, without the argument object and the
 * call of the implementation, and anything unusual (a None that came through an unchecked cast, a
 * number where a bool was expected) through the general runner, which has the exact semantics.
 */
function primFastPath(name: string, regs: readonly number[], o: number, general: Runner): Runner | undefined {
  switch (name) {
    case 'aten::dim': {
      const [a] = regs;
      return (r, state) => {
        const t = r[a];
        if (t instanceof TensorClass) r[o] = t.sizes.length;
        else general(r, state);
      };
    }
    case 'aten::__not__': {
      const [a] = regs;
      return (r, state) => {
        const b = r[a];
        if (typeof b === 'boolean') r[o] = !b;
        else general(r, state);
      };
    }
    case 'aten::__is__':
    case 'aten::__isnot__': {
      // `x is None` / `x is not None`: a tensor, list, tuple or object is never None.
      const [a, b] = regs;
      const is = name === 'aten::__is__';
      return (r, state) => {
        const x = r[a];
        if (r[b] === null && (x === null || x instanceof TensorClass || Array.isArray(x))) r[o] = (x === null) === is;
        else general(r, state);
      };
    }
  }
  return undefined;
}

function varargOperator(
  node: Node,
  registry: OpRegistry,
): { schema: Overload['schema']; overload: Overload } | undefined {
  const candidates = registry.overloads(node.kind).filter((o) => o.schema.isVararg);
  return candidates.length === 1 ? { schema: candidates[0].schema, overload: candidates[0] } : undefined;
}

function varargRunner(overload: Overload, ins: readonly number[], outs: readonly number[], floatOut: boolean): Runner {
  return (r) => {
    const values = new Array(ins.length);
    for (let i = 0; i < ins.length; i++) values[i] = r[ins[i]];
    let result = dispatch(overload, overload.bind(values));
    if (floatOut && typeof result === 'number' && Number.isInteger(result)) result = new FloatScalar(result);
    writeOutputs(r, outs, result);
  };
}

export type { EnumType };
