import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { Module } from '../module/module.js';
import { reprValue } from '../module/python-repr.js';
import { defineScript } from './define-script.js';

/** nn.Flatten(start_dim=1, end_dim=-1). */
export class Flatten extends Module {
  static readonly torchscript = defineScript<Flatten>(
    `    start_dim: int
    end_dim: int
    def forward(self, input: Tensor) -> Tensor:
        return input.flatten(self.start_dim, self.end_dim)
`,
    (m) => ({ start_dim: m.startDim, end_dim: m.endDim }),
  );
  readonly startDim: number;
  readonly endDim: number;
  constructor(startDim = 1, endDim = -1) {
    super();
    this.startDim = startDim;
    this.endDim = endDim;
  }
  override forward(input: Tensor): Tensor {
    return T.flatten(input, this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** nn.Unflatten(dim, unflattened_size): one dim into several. */
export class Unflatten extends Module {
  static readonly torchscript = defineScript<Unflatten>(
    `    dim: int
    unflattened_size: List[int]
    def forward(self, input: Tensor) -> Tensor:
        return input.unflatten(self.dim, self.unflattened_size)
`,
    (m) => ({ dim: m.dim, unflattened_size: m.unflattenedSize }),
  );
  readonly dim: number;
  readonly unflattenedSize: number[];
  constructor(dim: number, unflattenedSize: number[]) {
    super();
    if (!Array.isArray(unflattenedSize) || unflattenedSize.some((s) => !Number.isInteger(s))) {
      throw new TypeError('unflattened_size must be tuple of ints, but found type list');
    }
    this.dim = dim;
    this.unflattenedSize = [...unflattenedSize];
  }
  override forward(input: Tensor): Tensor {
    return T.unflatten(input, this.dim, this.unflattenedSize);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${reprValue(this.unflattenedSize)}`;
  }
}
