import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { adaptiveAvgPool1d, adaptiveAvgPool2d } from './pooling.js';

export type InterpolateMode = 'nearest' | 'linear' | 'bilinear' | 'bicubic' | 'area' | 'nearest-exact';

export interface InterpolateOptions {
  size?: number | number[] | null;
  scaleFactor?: number | number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

/** F.interpolate for 3-d and 4-d inputs (nearest, nearest-exact, linear, bilinear, bicubic, area), PyTorch's argument checks included. */
export function interpolate(input: Tensor, options: InterpolateOptions = {}): Tensor {
  const mode = options.mode ?? 'nearest';
  let alignCorners = options.alignCorners ?? null;
  const { size = null, scaleFactor = null } = options;
  let recompute = options.recomputeScaleFactor ?? null;
  if (mode === 'nearest' || mode === 'area' || mode === 'nearest-exact') {
    if (alignCorners !== null) {
      throw new Error(
        'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear',
      );
    }
  } else if (alignCorners === null) alignCorners = false;
  const dim = input.dim() - 2;
  let outputSize: number[] | null = null;
  let scaleFactors: number[] | null = null;
  if (size !== null && scaleFactor !== null) throw new Error('only one of size or scale_factor should be defined');
  if (size !== null) {
    if (Array.isArray(size)) {
      if (size.length !== dim) {
        throw new Error(
          `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${input.sizes.slice(2).join(', ')}] and output size of [${size.join(', ')}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
        );
      }
      outputSize = size;
    } else outputSize = new Array(dim).fill(size);
  } else if (scaleFactor !== null) {
    if (Array.isArray(scaleFactor)) {
      if (scaleFactor.length !== dim) {
        throw new Error(
          `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [${input.sizes.slice(2).join(', ')}] and scale_factor of shape [${scaleFactor.join(', ')}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
        );
      }
      scaleFactors = scaleFactor;
    } else scaleFactors = new Array(dim).fill(scaleFactor);
  } else throw new Error('either size or scale_factor should be defined');
  if (recompute && size !== null) throw new Error('recompute_scale_factor is not meaningful with an explicit size.');
  if (mode === 'area' && outputSize === null) recompute = true;
  if (recompute) {
    const factors = scaleFactors as number[];
    outputSize = factors.map((s, i) => Math.floor(input.size(i + 2) * s));
    scaleFactors = null;
  }
  const n = input.dim();
  if (n === 3 && mode === 'nearest') return T.upsampleNearest1d(input, outputSize, scaleFactors);
  if (n === 4 && mode === 'nearest') return T.upsampleNearest2d(input, outputSize, scaleFactors);
  if (n === 3 && mode === 'nearest-exact') return callOp('_upsampleNearestExact1d', input, outputSize, scaleFactors);
  if (n === 4 && mode === 'nearest-exact') return callOp('_upsampleNearestExact2d', input, outputSize, scaleFactors);
  if (n === 3 && mode === 'area') return adaptiveAvgPool1d(input, outputSize as [number]);
  if (n === 4 && mode === 'area') return adaptiveAvgPool2d(input, outputSize as number[]);
  if (n === 3 && mode === 'linear') return T.upsampleLinear1d(input, outputSize, alignCorners as boolean, scaleFactors);
  if (n === 4 && mode === 'bilinear') {
    return T.upsampleBilinear2d(input, outputSize, alignCorners as boolean, scaleFactors);
  }
  if (n === 4 && mode === 'bicubic')
    return T.upsampleBicubic2d(input, outputSize, alignCorners as boolean, scaleFactors);
  if (n === 3 && mode === 'bilinear') throw new Error('Got 3D input, but bilinear mode needs 4D input');
  if (n === 4 && mode === 'linear') throw new Error('Got 4D input, but linear mode needs 3D input');
  throw new Error(
    `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${n}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`,
  );
}

function callOp(name: string, ...args: unknown[]): Tensor {
  return (T as unknown as Record<string, (...a: unknown[]) => Tensor>)[name](...args);
}

export function pixelShuffle(input: Tensor, upscaleFactor: number): Tensor {
  return T.pixelShuffle(input, upscaleFactor);
}

export function pixelUnshuffle(input: Tensor, downscaleFactor: number): Tensor {
  return T.pixelUnshuffle(input, downscaleFactor);
}
