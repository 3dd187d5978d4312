import type { Graph } from '@tsjit/ir';

/**
 * Operator aliases and their canonical ops (PyTorch's getOperatorAliasMap, used by NormalizeOps):
 * graphs name the canonical op whichever spelling the source used.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['aten::absolute', 'aten::abs'],
  ['aten::absolute_', 'aten::abs_'],
  ['aten::clip', 'aten::clamp'],
  ['aten::clip_', 'aten::clamp_'],
  ['aten::det', 'aten::linalg_det'],
  ['aten::matrix_power', 'aten::linalg_matrix_power'],
  ['aten::matrix_exp', 'aten::linalg_matrix_exp'],
  ['aten::ger', 'aten::outer'],
  ['aten::arccos', 'aten::acos'],
  ['aten::arccos_', 'aten::acos_'],
  ['aten::arcsin', 'aten::asin'],
  ['aten::arcsin_', 'aten::asin_'],
  ['aten::arctan', 'aten::atan'],
  ['aten::arctan_', 'aten::atan_'],
  ['aten::arctan2', 'aten::atan2'],
  ['aten::arctan2_', 'aten::atan2_'],
  ['aten::arccosh', 'aten::acosh'],
  ['aten::arccosh_', 'aten::acosh_'],
  ['aten::arcsinh', 'aten::asinh'],
  ['aten::arcsinh_', 'aten::asinh_'],
  ['aten::arctanh', 'aten::atanh'],
  ['aten::arctanh_', 'aten::atanh_'],
  ['aten::fix', 'aten::trunc'],
  ['aten::fix_', 'aten::trunc_'],
  ['aten::negative', 'aten::neg'],
  ['aten::negative_', 'aten::neg_'],
  ['aten::subtract', 'aten::sub'],
  ['aten::subtract_', 'aten::sub_'],
  ['aten::greater_equal', 'aten::ge'],
  ['aten::greater_equal_', 'aten::ge_'],
  ['aten::greater', 'aten::gt'],
  ['aten::greater_', 'aten::gt_'],
  ['aten::less_equal', 'aten::le'],
  ['aten::less_equal_', 'aten::le_'],
  ['aten::less', 'aten::lt'],
  ['aten::less_', 'aten::lt_'],
  ['aten::not_equal', 'aten::ne'],
  ['aten::not_equal_', 'aten::ne_'],
  ['aten::divide', 'aten::div'],
  ['aten::divide_', 'aten::div_'],
  ['aten::multiply', 'aten::mul'],
  ['aten::multiply_', 'aten::mul_'],
  ['aten::linalg_matmul', 'aten::matmul'],
  ['aten::inverse', 'aten::linalg_inv'],
  ['aten::true_divide', 'aten::div'],
  ['aten::true_divide_', 'aten::div_'],
  ['aten::concat', 'aten::cat'],
  ['aten::concatenate', 'aten::cat'],
  ['aten::row_stack', 'aten::vstack'],
  ['aten::swapdims', 'aten::transpose'],
  ['aten::swapdims_', 'aten::transpose_'],
  ['aten::swapaxes', 'aten::transpose'],
  ['aten::swapaxes_', 'aten::transpose_'],
  ['aten::moveaxis', 'aten::movedim'],
  ['aten::special_erf', 'aten::erf'],
  ['aten::special_erfc', 'aten::erfc'],
  ['aten::special_erfinv', 'aten::erfinv'],
  ['aten::special_expit', 'aten::sigmoid'],
  ['aten::special_exp2', 'aten::exp2'],
  ['aten::special_expm1', 'aten::expm1'],
  ['aten::special_logit', 'aten::logit'],
  ['aten::special_logsumexp', 'aten::logsumexp'],
  ['aten::special_round', 'aten::round'],
  ['aten::special_log1p', 'aten::log1p'],
  ['aten::special_sinc', 'aten::sinc'],
  ['aten::special_digamma', 'aten::digamma'],
  ['aten::special_psi', 'aten::digamma'],
  ['aten::special_i0', 'aten::i0'],
  ['aten::special_xlogy', 'aten::xlogy'],
  ['aten::special_log_softmax', 'aten::log_softmax'],
  ['aten::orgqr', 'aten::linalg_householder_product'],
  ['aten::adjoint', 'aten::mH'],
  ['aten::special_multigammaln', 'aten::mvlgamma'],
  ['aten::special_polygamma', 'aten::polygamma'],
  ['aten::special_softmax', 'aten::softmax'],
  ['aten::special_gammainc', 'aten::igamma'],
  ['aten::special_gammaincc', 'aten::igammac'],
  ['aten::special_gammaln', 'aten::lgamma'],
]);

/**
 * Renames aliased ops to their canonical op (`aten::absolute` → `aten::abs`), as PyTorch's
 * NormalizeOps does right after emission. A node keeps its inputs, outputs and schema lookup by
 * the new name.
 */
export function normalizeOps(graph: Graph): void {
  for (const node of [...graph.allNodes()]) {
    const canonical = ALIASES.get(node.kind);
    if (!canonical) continue;
    const copy = graph.create(canonical, node.inputs, 0);
    for (const output of node.outputs) copy.addOutput(output.type);
    copy.copyAttributes(node);
    copy.setSourceRange(node.sourceRange);
    copy.insertBefore(node);
    node.outputs.forEach((output, i) => {
      if (output.hasDebugName()) {
        const name = output.debugName();
        output.setDebugName('');
        copy.outputs[i].setDebugName(name);
      }
      output.replaceAllUsesWith(copy.outputs[i]);
    });
    node.destroy();
  }
}
