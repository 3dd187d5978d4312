import { type Block, type Graph, type Node, parseSchema } from '@tsjit/ir';
import { lookupNodeSchema, nodeMatchesSchema } from './schema-matching.js';
import type { SchemaRegistry } from './schema-registry.js';

/**
 * Operator aliases and their canonical ops, as PyTorch 1.13 rewrites them once a function is
 * emitted (passes/normalize_ops.cpp): one spelling per operation keeps later passes simple.
 * Checked against PyTorch by test/fixtures/operator-aliases-torch-1.13.json.
 */
export const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  'aten::absolute': 'aten::abs',
  'aten::absolute_': 'aten::abs_',
  'aten::clip': 'aten::clamp',
  'aten::clip_': 'aten::clamp_',
  'aten::det': 'aten::linalg_det',
  'aten::matrix_power': 'aten::linalg_matrix_power',
  'aten::matrix_exp': 'aten::linalg_matrix_exp',
  'aten::ger': 'aten::outer',
  'aten::arccos': 'aten::acos',
  'aten::arccos_': 'aten::acos_',
  'aten::arcsin': 'aten::asin',
  'aten::arcsin_': 'aten::asin_',
  'aten::arctan': 'aten::atan',
  'aten::arctan_': 'aten::atan_',
  'aten::arctan2': 'aten::atan2',
  'aten::arctan2_': 'aten::atan2_',
  'aten::arccosh': 'aten::acosh',
  'aten::arccosh_': 'aten::acosh_',
  'aten::arcsinh': 'aten::asinh',
  'aten::arcsinh_': 'aten::asinh_',
  'aten::arctanh': 'aten::atanh',
  'aten::arctanh_': 'aten::atanh_',
  'aten::fix': 'aten::trunc',
  'aten::fix_': 'aten::trunc_',
  'aten::negative': 'aten::neg',
  'aten::negative_': 'aten::neg_',
  'aten::subtract': 'aten::sub',
  'aten::subtract_': 'aten::sub_',
  'aten::greater_equal': 'aten::ge',
  'aten::greater_equal_': 'aten::ge_',
  'aten::greater': 'aten::gt',
  'aten::greater_': 'aten::gt_',
  'aten::less_equal': 'aten::le',
  'aten::less_equal_': 'aten::le_',
  'aten::less': 'aten::lt',
  'aten::less_': 'aten::lt_',
  'aten::not_equal': 'aten::ne',
  'aten::not_equal_': 'aten::ne_',
  'aten::divide': 'aten::div',
  'aten::divide_': 'aten::div_',
  'aten::multiply': 'aten::mul',
  'aten::multiply_': 'aten::mul_',
  'aten::linalg_matmul': 'aten::matmul',
  'aten::inverse': 'aten::linalg_inv',
  'aten::true_divide': 'aten::div',
  'aten::true_divide_': 'aten::div_',
  'aten::concat': 'aten::cat',
  'aten::row_stack': 'aten::vstack',
  'aten::swapdims': 'aten::transpose',
  'aten::swapdims_': 'aten::transpose_',
  'aten::swapaxes': 'aten::transpose',
  'aten::swapaxes_': 'aten::transpose_',
  'aten::moveaxis': 'aten::movedim',
  'aten::special_erf': 'aten::erf',
  'aten::special_erfc': 'aten::erfc',
  'aten::special_erfinv': 'aten::erfinv',
  'aten::special_expit': 'aten::sigmoid',
  'aten::special_exp2': 'aten::exp2',
  'aten::special_expm1': 'aten::expm1',
  'aten::special_logit': 'aten::logit',
  'aten::special_logsumexp': 'aten::logsumexp',
  'aten::special_round': 'aten::round',
  'aten::special_log1p': 'aten::log1p',
  'aten::special_sinc': 'aten::sinc',
  'aten::special_digamma': 'aten::digamma',
  'aten::special_psi': 'aten::digamma',
  'aten::special_i0': 'aten::i0',
  'aten::special_xlogy': 'aten::xlogy',
  'aten::special_log_softmax': 'aten::log_softmax',
  'aten::orgqr': 'aten::linalg_householder_product',
  'aten::adjoint': 'aten::mH',
  'aten::special_multigammaln': 'aten::mvlgamma',
  'aten::special_polygamma': 'aten::polygamma',
  'aten::special_softmax': 'aten::softmax',
  'aten::special_gammainc': 'aten::igamma',
  'aten::special_gammaincc': 'aten::igammac',
  'aten::special_gammaln': 'aten::lgamma',
};

let rsubTensor: ReturnType<typeof parseSchema> | undefined;

/**
 * Rewrites every operator alias to its canonical op, `rsub(x, y)` of two tensors to `sub(y, x)`,
 * and `is` / `is not` between bools to `eq` / `ne` (PyTorch's NormalizeOps, which its compiler
 * runs on each function right after emitting it). With a registry, the new nodes get the schema
 * their inputs fit.
 *
 * Before: `%y : Tensor = aten::arccos(%x)`; after: `%y : Tensor = aten::acos(%x)`.
 */
export function normalizeOps(graph: Graph, registry?: SchemaRegistry): void {
  rsubTensor ??= parseSchema('aten::rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor');
  // Blocks are walked with an explicit stack: deep nesting must not overflow the JS stack.
  const stack: Block[] = [graph.block];
  while (stack.length > 0) {
    const block = stack.pop() as Block;
    for (const node of [...block.nodes()]) {
      for (const sub of node.blocks) stack.push(sub);
      const replacement = canonicalForm(node);
      if (replacement) replaceNode(graph, node, replacement.kind, replacement.inputs, registry);
    }
  }
}

function canonicalForm(node: Node): { kind: string; inputs: Node['inputs'] } | undefined {
  if (node.kind === 'aten::rsub' && rsubTensor && nodeMatchesSchema(node, rsubTensor)) {
    const [self, other, ...rest] = node.inputs;
    return { kind: 'aten::sub', inputs: [other, self, ...rest] };
  }
  const alias = OPERATOR_ALIASES[node.kind];
  if (alias) return { kind: alias, inputs: node.inputs };
  if (
    (node.kind === 'aten::__is__' || node.kind === 'aten::__isnot__') &&
    node.inputs.length === 2 &&
    node.inputs.every((v) => v.type.kind === 'BoolType')
  ) {
    return { kind: node.kind === 'aten::__is__' ? 'aten::eq' : 'aten::ne', inputs: node.inputs };
  }
  return undefined;
}

function replaceNode(
  graph: Graph,
  node: Node,
  kind: string,
  inputs: Node['inputs'],
  registry: SchemaRegistry | undefined,
): void {
  const replacement = graph.create(kind, inputs, 0);
  for (const output of node.outputs) replacement.addOutput(output.type);
  replacement.setSourceRange(node.sourceRange);
  replacement.insertBefore(node);
  if (registry) replacement.setSchema(lookupNodeSchema(registry, replacement));
  const names = node.outputs.map((output) => (output.hasDebugName() ? output.debugName() : undefined));
  node.outputs.forEach((output, i) => {
    output.replaceAllUsesWith(replacement.output(i));
  });
  node.destroy();
  // The new outputs take over the names once the old ones are gone.
  names.forEach((name, i) => {
    if (name !== undefined) replacement.output(i).setDebugName(name);
  });
}
