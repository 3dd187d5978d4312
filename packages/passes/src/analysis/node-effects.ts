import type { Node } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { nodeOperator } from './node-schema.js';

// PyTorch's Node::hasSideEffects list: output, exceptions, attribute writes, calls, RPC, seeding,
// and the enter/exit of `with` blocks.
const SIDE_EFFECT_KINDS = new Set([
  'prim::PythonOp',
  'prim::IgnoredPythonOp',
  'prim::Print',
  'prim::RaiseException',
  'prim::SetAttr',
  'aten::warn',
  'aten::save',
  'aten::manual_seed',
  'prim::AddStatValue',
  'prim::TimePoint',
  'prim::CallFunction',
  'prim::CallMethod',
  'prim::BailoutTemplate',
  'prim::BailOut',
  'prim::rpc_async',
  'prim::rpc_sync',
  'prim::rpc_remote',
  'aten::wait',
  'cuda::set_stream',
  'cuda::_set_device',
  'cuda::_current_device',
  'cuda::synchronize',
  'prim::Enter',
  'prim::Exit',
  // Registered with conservative alias analysis in PyTorch (register_prim_ops.cpp), which makes a
  // node of them side-effecting: `with torch.no_grad()` must survive dead-code elimination.
  'aten::set_grad_enabled',
]);

/**
 * Whether running `node` is observable beyond its outputs (PyTorch's `Node::hasSideEffects`):
 * the listed kinds, and operators of other namespaces that the registry does not know (a custom
 * op's effects are unknown, as PyTorch's CONSERVATIVE alias analysis assumes). Writes to inputs
 * are not side effects here: the alias analysis tracks them.
 */
export function hasSideEffects(node: Node, registry?: OpRegistry): boolean {
  if (SIDE_EFFECT_KINDS.has(node.kind)) return true;
  const ns = node.kind.slice(0, node.kind.indexOf('::'));
  if (ns === 'aten' || ns === 'prim' || ns === 'cuda') return false;
  return nodeOperator(node, registry) === undefined;
}

/** Whether `node` or a node of its blocks has side effects (what keeps a control-flow node alive). */
export function hasSideEffectsDeep(node: Node, registry?: OpRegistry, memo = new Map<Node, boolean>()): boolean {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let result = hasSideEffects(node, registry);
  for (const block of node.blocks) {
    if (result) break;
    for (const inner of block.nodes()) {
      if (hasSideEffectsDeep(inner, registry, memo)) {
        result = true;
        break;
      }
    }
  }
  memo.set(node, result);
  return result;
}

// PyTorch's Node::isNondeterministic list (random sampling), plus the dropout variants that
// PyTorch forgot (they draw from the generator just the same).
const RANDOM_OPS = new Set([
  'aten::dropout',
  'aten::feature_dropout',
  'aten::alpha_dropout',
  'aten::feature_alpha_dropout',
  'aten::_fused_dropout',
  'aten::native_dropout',
  'aten::_standard_gamma',
  'aten::bernoulli',
  'aten::multinomial',
  'aten::normal',
  'aten::poisson',
  'aten::binomial',
  'aten::rrelu',
  'aten::rrelu_with_noise',
  'aten::rand',
  'aten::rand_like',
  'aten::randint',
  'aten::randint_like',
  'aten::randn',
  'aten::randn_like',
  'aten::randperm',
]);
const DROPOUTS = new Set([
  'aten::dropout',
  'aten::feature_dropout',
  'aten::alpha_dropout',
  'aten::feature_alpha_dropout',
]);

const RUNTIME_STATE_OPS = new Set([
  'aten::is_grad_enabled',
  'aten::is_autocast_enabled',
  'aten::is_autocast_cpu_enabled',
]);

/**
 * Whether two runs of `node` on the same inputs may give different results: the random ops
 * (a dropout whose `train` is the constant False is deterministic, as in PyTorch), and, to be
 * safe, any operator that takes a Generator.
 */
export function isNondeterministic(node: Node, registry?: OpRegistry): boolean {
  // Reads of run-time state (PyTorch registers them with conservative alias analysis, which
  // constant propagation never folds): the answer depends on when the graph runs.
  if (RUNTIME_STATE_OPS.has(node.kind)) return true;
  if (RANDOM_OPS.has(node.kind)) {
    if (DROPOUTS.has(node.kind) && node.inputs.length === 3) {
      const train = node.inputs[2].node;
      if (train.kind === 'prim::Constant' && train.hasAttribute('value') && train.getAttribute('value')?.value === 0) {
        return false;
      }
    }
    return true;
  }
  const op = nodeOperator(node, registry);
  return op !== undefined && op.schema.arguments.some((a) => a.type.annotationStr().startsWith('Generator'));
}
