import { type Block, BoolType, type Graph, IntType, type Node, type Value } from '@tsjit/ir';
import { constantBool } from './block-helpers.js';

/**
 * A `for` loop whose body may stop it early (a break, an early return) has both a trip count and
 * a continue condition; PyTorch rewrites such loops into `while` form so that they print as
 * Python loops: the trip count becomes int64 max, the counter is carried explicitly and the
 * condition checks it (PyTorch's CanonicalizeModifiedLoops).
 */
export function canonicalizeModifiedLoops(graph: Graph): void {
  canonicalizeBlock(graph.block);
}

function canonicalizeBlock(block: Block): void {
  for (const node of [...block.nodes()]) {
    for (const b of node.blocks) canonicalizeBlock(b);
    if (node.kind === 'prim::Loop') canonicalizeModifiedLoop(node);
  }
}

const INT64_MAX = 9223372036854775807n;

/** PyTorch's LoopView: a for loop has a trip count that is not int64 max; a while loop has a non-constant-true condition. */
function isModifiedLoop(node: Node): boolean {
  const maxTripCount = node.inputs[0];
  const isConstantMax =
    maxTripCount.node.kind === 'prim::Constant' &&
    maxTripCount.type.kind === 'IntType' &&
    BigInt(maxTripCount.node.i('value')) === INT64_MAX;
  const body = node.blocks[0];
  const startTrue = constantBool(node.inputs[1]) === true;
  const continueTrue = constantBool(body.outputs[0]) === true;
  const condTrue = startTrue && continueTrue;
  // PyTorch: For = trip count given and condition constant true; While = max trip count; else Modified.
  if (!isConstantMax && condTrue) return false;
  if (isConstantMax) return false;
  return true;
}

function canonicalizeModifiedLoop(node: Node): void {
  if (!isModifiedLoop(node)) return;
  const graph = node.graph;
  const body = node.blocks[0];
  graph.withInsertPoint(node, () => {
    const zero = graph.insertConstant(0);
    const one = graph.insertConstant(1);
    const maxTripCount = node.inputs[0];
    let condition = insertOp(graph, 'aten::gt', [maxTripCount, zero], 'BoolType');
    node.replaceInput(0, graph.insertConstant(INT64_MAX));
    const inputCondition = node.inputs[1];
    if (constantBool(inputCondition) !== true) {
      condition = insertOp(graph, 'aten::__and__', [condition, inputCondition], 'BoolType');
    }
    node.replaceInput(1, condition);
    node.addOutput(IntType.get());
    node.addInput(zero);
    const newIter = body.addInput(undefined, IntType.get());
    const tripCount = body.inputs[0];
    tripCount.setDebugName('');
    tripCount.replaceAllUsesWith(newIter);
    graph.withInsertPoint(body, () => {
      const increment = insertOp(graph, 'aten::add', [newIter, one], 'IntType');
      body.registerOutput(increment);
      const belowMax = insertOp(graph, 'aten::lt', [increment, maxTripCount], 'BoolType');
      const next = insertOp(graph, 'aten::__and__', [belowMax, body.outputs[0]], 'BoolType');
      body.eraseOutput(0);
      body.insertOutput(0, next);
    });
  });
}

function insertOp(graph: Graph, kind: string, inputs: Value[], type: 'BoolType' | 'IntType'): Value {
  const node = graph.insert(kind, inputs, 1);
  node.output().setType(type === 'BoolType' ? BoolType.get() : IntType.get());
  return node.output();
}
