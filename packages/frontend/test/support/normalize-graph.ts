import {
  type Block,
  type Graph,
  type IValue,
  irTypeString,
  type Node,
  printNode,
  tupleValue,
  type Value,
} from '@tsjit/ir';
import { canonicalizeOutputs } from '../../src/emitter/ssa/canonicalize-outputs.js';

/**
 * A test-only stand-in for the cleanup PyTorch runs after emitting a graph (runCleanupPasses:
 * LowerSimpleTuples with its dead-code elimination, ConstantPropagationImmutableTypes on the ops
 * that show up in the emitter tests, ConstantPooling). The golden tests run it on both PyTorch's
 * graph (where it changes nothing, PyTorch having run the real passes) and the emitter's, so that
 * they compare what the emitter produced rather than whether cleanup ran. The real passes belong
 * to @tsjit/passes, which the frontend cannot depend on.
 */
export function normalizeGraph(graph: Graph): void {
  for (const node of graph.allNodes()) if (node.hasAttribute('Subgraph')) normalizeGraph(node.g('Subgraph'));
  lowerSimpleTuples(graph.block);
  eliminateDeadCode(graph);
  if (propagateConstants(graph.block)) eliminateDeadCode(graph);
  poolConstants(graph);
  canonicalizeOutputs(graph);
  sortLeadingNodes(graph);
}

/**
 * Constants (and the uninitialized values of exit transforms) sit at the top of a cleaned graph in
 * an order that depends on how often pooling ran: sort them so that order does not matter.
 */
function sortLeadingNodes(graph: Graph): void {
  const leading: Node[] = [];
  for (const node of graph.block.nodes()) {
    if (node.kind !== 'prim::Constant' && node.kind !== 'prim::Uninitialized') break;
    leading.push(node);
  }
  const key = (n: Node) => (n.kind === 'prim::Constant' ? `0${constantKey(n)}` : `1${irTypeString(n.output().type)}`);
  if (leading.length === 0) return;
  const anchor = leading[leading.length - 1].next as Node;
  leading.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const node of leading) node.moveBefore(anchor);
}

/** The graph's text with values renamed %0, %1... in order of appearance and source ranges dropped. */
export function canonicalText(graph: Graph, withRanges = false): string {
  const text = graph.toString({ sourceRanges: withRanges });
  const names = new Map<string, string>();
  return text.replace(/%([\p{L}\p{N}_.]+)/gu, (_, name: string) => {
    let renamed = names.get(name);
    if (!renamed) {
      renamed = `%${names.size}`;
      names.set(name, renamed);
    }
    return renamed;
  });
}

// ---- lower simple tuples ----------------------------------------------------------------------

function lowerSimpleTuples(block: Block): void {
  for (const node of [...block.nodes()]) {
    removeTupleNodes(node);
    for (const b of node.blocks) lowerSimpleTuples(b);
  }
}

function removeTupleNodes(node: Node): void {
  if (node.kind !== 'prim::TupleUnpack' && node.kind !== 'prim::TupleIndex') return;
  const construct = node.inputs[0].node;
  if (construct.kind !== 'prim::TupleConstruct') return;
  if (node.kind === 'prim::TupleUnpack') {
    node.outputs.forEach((output, i) => {
      output.replaceAllUsesWith(construct.inputs[i]);
    });
    return;
  }
  const index = constantOf(node.inputs[1]);
  if (typeof index !== 'object' || index === null || !('kind' in index) || index.kind !== 'int') return;
  let i = Number(index.value);
  if (i < 0) i += construct.inputs.length;
  node.output().replaceAllUsesWith(construct.inputs[i]);
}

// ---- dead code ------------------------------------------------------------------------------

const SIDE_EFFECTS = new Set([
  'prim::Print',
  'prim::RaiseException',
  'prim::SetAttr',
  'aten::warn',
  'prim::CallFunction',
  'prim::CallMethod',
  'aten::wait',
  'prim::Enter',
  'prim::Exit',
  'prim::fork',
  'aten::manual_seed',
]);

/** Ops that write one of their inputs, found by schema (`Tensor(a!)`) or, for schemaless nodes, by name. */
function mutates(node: Node): boolean {
  const schema = node.maybeSchema();
  if (schema) return schema.isMutable;
  return /_$/.test(node.kind) || MUTATING.has(node.kind);
}

const MUTATING = new Set([
  'aten::append',
  'aten::_set_item',
  'aten::insert',
  'aten::pop',
  'aten::extend',
  'aten::clear',
  'aten::remove',
  'aten::reverse',
  'aten::sort',
  'aten::update',
  'aten::setdefault',
  'aten::popitem',
  'aten::Delete',
]);

function hasSideEffects(node: Node): boolean {
  if (SIDE_EFFECTS.has(node.kind) || mutates(node)) return true;
  return node.blocks.some((b) => [...b.nodes()].some(hasSideEffects));
}

/** Removes unused side-effect-free nodes and unused If/Loop outputs, to a fixed point. */
export function eliminateDeadCode(graph: Graph): void {
  let changed = true;
  while (changed) changed = sweep(graph.block);
}

function sweep(block: Block): boolean {
  let changed = false;
  for (const node of [...block.reverseNodes()]) {
    if (node.kind === 'prim::If') changed = removeDeadIfOutputs(node) || changed;
    if (node.kind === 'prim::Loop') changed = removeDeadLoopOutputs(node) || changed;
    for (const b of node.blocks) changed = sweep(b) || changed;
    if (!node.outputs.some((o) => o.hasUses()) && !hasSideEffects(node)) {
      node.destroy();
      changed = true;
    }
  }
  return changed;
}

function removeDeadIfOutputs(node: Node): boolean {
  let changed = false;
  for (let i = node.outputs.length - 1; i >= 0; i--) {
    if (node.outputs[i].hasUses()) continue;
    node.eraseOutput(i);
    for (const b of node.blocks) b.eraseOutput(i);
    changed = true;
  }
  return changed;
}

function removeDeadLoopOutputs(node: Node): boolean {
  const body = node.blocks[0];
  let changed = false;
  for (let i = node.outputs.length - 1; i >= 0; i--) {
    const inner = body.inputs[1 + i];
    // A carried value read only by the computation of its own next value is dead too.
    if (node.outputs[i].hasUses() || !onlyFeedsItself(inner, body.outputs[1 + i], body)) continue;
    node.eraseOutput(i);
    node.removeInput(2 + i);
    const next = body.outputs[1 + i];
    body.eraseOutput(1 + i);
    dropIfUnused(next);
    dropUsers(inner);
    body.eraseInput(1 + i);
    changed = true;
  }
  return changed;
}

function onlyFeedsItself(input: Value, output: Value, body: Block): boolean {
  const seen = new Set<Value>();
  const stack = [input];
  while (stack.length > 0) {
    const value = stack.pop() as Value;
    if (seen.has(value)) continue;
    seen.add(value);
    for (const use of value.uses) {
      const user = use.user;
      if (user === body.returnNode) {
        if (body.outputs[use.offset] !== output) return false;
        continue;
      }
      if (hasSideEffects(user) || user.blocks.length > 0) return false;
      stack.push(...user.outputs);
    }
  }
  return true;
}

function dropIfUnused(value: Value): void {
  const node = value.node;
  if (value.hasUses() || node.isParamNode() || hasSideEffects(node)) return;
  if (node.outputs.every((o) => !o.hasUses())) {
    const inputs = [...node.inputs];
    node.destroy();
    for (const input of inputs) dropIfUnused(input);
  }
}

function dropUsers(value: Value): void {
  for (const use of [...value.uses]) {
    const user = use.user;
    if (user.isDestroyed) continue;
    for (const output of user.outputs) dropUsers(output);
    if (!user.isDestroyed && !user.isReturnNode()) user.destroy();
  }
}

// ---- constant propagation (the subset the tests need) -------------------------------------------

function constantOf(value: Value): IValue | undefined {
  const node = value.node;
  if (node.kind !== 'prim::Constant') return undefined;
  if (!node.hasAttribute('value')) return value.type.kind === 'NoneType' ? null : undefined;
  const attr = node.getAttribute('value');
  switch (attr?.kind) {
    case 'i':
      return value.type.kind === 'BoolType'
        ? Number(attr.value) !== 0
        : { kind: 'int', value: attr.value as number | bigint };
    case 'f':
      return { kind: 'float', value: attr.value as number };
    case 's':
      return value.type.kind === 'DeviceObjType' ? undefined : (attr.value as string);
    case 'ival':
      return attr.value as IValue;
    default:
      return undefined;
  }
}

function num(v: IValue): number | undefined {
  if (typeof v === 'object' && v !== null && 'kind' in v && (v.kind === 'int' || v.kind === 'float')) {
    return Number((v as { value: number | bigint }).value);
  }
  return undefined;
}

/** Runs the node on constant inputs, for the scalar ops the emitter tests produce. */
function evaluate(node: Node): IValue | undefined {
  const inputs = node.inputs.map(constantOf);
  if (inputs.some((v) => v === undefined)) return undefined;
  const [a, b] = inputs as IValue[];
  const bothInt = node.inputs.every((v) => v.type.kind === 'IntType');
  switch (node.kind) {
    case 'aten::__not__':
      return typeof a === 'boolean' ? !a : undefined;
    case 'aten::__is__':
      return a === null && b === null ? true : undefined;
    case 'aten::__isnot__':
      return a === null && b === null ? false : undefined;
    case 'aten::add':
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      break;
    case 'aten::eq':
      if (typeof a === 'string' && typeof b === 'string') return a === b;
      break;
    case 'aten::__range_length': {
      const [lo, hi, step] = inputs.map((v) => BigInt((v as { value: number | bigint }).value));
      if (step === 0n) return undefined;
      const n =
        step > 0n ? (lo < hi ? (hi - lo + step - 1n) / step : 0n) : lo > hi ? (lo - hi - step - 1n) / -step : 0n;
      return { kind: 'int', value: n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n };
    }
    case 'prim::TupleConstruct':
      if (node.inputs.every((v) => IMMUTABLE.has(v.type.kind))) return tupleValue(inputs as IValue[]);
      return undefined;
    default:
      break;
  }
  if (inputs.length !== 2 || num(a) === undefined || num(b) === undefined) return undefined;
  const x = num(a) as number;
  const y = num(b) as number;
  const wrap = (r: number): IValue => (bothInt ? { kind: 'int', value: r } : { kind: 'float', value: r });
  switch (node.kind) {
    case 'aten::add':
      return wrap(x + y);
    case 'aten::sub':
      return wrap(x - y);
    case 'aten::mul':
      return wrap(x * y);
    case 'aten::eq':
      return x === y;
    case 'aten::ne':
      return x !== y;
    case 'aten::lt':
      return x < y;
    case 'aten::gt':
      return x > y;
    case 'aten::le':
      return x <= y;
    case 'aten::ge':
      return x >= y;
    default:
      return undefined;
  }
}

const IMMUTABLE = new Set(['IntType', 'FloatType', 'BoolType', 'StringType', 'NoneType', 'TupleType']);
const NEVER_RUN = new Set([
  'prim::If',
  'prim::Loop',
  'prim::Constant',
  'prim::Uninitialized',
  'prim::unchecked_cast',
  'prim::RaiseException',
  'prim::Print',
]);

function propagateConstants(block: Block): boolean {
  let changed = false;
  for (const node of [...block.nodes()]) {
    if (node.isDestroyed) continue;
    if (node.kind === 'prim::If') {
      const condition = constantOf(node.inputs[0]);
      if (typeof condition === 'boolean') {
        inlineIf(node, condition ? 0 : 1);
        changed = true;
        continue;
      }
      for (const b of node.blocks) changed = propagateConstants(b) || changed;
      changed = removeExtraIfOutputs(node) || changed;
      continue;
    }
    if (node.kind === 'prim::Loop') {
      changed = propagateConstants(node.blocks[0]) || changed;
      changed = removeExtraLoopOutputs(node) || changed;
      continue;
    }
    for (const b of node.blocks) changed = propagateConstants(b) || changed;
    if (NEVER_RUN.has(node.kind) || node.outputs.length !== 1 || SIDE_EFFECTS.has(node.kind)) continue;
    if (!IMMUTABLE.has(node.output().type.kind)) continue;
    const value = evaluate(node);
    if (value === undefined) continue;
    const constant = node.graph.withInsertPoint(node, () =>
      node.graph.insertConstant(value as never, { type: node.output().type }),
    );
    node.output().replaceAllUsesWith(constant);
    changed = true;
  }
  return changed;
}

function inlineIf(node: Node, taken: number): void {
  const block = node.blocks[taken];
  for (const inner of [...block.nodes()]) inner.moveBefore(node);
  node.outputs.forEach((output, i) => {
    output.replaceAllUsesWith(block.outputs[i]);
  });
  node.destroy();
}

function sameConstant(a: Value, b: Value): boolean {
  if (a.node.kind !== 'prim::Constant' || b.node.kind !== 'prim::Constant') return false;
  return constantKey(a.node) === constantKey(b.node);
}

function removeExtraIfOutputs(node: Node): boolean {
  const [thenBlock, elseBlock] = node.blocks;
  let changed = false;
  for (let i = 0; i < thenBlock.outputs.length; ) {
    const t = thenBlock.outputs[i];
    const f = elseBlock.outputs[i];
    if (t === f || sameConstant(t, f)) {
      const replacement =
        t === f
          ? t
          : node.graph.withInsertPoint(node, () => {
              const copy = node.graph.createClone(t.node, (v) => v);
              return node.graph.insertNode(copy).output();
            });
      node.outputs[i].replaceAllUsesWith(replacement);
      node.eraseOutput(i);
      thenBlock.eraseOutput(i);
      elseBlock.eraseOutput(i);
      changed = true;
      continue;
    }
    i++;
  }
  return changed;
}

function removeExtraLoopOutputs(node: Node): boolean {
  const body = node.blocks[0];
  let changed = false;
  for (let i = node.outputs.length - 1; i >= 0; i--) {
    if (body.inputs[1 + i] !== body.outputs[1 + i]) continue;
    const input = node.inputs[2 + i];
    node.outputs[i].replaceAllUsesWith(input);
    body.inputs[1 + i].replaceAllUsesWith(input);
    node.eraseOutput(i);
    node.removeInput(2 + i);
    body.eraseInput(1 + i);
    body.eraseOutput(1 + i);
    changed = true;
  }
  return changed;
}

// ---- constant pooling -------------------------------------------------------------------------

function constantKey(node: Node): string {
  const text = printNode(node, { sourceRanges: false });
  return `${irTypeString(node.output().type)}|${text.slice(text.indexOf('=') + 1)}`;
}

/** PyTorch's ConstantPooling: each distinct constant once, moved to the top of the graph (in reverse order of first sight). */
function poolConstants(graph: Graph): void {
  const seen = new Map<string, Node>();
  const visit = (block: Block): void => {
    for (const node of [...block.nodes()]) {
      if (node.blocks.length > 0) {
        for (const b of node.blocks) visit(b);
        continue;
      }
      if (node.kind !== 'prim::Constant') continue;
      const key = constantKey(node);
      const existing = seen.get(key);
      if (existing) {
        node.output().replaceAllUsesWith(existing.output());
        node.destroy();
        continue;
      }
      seen.set(key, node);
      const first = graph.block.first;
      if (node !== first) node.moveBefore(first);
    }
  };
  visit(graph.block);
}
