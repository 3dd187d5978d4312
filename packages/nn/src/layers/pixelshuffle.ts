import type { Tensor } from '@tsjit/tensor';
import { pixelShuffle, pixelUnshuffle } from '../functional/vision.js';
import { Module } from '../module/module.js';
import { defineScript } from './define-script.js';

/** nn.PixelShuffle(upscale_factor): (*, C r², H, W) → (*, C, H r, W r). */
export class PixelShuffle extends Module {
  static readonly torchscript = defineScript<PixelShuffle>(
    `    upscale_factor: int
    def forward(self, input: Tensor) -> Tensor:
        return torch.pixel_shuffle(input, self.upscale_factor)
`,
    (m) => ({ upscale_factor: m.upscaleFactor }),
  );
  readonly upscaleFactor: number;
  constructor(upscaleFactor: number) {
    super();
    this.upscaleFactor = upscaleFactor;
  }
  override forward(input: Tensor): Tensor {
    return pixelShuffle(input, this.upscaleFactor);
  }
  override extraRepr(): string {
    return `upscale_factor=${this.upscaleFactor}`;
  }
}

/** nn.PixelUnshuffle(downscale_factor): the inverse of PixelShuffle. */
export class PixelUnshuffle extends Module {
  static readonly torchscript = defineScript<PixelUnshuffle>(
    `    downscale_factor: int
    def forward(self, input: Tensor) -> Tensor:
        return torch.pixel_unshuffle(input, self.downscale_factor)
`,
    (m) => ({ downscale_factor: m.downscaleFactor }),
  );
  readonly downscaleFactor: number;
  constructor(downscaleFactor: number) {
    super();
    this.downscaleFactor = downscaleFactor;
  }
  override forward(input: Tensor): Tensor {
    return pixelUnshuffle(input, this.downscaleFactor);
  }
  override extraRepr(): string {
    return `downscale_factor=${this.downscaleFactor}`;
  }
}
