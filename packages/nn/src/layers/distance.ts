import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { Module } from '../module/index.js';
import { defineScript } from './define-script.js';

/** torch.nn.PairwiseDistance: the p-norm of x1 - x2 + eps over the last dim (`p` 2, `eps` 1e-6, `keepdim`). */
export class PairwiseDistance extends Module {
  static readonly torchscript = defineScript<PairwiseDistance>(
    `    norm: float
    eps: float
    keepdim: bool
    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return torch.pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)
`,
    (m) => ({ norm: m.norm, eps: m.eps, keepdim: m.keepdim }),
  );

  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;

  constructor(options: { p?: number; eps?: number; keepdim?: boolean } = {}) {
    super();
    this.norm = options.p ?? 2.0;
    this.eps = options.eps ?? 1e-6;
    this.keepdim = options.keepdim ?? false;
  }

  override forward(x1: Tensor, x2: Tensor): Tensor {
    return T.pairwiseDistance(x1, x2, this.norm, this.eps, this.keepdim);
  }
}

/** torch.nn.CosineSimilarity: cosine similarity along `dim` (1), norms clamped to `eps` (1e-8). */
export class CosineSimilarity extends Module {
  static readonly torchscript = defineScript<CosineSimilarity>(
    `    dim: int
    eps: float
    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return torch.cosine_similarity(x1, x2, self.dim, self.eps)
`,
    (m) => ({ dim: m.dim, eps: m.eps }),
  );

  readonly dim: number;
  readonly eps: number;

  constructor(options: { dim?: number; eps?: number } = {}) {
    super();
    this.dim = options.dim ?? 1;
    this.eps = options.eps ?? 1e-8;
  }

  override forward(x1: Tensor, x2: Tensor): Tensor {
    return T.cosineSimilarity(x1, x2, this.dim, this.eps);
  }
}
