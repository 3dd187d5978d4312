import type { Tensor } from '@tsjit/tensor';
import { alphaDropout, dropout, dropout1d, dropout2d } from '../functional/dropout.js';
import { Module } from '../module/module.js';
import { reprFloat } from '../module/python-repr.js';
import { defineScript } from './define-script.js';

/** PyTorch's _DropoutNd: p and inplace, checked. */
export abstract class DropoutNd extends Module {
  readonly p: number;
  readonly inplace: boolean;

  constructor(p = 0.5, inplace = false) {
    super();
    if (p < 0 || p > 1) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
    this.inplace = inplace;
  }

  override extraRepr(): string {
    return `p=${reprFloat(this.p)}, inplace=${this.inplace ? 'True' : 'False'}`;
  }
}

const dropoutAttributes = (m: DropoutNd) => ({ p: m.p, inplace: m.inplace });
const dropoutBody = (op: string) => `    p: float
    inplace: bool
    def forward(self, input: Tensor) -> Tensor:
        if self.inplace:
            return torch.${op}_(input, self.p, self.training)
        return torch.${op}(input, self.p, self.training)
`;

/** nn.Dropout(p=0.5, inplace=false): active in training mode only. */
export class Dropout extends DropoutNd {
  static readonly torchscript = defineScript<Dropout>(dropoutBody('dropout'), dropoutAttributes);
  override forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training, this.inplace);
  }
}

/** nn.Dropout1d(p=0.5, inplace=false): zeroes whole channels of (N, C, L) or (C, L) inputs. */
export class Dropout1d extends DropoutNd {
  static readonly torchscript = defineScript<Dropout1d>(
    `    p: float
    inplace: bool
    def forward(self, input: Tensor) -> Tensor:
        inp_dim = input.dim()
        if inp_dim != 2 and inp_dim != 3:
            raise RuntimeError("dropout1d: Expected 2D or 3D input, but received a {}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).".format(inp_dim))
        is_batched = inp_dim == 3
        if not is_batched:
            input = input.unsqueeze(0)
        result = torch.feature_dropout(input, self.p, self.training)
        if not is_batched:
            result = result.squeeze(0)
        return result
`,
    dropoutAttributes,
  );
  override forward(input: Tensor): Tensor {
    return dropout1d(input, this.p, this.training, this.inplace);
  }
}

/** nn.Dropout2d(p=0.5, inplace=false): zeroes whole channels. */
export class Dropout2d extends DropoutNd {
  static readonly torchscript = defineScript<Dropout2d>(dropoutBody('feature_dropout'), dropoutAttributes);
  override forward(input: Tensor): Tensor {
    return dropout2d(input, this.p, this.training, this.inplace);
  }
}

/** nn.AlphaDropout(p=0.5): keeps SELU's self-normalization. */
export class AlphaDropout extends DropoutNd {
  static readonly torchscript = defineScript<AlphaDropout>(dropoutBody('alpha_dropout'), dropoutAttributes);
  override forward(input: Tensor): Tensor {
    return alphaDropout(input, this.p, this.training, this.inplace);
  }
}
