import type { Tensor } from '@tsjit/tensor';
import { type InterpolateMode, interpolate } from '../functional/vision.js';
import { Module } from '../module/module.js';
import { reprFloat, reprValue } from '../module/python-repr.js';
import { defineScript } from './define-script.js';

export interface UpsampleOptions {
  size?: number | number[] | null;
  scaleFactor?: number | number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

/** nn.Upsample({ size | scaleFactor, mode='nearest', alignCorners, recomputeScaleFactor }): F.interpolate. */
export class Upsample extends Module {
  // F.interpolate is Python in PyTorch; its dispatch for 3-d and 4-d inputs, written out.
  static readonly torchscript = defineScript<Upsample>(
    `    size: Optional[List[int]]
    scale_factor: Optional[List[float]]
    mode: str
    align_corners: Optional[bool]
    recompute_scale_factor: Optional[bool]
    def forward(self, input: Tensor) -> Tensor:
        dim = input.dim() - 2
        output_size: Optional[List[int]] = None
        scale_factors: Optional[List[float]] = None
        size = self.size
        scale_factor = self.scale_factor
        if size is not None:
            if len(size) == 1 and dim != 1:
                output_size = [size[0] for _ in range(dim)]
            else:
                output_size = size
        elif scale_factor is not None:
            if len(scale_factor) == 1 and dim != 1:
                scale_factors = [scale_factor[0] for _ in range(dim)]
            else:
                scale_factors = scale_factor
        recompute = self.recompute_scale_factor
        if self.mode == "area" and output_size is None:
            recompute = True
        if recompute is not None and recompute and scale_factors is not None:
            output_size = [int(math.floor(float(input.size(i + 2)) * scale_factors[i])) for i in range(dim)]
            scale_factors = None
        align_corners = self.align_corners
        if align_corners is None:
            align_corners = False
        if input.dim() == 3 and self.mode == "nearest":
            return torch.ops.aten.upsample_nearest1d(input, output_size, scale_factors)
        if input.dim() == 4 and self.mode == "nearest":
            return torch.ops.aten.upsample_nearest2d(input, output_size, scale_factors)
        if input.dim() == 3 and self.mode == "nearest-exact":
            return torch.ops.aten._upsample_nearest_exact1d(input, output_size, scale_factors)
        if input.dim() == 4 and self.mode == "nearest-exact":
            return torch.ops.aten._upsample_nearest_exact2d(input, output_size, scale_factors)
        if input.dim() == 3 and self.mode == "area":
            assert output_size is not None
            return torch.adaptive_avg_pool1d(input, output_size)
        if input.dim() == 4 and self.mode == "area":
            assert output_size is not None
            return torch.ops.aten.adaptive_avg_pool2d(input, output_size)
        if input.dim() == 3 and self.mode == "linear":
            return torch.ops.aten.upsample_linear1d(input, output_size, align_corners, scale_factors)
        if input.dim() == 4 and self.mode == "bilinear":
            return torch.ops.aten.upsample_bilinear2d(input, output_size, align_corners, scale_factors)
        if input.dim() == 4 and self.mode == "bicubic":
            return torch.ops.aten.upsample_bicubic2d(input, output_size, align_corners, scale_factors)
        raise NotImplementedError("Input Error: Only 3D, 4D and 5D input Tensors supported (got {}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got {})".format(input.dim(), self.mode))
`,
    (m) => ({
      size: m.size === null ? null : typeof m.size === 'number' ? [m.size] : m.size,
      scale_factor: m.scaleFactor === null ? null : typeof m.scaleFactor === 'number' ? [m.scaleFactor] : m.scaleFactor,
      mode: m.mode,
      align_corners: m.alignCorners,
      recompute_scale_factor: m.recomputeScaleFactor,
    }),
  );

  readonly size: number | number[] | null;
  readonly scaleFactor: number | number[] | null;
  readonly mode: InterpolateMode;
  readonly alignCorners: boolean | null;
  readonly recomputeScaleFactor: boolean | null;

  constructor(options: UpsampleOptions = {}) {
    super();
    this.size = options.size ?? null;
    // PyTorch keeps float(scale_factor) (a tuple of floats for a tuple); 0 counts as unset there.
    this.scaleFactor = options.scaleFactor ? options.scaleFactor : null;
    this.mode = options.mode ?? 'nearest';
    this.alignCorners = options.alignCorners ?? null;
    this.recomputeScaleFactor = options.recomputeScaleFactor ?? null;
  }

  override forward(input: Tensor): Tensor {
    return interpolate(input, {
      size: this.size,
      scaleFactor: this.scaleFactor,
      mode: this.mode,
      alignCorners: this.alignCorners,
      recomputeScaleFactor: this.recomputeScaleFactor,
    });
  }

  override extraRepr(): string {
    const info =
      this.scaleFactor !== null
        ? `scale_factor=${Array.isArray(this.scaleFactor) ? `(${this.scaleFactor.map(reprFloat).join(', ')})` : reprFloat(this.scaleFactor)}`
        : `size=${reprValue(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}

/** nn.UpsamplingNearest2d({ size | scaleFactor }). */
export class UpsamplingNearest2d extends Upsample {
  static override readonly torchscript = Upsample.torchscript;
  constructor(options: { size?: number | number[] | null; scaleFactor?: number | number[] | null } = {}) {
    super({ ...options, mode: 'nearest' });
  }
}

/** nn.UpsamplingBilinear2d({ size | scaleFactor }): bilinear with align_corners=True. */
export class UpsamplingBilinear2d extends Upsample {
  static override readonly torchscript = Upsample.torchscript;
  constructor(options: { size?: number | number[] | null; scaleFactor?: number | number[] | null } = {}) {
    super({ ...options, mode: 'bilinear', alignCorners: true });
  }
}
