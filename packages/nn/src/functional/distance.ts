import { torchOps as T, type Tensor } from '@tsjit/tensor';

/** F.pairwise_distance: ‖x1 - x2 + eps‖_p over the last dim. */
export function pairwiseDistance(
  x1: Tensor,
  x2: Tensor,
  options: { p?: number; eps?: number; keepdim?: boolean } = {},
): Tensor {
  return T.pairwiseDistance(x1, x2, options.p ?? 2.0, options.eps ?? 1e-6, options.keepdim ?? false);
}

/** F.cosine_similarity: x1·x2 / max(‖x1‖‖x2‖, eps) along `dim`. */
export function cosineSimilarity(x1: Tensor, x2: Tensor, options: { dim?: number; eps?: number } = {}): Tensor {
  return T.cosineSimilarity(x1, x2, options.dim ?? 1, options.eps ?? 1e-8);
}
