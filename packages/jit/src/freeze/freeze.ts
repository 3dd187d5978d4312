import type { ScriptFunction as CompiledFunction, CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import { ScriptObject } from '@tsjit/interpreter';
import {
  type Block,
  ClassType,
  deviceValue,
  type FunctionSchema,
  floatValue,
  type Graph,
  type IValue,
  intValue,
  type JitType,
  type ListType,
  type Node,
  type OptionalType,
  type TupleType,
  tensorValue,
  tupleValue,
  type Value,
} from '@tsjit/ir';
import { FloatScalar, OpError, PyDevice } from '@tsjit/ops';
import {
  constantPooling,
  constantPropagation,
  eliminateCommonSubexpression,
  eliminateDeadCode,
  foldFrozenConvAddOrSub,
  foldFrozenConvBatchNorm,
  foldFrozenConvMulOrDiv,
  foldFrozenLinearBatchNorm,
  isMutableType,
  nodeOperator,
  peephole,
  removeDropout,
} from '@tsjit/passes';
import { Tensor } from '@tsjit/tensor';
import { inlinedGraph } from '../inline-graph.js';
import { load } from '../load/load.js';
import { calleeGraph } from '../module-method.js';
import { writeModuleArchive } from '../save/save.js';
import { ScriptModule } from '../script-module.js';

export interface FreezeOptions {
  /**
   * Attributes and methods to keep besides `forward` (PyTorch's `preserved_attrs`): a preserved
   * attribute stays an attribute (readable and settable on the frozen module, read by the code at
   * run time); a preserved method is frozen too. Dotted names (`sub.attr`) keep a submodule's attribute.
   */
  readonly preservedAttrs?: readonly string[];
  /** Run the numerics-changing folds (conv/linear–batch-norm, conv add/sub/mul/div) (default true). */
  readonly optimizeNumerics?: boolean;
}

/** An attribute path from `self` (`['layer1', '0', 'conv1', 'weight']`). */
type Path = readonly string[];
const key = (path: Path) => path.join('.');

/**
 * PyTorch 1.13's `torch.jit.freeze`: a new module whose `forward` (and preserved methods) have
 * every method call inlined and every attribute they read but never write (parameters, buffers,
 * ints, lists, tuples, the `training` flags, submodules resolved down to their values) turned
 * into a constant, then simplified (constant propagation, peephole, CSE, DCE) and optimized as
 * `run_frozen_optimizations` does (dropout removal; conv–batch-norm, conv add/sub, conv mul/div
 * folding; linear–batch-norm folding where it is exact). Attributes a method writes, and preserved
 * ones, stay attributes; unused attributes and submodules are dropped (also `training`, as in PyTorch).
 *
 * The frozen module is materialized as an archive in memory (code printed from the frozen graphs,
 * tensor constants in `constants.pkl`, as PyTorch prints them: `CONSTANTS.c0`) and loaded back:
 * it is independent of the original, runs on worker threads (`forwardAsync`) and saves like any
 * loaded module. Errors as PyTorch's: a module in training mode is refused.
 */
export function freeze(module: ScriptModule, options: FreezeOptions = {}): ScriptModule {
  if (!(module instanceof ScriptModule)) {
    throw new OpError(
      "Freezing expects a ScriptModule as input. Please use torch.jit.script or torch.jit.trace to script your 'nn.Module'.",
      'RuntimeError',
    );
  }
  if (module.training) {
    throw new OpError(
      'Freezing is currently only implemented for modules in eval mode. Please call .eval() on your module before freezing.',
      'RuntimeError',
    );
  }
  const unit = module.host.runtime.unit;
  const root = module.object;
  const preserved = options.preservedAttrs ?? [];
  const methodNames: string[] = [];
  if (unit.findMethod(root.type, 'forward')) methodNames.push('forward');
  const preservedPaths: Path[] = [];
  for (const name of preserved) {
    if (!name.includes('.') && unit.findMethod(root.type, name)) {
      if (!methodNames.includes(name)) methodNames.push(name);
    } else if (resolvePath(root, name.split('.')) === undefined) {
      throw new OpError(`Unknown name: ${name}`, 'RuntimeError');
    } else {
      preservedPaths.push(name.split('.'));
    }
  }

  const methods = methodNames.map((name) => {
    const fn = unit.findMethod(root.type, name) as CompiledFunction;
    const graph = inlinedGraph(fn.graph(), { calleeGraph: (node) => calleeGraph(unit, node) });
    return { name, schema: fn.schema(), graph };
  });

  const mutated = findMutated(methods.map((m) => m.graph));
  const isKept = (path: Path): boolean =>
    preservedPaths.some((p) => isPrefix(p, path) || isPrefix(path, p)) ||
    [...mutated].some((m) => isPrefix(m.split('.'), path));

  for (const { graph } of methods) {
    foldAttributes(graph, root, isKept);
    simplify(graph);
    optimizeFrozenGraph(graph, options.optimizeNumerics ?? true);
  }
  return materialize(module, methods, preservedPaths);
}

/** `run_frozen_optimizations`' passes, to a fixed point, and a last cleanup. */
export function optimizeFrozenGraph(graph: Graph, optimizeNumerics = true): void {
  removeDropout(graph);
  if (optimizeNumerics) {
    let changed = true;
    for (let round = 0; changed && round < 10; round++) {
      changed = foldFrozenConvBatchNorm(graph);
      changed = foldFrozenConvAddOrSub(graph) || changed;
      changed = foldFrozenConvMulOrDiv(graph) || changed;
      changed = foldFrozenLinearBatchNorm(graph) || changed;
    }
  }
  simplify(graph);
}

/** Constant propagation, peephole, CSE, DCE and constant pooling, to a fixed point. */
function simplify(graph: Graph): void {
  for (let round = 0; round < 10; round++) {
    let changed = constantPropagation(graph);
    changed = peephole(graph) || changed;
    changed = eliminateCommonSubexpression(graph) || changed;
    changed = eliminateDeadCode(graph) || changed;
    changed = constantPooling(graph) || changed;
    if (!changed) break;
  }
}

/** The attribute path of an object value: `self` is [], `self.a.b` is ['a','b']; undefined when unknown. */
function pathOf(value: Value, self: Value): Path | undefined {
  if (value === self) return [];
  const node = value.node;
  if (node.kind !== 'prim::GetAttr') return undefined;
  const base = pathOf(node.inputs[0] as Value, self);
  return base === undefined ? undefined : [...base, node.s('name')];
}

function* allNodes(block: Block): Generator<Node> {
  for (const node of block.nodes()) {
    yield node;
    for (const b of node.blocks) yield* allNodes(b);
  }
}

/**
 * The attribute paths the methods may write (PyTorch's freezing keeps these as attributes):
 * targets of `prim::SetAttr`, attributes whose value is written in place (see writtenThrough),
 * and every object that escapes to code that was not inlined (its whole subtree). An object
 * written through a value of unknown origin, or `self` escaping, makes every path mutable ('').
 */
function findMutated(graphs: readonly Graph[]): Set<string> {
  const out = new Set<string>();
  for (const graph of graphs) {
    const self = graph.inputs[0];
    if (!self) continue;
    for (const node of allNodes(graph.block)) {
      if (node.kind === 'prim::SetAttr') {
        const base = pathOf(node.inputs[0] as Value, self);
        out.add(base === undefined ? '' : key([...base, node.s('name')]));
      } else if (node.kind === 'prim::GetAttr') {
        const output = node.output();
        const path = pathOf(output, self);
        if (path === undefined) continue;
        if (output.type.kind === 'ClassType' || output.type.kind === 'InterfaceType') {
          const escapes = output.uses.some((u) => u.user.kind !== 'prim::GetAttr' && u.user.kind !== 'prim::SetAttr');
          if (escapes) out.add(key(path));
        } else if (writtenThrough(output)) {
          out.add(key(path));
        }
      }
    }
    if (self.uses.some((u) => u.user.kind !== 'prim::GetAttr' && u.user.kind !== 'prim::SetAttr')) out.add('');
  }
  return out;
}

/** Prim ops whose outputs hold or view their inputs. */
const PASSING = new Set([
  'prim::ListConstruct',
  'prim::TupleConstruct',
  'prim::DictConstruct',
  'prim::ListUnpack',
  'prim::TupleUnpack',
  'prim::TupleIndex',
  'prim::TupleSlice',
  'prim::unchecked_cast',
  'prim::unchecked_unwrap_optional',
  'aten::_unwrap_optional',
  'prim::ConstantChunk',
  'prim::data',
]);
/** Prim ops that only read their inputs. */
const READING = new Set([
  'prim::Print',
  'prim::RaiseException',
  'prim::device',
  'prim::dtype',
  'prim::layout',
  'prim::is_cuda',
  'prim::requires_grad',
  'prim::shape',
  'prim::isinstance',
  'prim::TypeCheck',
  'aten::__is__',
  'aten::__isnot__',
]);

/**
 * Whether some node may write to the memory of an attribute's value `start` (PyTorch asks its
 * AliasDb, built with `isFrozen` so that attributes do not alias the wildcard): the value is
 * followed through views (schema alias sets shared by an argument and a return), containers,
 * unpacking and control flow; a write is an argument annotated `(a!)`; the value going where
 * it cannot be followed (a call that was not inlined, an unknown op, a wildcard alias set,
 * another attribute) counts as written. Returning it does not.
 */
function writtenThrough(start: Value): boolean {
  const seen = new Set<Value>();
  const stack = [start];
  while (stack.length > 0) {
    const value = stack.pop() as Value;
    if (seen.has(value)) continue;
    seen.add(value);
    if (!isMutableType(value.type)) continue;
    for (const { user, offset } of value.uses) {
      const kind = user.kind;
      if (user.isReturnNode()) {
        const owner = user.owningBlock?.owningNode;
        if (owner?.kind === 'prim::If') stack.push(owner.outputs[offset] as Value);
        else if (owner?.kind === 'prim::Loop') {
          if (offset >= 1) stack.push(owner.outputs[offset - 1] as Value, user.owningBlock?.inputs[offset] as Value);
        } else if (owner !== undefined) return true;
        continue;
      }
      if (kind === 'prim::Loop') {
        if (offset >= 2) stack.push(user.outputs[offset - 2] as Value, user.blocks[0]?.inputs[offset - 1] as Value);
        continue;
      }
      if (kind === 'prim::If' || READING.has(kind)) continue;
      if (PASSING.has(kind)) {
        stack.push(...user.outputs);
        continue;
      }
      const op = kind.includes('::') && !kind.startsWith('prim::') ? nodeOperator(user) : undefined;
      if (op === undefined) {
        if (kind.startsWith('aten::')) {
          stack.push(...user.outputs);
          continue;
        }
        return true;
      }
      const argument = op.schema.arguments[offset];
      const info = argument?.aliasInfo;
      if (info === undefined || info === null) continue;
      const infos = [info, ...info.containedTypes];
      if (infos.some((i) => i.isWrite)) return true;
      const sets = new Set(infos.flatMap((i) => i.beforeSets));
      let followed = false;
      op.schema.returns.forEach((ret, i) => {
        const r = ret.aliasInfo;
        // A wildcard return (`t(*)`, an element read from a list) may be the value itself.
        if (r && [r, ...r.containedTypes].some((x) => x.beforeSets.some((s) => sets.has(s) || s === '*'))) {
          stack.push(user.outputs[i] as Value);
          followed = true;
        }
      });
      // Put where no return shows it (`append(list, x)` moves x into the wildcard): give up.
      if (!followed && infos.some((i) => i.isWildcardAfter || i.isWildcardBefore)) return true;
    }
  }
  return false;
}

function isPrefix(prefix: Path, path: Path): boolean {
  if (prefix.length === 1 && prefix[0] === '') return true;
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** The value at `path` under `object`, or undefined when some step is not an attribute. */
function resolvePath(object: ScriptObject, path: Path): { value: unknown; type: JitType } | undefined {
  let current: unknown = object;
  let type: JitType = object.type;
  for (const name of path) {
    if (!(current instanceof ScriptObject)) return undefined;
    const attribute = current.type.findAttribute(name);
    if (attribute === undefined) return undefined;
    type = attribute.type;
    current = current.getAttr(name);
  }
  return { value: current, type };
}

/** Replaces every `prim::GetAttr` that reads a value (not an object) on a path not kept by a constant. */
function foldAttributes(graph: Graph, root: ScriptObject, isKept: (path: Path) => boolean): void {
  const self = graph.inputs[0] as Value;
  for (const node of [...allNodes(graph.block)]) {
    if (node.kind !== 'prim::GetAttr' || node.isDestroyed) continue;
    const path = pathOf(node.output(), self);
    if (path === undefined || isKept(path)) continue;
    const resolved = resolvePath(root, path);
    if (resolved === undefined || resolved.value instanceof ScriptObject) continue;
    const constant = toIValue(resolved.value, node.output().type);
    if (constant === undefined) continue;
    const value = graph.withInsertPoint(node, () => graph.insertConstant(constant, { type: constantType(node) }));
    node.output().replaceAllUsesWith(value);
    node.destroy();
  }
  eliminateDeadCode(graph);
}

/** An empty list or a None needs the attribute's declared type on its constant. */
function constantType(node: Node): JitType | undefined {
  const type = node.output().type;
  return type.kind === 'ListType' || type.kind === 'OptionalType' ? type : undefined;
}

/**
 * An attribute's run-time value as a constant of `type` (PyTorch's tryInsertConstant): tensors
 * (detached, as freezing takes parameters' data), ints, floats, bools, strings, None, devices,
 * and lists and tuples of those. Dicts and objects stay attributes (undefined).
 */
function toIValue(value: unknown, type: JitType): IValue | undefined {
  if (value === null || value === undefined) return null;
  if (type.kind === 'OptionalType') return toIValue(value, (type as OptionalType).elementType);
  if (value instanceof Tensor)
    return tensorValue(value.requiresGrad ? (value as Tensor & { detach(): Tensor }).detach() : value);
  if (value instanceof FloatScalar) return floatValue(value.value);
  if (value instanceof PyDevice) return deviceValue(String(value));
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'bigint':
      return intValue(value);
    case 'number':
      return type.kind === 'FloatType' || !Number.isInteger(value) ? floatValue(value) : intValue(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    if (type.kind === 'ListType') {
      const element = (type as ListType).elementType;
      const items = value.map((v) => toIValue(v, element));
      return items.some((v) => v === undefined) ? undefined : (items as IValue[]);
    }
    if (type.kind === 'TupleType') {
      const elements = (type as TupleType).elements;
      const items = value.map((v, i) => toIValue(v, elements[i] as JitType));
      return items.some((v) => v === undefined) ? undefined : tupleValue(items as IValue[]);
    }
  }
  return undefined;
}

interface FrozenMethod {
  readonly name: string;
  readonly schema: FunctionSchema;
  readonly graph: Graph;
}

/**
 * The frozen module: a class of the original's name holding the attributes the frozen code still
 * reads or writes, plus the preserved ones; written as an archive in memory and loaded back.
 */
function materialize(module: ScriptModule, methods: readonly FrozenMethod[], preserved: readonly Path[]): ScriptModule {
  const root = module.object;
  const unit = module.host.runtime.unit;
  const keep = new Set<string>(preserved.map((p) => p[0] as string));
  for (const { graph } of methods) {
    const self = graph.inputs[0] as Value;
    for (const use of self.uses) {
      if (use.user.kind === 'prim::GetAttr' || use.user.kind === 'prim::SetAttr') keep.add(use.user.s('name'));
      else for (const a of root.type.attributes) keep.add(a.name);
    }
  }
  const type = ClassType.named(root.type.qualifiedName, { isModule: true });
  const slots: unknown[] = [];
  for (const attribute of root.type.attributes) {
    if (!keep.has(attribute.name)) continue;
    type.addAttribute(attribute.name, attribute.type, attribute.kind);
    slots.push(root.getAttr(attribute.name));
  }
  const compiled = new Map<string, { graph(): Graph; schema(): FunctionSchema; name: string }>();
  for (const { name, schema, graph } of methods) {
    (graph.inputs[0] as Value).setType(type);
    type.addMethod(schema);
    compiled.set(name, { name, graph: () => graph, schema: () => schema });
  }
  const codeUnit = new Proxy(unit, {
    get(target, prop, receiver) {
      if (prop === 'findMethod') {
        return (t: ClassType, name: string) => (t === type ? compiled.get(name) : target.findMethod(t, name));
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as FrontendUnit;
  const object = new ScriptObject(type, slots);
  // The original class's __getstate__ (found by name) is not the frozen class's: it has none.
  const host = new Proxy(module.host, {
    get(target, prop, receiver) {
      if (prop === 'methodSchema') {
        return (t: ClassType, name: string) => (t === type ? undefined : target.methodSchema(t, name));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  const bytes = writeModuleArchive(object, host, codeUnit, undefined, { archiveName: 'archive' });
  return load(bytes);
}
