import { describe, expect, it } from 'vitest';
import { type DType, dtypes } from './dtype.js';
import { KernelError } from './kernel-error.js';
import { availableKernelPaths } from './runtime.js';
import { numel } from './strided.js';
import {
  closeTo,
  type Layout,
  makeContiguous,
  makeStrided,
  randInt,
  randomValue,
  rng,
  toNumbers,
  withPath,
} from './test-utils.js';
import { type UpsampleMode, type UpsampleOptions, upsample2d, upsampleOutputSizes } from './upsample.js';

const layouts: Layout[] = ['contiguous', 'transposed', 'stepped', 'offset'];
const X = [3, 1, -2, 7, 0, 5, 4, -1, 8, 2, -3, 6, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.5];

// Values from PyTorch 1.13 for x = tensor(X).reshape(1, 2, 3, 4).
const CASES: { name: string; sizes: number[]; opts: UpsampleOptions; values: number[] }[] = [
  // F.interpolate(x, size=(5, 7), mode='nearest')
  {
    name: 'nearest',
    sizes: [1, 2, 5, 7],
    opts: { mode: 'nearest' } as UpsampleOptions,
    values: [
      3.0, 3.0, 1.0, 1.0, -2.0, -2.0, 7.0, 3.0, 3.0, 1.0, 1.0, -2.0, -2.0, 7.0, 0.0, 0.0, 5.0, 5.0, 4.0, 4.0, -1.0, 0.0,
      0.0, 5.0, 5.0, 4.0, 4.0, -1.0, 8.0, 8.0, 2.0, 2.0, -3.0, -3.0, 6.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 1.0, 1.0,
      2.0, 2.0, 3.0, 3.0, 4.0, 5.0, 5.0, 6.0, 6.0, 7.0, 7.0, 8.0, 5.0, 5.0, 6.0, 6.0, 7.0, 7.0, 8.0, 9.0, 9.0, 10.0,
      10.0, 11.0, 11.0, 12.5,
    ],
  },
  // F.interpolate(x, size=(5, 7), mode='nearest-exact')
  {
    name: 'nearest_exact',
    sizes: [1, 2, 5, 7],
    opts: { mode: 'nearest-exact' } as UpsampleOptions,
    values: [
      3.0, 3.0, 1.0, -2.0, -2.0, 7.0, 7.0, 3.0, 3.0, 1.0, -2.0, -2.0, 7.0, 7.0, 0.0, 0.0, 5.0, 4.0, 4.0, -1.0, -1.0,
      8.0, 8.0, 2.0, -3.0, -3.0, 6.0, 6.0, 8.0, 8.0, 2.0, -3.0, -3.0, 6.0, 6.0, 1.0, 1.0, 2.0, 3.0, 3.0, 4.0, 4.0, 1.0,
      1.0, 2.0, 3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 7.0, 7.0, 8.0, 8.0, 9.0, 9.0, 10.0, 11.0, 11.0, 12.5, 12.5, 9.0, 9.0,
      10.0, 11.0, 11.0, 12.5, 12.5,
    ],
  },
  // F.interpolate(x, scale_factor=1.7, mode='nearest')
  {
    name: 'nearest_scale',
    sizes: [1, 2, 5, 6],
    opts: { mode: 'nearest', scaleFactors: [1.7, 1.7] } as UpsampleOptions,
    values: [
      3.0, 3.0, 1.0, 1.0, -2.0, -2.0, 3.0, 3.0, 1.0, 1.0, -2.0, -2.0, 0.0, 0.0, 5.0, 5.0, 4.0, 4.0, 0.0, 0.0, 5.0, 5.0,
      4.0, 4.0, 8.0, 8.0, 2.0, 2.0, -3.0, -3.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 5.0, 5.0,
      6.0, 6.0, 7.0, 7.0, 5.0, 5.0, 6.0, 6.0, 7.0, 7.0, 9.0, 9.0, 10.0, 10.0, 11.0, 11.0,
    ],
  },
  // F.interpolate(x, size=(2, 3), mode='nearest')
  {
    name: 'nearest_down',
    sizes: [1, 2, 2, 3],
    opts: { mode: 'nearest' } as UpsampleOptions,
    values: [3.0, 1.0, -2.0, 0.0, 5.0, 4.0, 1.0, 2.0, 3.0, 5.0, 6.0, 7.0],
  },
  // F.interpolate(x, size=(5, 7), mode='bilinear')
  {
    name: 'bilinear',
    sizes: [1, 2, 5, 7],
    opts: { mode: 'bilinear' } as UpsampleOptions,
    values: [
      3.0, 2.2857141494750977, 1.1428570747375488, -0.5000003576278687, -1.3571418523788452, 3.7857155799865723, 7.0,
      1.7999999523162842, 2.085714340209961, 2.5428574085235596, 1.5, 0.6428576707839966, 2.58571457862854,
      3.799999713897705, 4.76837158203125e-7, 1.7857147455215454, 4.642857551574707, 4.499999523162842,
      3.6428563594818115, 0.7857135534286499, -0.9999995827674866, 4.8000006675720215, 4.228571891784668,
      3.3142855167388916, 1.4999992847442627, 0.042856913059949875, 1.9857150316238403, 3.200000524520874, 8.0,
      5.857142448425293, 2.4285712242126465, -0.5000005960464478, -2.3571419715881348, 2.7857158184051514, 6.0, 1.0,
      1.3571429252624512, 1.9285714626312256, 2.5, 3.0714287757873535, 3.642857313156128, 4.0, 2.6000001430511475,
      2.9571428298950195, 3.528571844100952, 4.099999904632568, 4.67142915725708, 5.242857456207275, 5.600000381469727,
      5.0, 5.357142448425293, 5.928571701049805, 6.5, 7.071429252624512, 7.642858028411865, 8.0, 7.400000095367432,
      7.757143020629883, 8.328572273254395, 8.90000057220459, 9.492857933044434, 10.23571491241455, 10.700000762939453,
      9.0, 9.357142448425293, 9.928571701049805, 10.5, 11.10714340209961, 11.964285850524902, 12.5,
    ],
  },
  // F.interpolate(x, size=(5, 7), mode='bilinear', align_corners=True)
  {
    name: 'bilinear_ac',
    sizes: [1, 2, 5, 7],
    opts: { mode: 'bilinear', alignCorners: true } as UpsampleOptions,
    values: [
      3.0, 2.0, 1.0, -0.5, -2.0, 2.5, 7.0, 1.5, 2.25, 3.0, 2.0, 1.0, 2.0, 3.0, 0.0, 2.5, 5.0, 4.5, 4.0, 1.5, -1.0, 4.0,
      3.75, 3.5, 2.0, 0.5, 1.5, 2.5, 8.0, 5.0, 2.0, -0.5, -3.0, 1.5, 6.0, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 3.0, 3.5,
      4.0, 4.5, 5.0, 5.5, 6.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 7.0, 7.5, 8.0, 8.5, 9.0, 9.625, 10.25, 9.0, 9.5, 10.0,
      10.5, 11.0, 11.75, 12.5,
    ],
  },
  // F.interpolate(x, size=(2, 3), mode='bilinear')
  {
    name: 'bilinear_down',
    sizes: [1, 2, 2, 3],
    opts: { mode: 'bilinear' } as UpsampleOptions,
    values: [
      2.2083332538604736, 0.7499998807907104, 4.083333969116211, 5.458333492279053, 0.7499997615814209,
      3.333333969116211, 2.1666667461395264, 3.5, 4.833333492279053, 8.166666984558105, 9.5, 11.145833015441895,
    ],
  },
  // F.interpolate(x, scale_factor=1.7, mode='bilinear')
  {
    name: 'bilinear_scale',
    sizes: [1, 2, 5, 6],
    opts: { mode: 'bilinear', scaleFactors: [1.7, 1.7] } as UpsampleOptions,
    values: [
      3.0, 2.2352941036224365, 1.0588233470916748, -0.6764707565307617, -0.6764695644378662, 4.617648124694824,
      1.8529411554336548, 2.1115918159484863, 2.5095157623291016, 1.2802767753601074, 0.8304503560066223,
      2.9757790565490723, 0.08823502063751221, 1.9212803840637207, 4.741350173950195, 4.290657997131348,
      3.1487886905670166, 0.44982612133026123, 4.470588684082031, 4.032007217407227, 3.3572661876678467,
      1.5155704021453857, 0.5034602284431458, 2.1643600463867188, 8.0, 5.705882549285889, 2.1764700412750244,
      -0.7941179275512695, -1.6764695644378662, 3.617647647857666, 1.0, 1.3823530673980713, 1.9705883264541626,
      2.558823585510254, 3.1470589637756348, 3.7352943420410156, 2.529411792755127, 2.9117650985717773,
      3.500000476837158, 4.088235855102539, 4.676470756530762, 5.264706134796143, 4.88235330581665, 5.264706611633301,
      5.852941989898682, 6.441176891326904, 7.029411792755127, 7.617647647857666, 7.235294342041016, 7.617647647857666,
      8.205883026123047, 8.79411792755127, 9.423442840576172, 10.176037788391113, 9.0, 9.382352828979492,
      9.970587730407715, 10.558823585510254, 11.220587730407715, 12.102940559387207,
    ],
  },
  // F.interpolate(x, size=(5, 7), mode='bicubic')
  {
    name: 'bicubic',
    sizes: [1, 2, 5, 7],
    opts: { mode: 'bicubic' } as UpsampleOptions,
    values: [
      3.553107976913452, 2.573836326599121, 0.9163257479667664, -2.2002503871917725, -2.1316049098968506,
      4.047049522399902, 8.794295310974121, 1.1103826761245728, 1.8929017782211304, 2.771145820617676,
      1.701375126838684, 0.8890447616577148, 2.400636672973633, 3.6459925174713135, -0.49608179926872253,
      1.7652143239974976, 4.7601118087768555, 5.4375, 3.667729139328003, 0.6422194242477417, -1.4960819482803345,
      4.801840782165527, 4.464757919311523, 3.6748788356781006, 1.4448739290237427, 0.14185383915901184,
      1.6325091123580933, 2.96199631690979, 9.468077659606934, 6.694822788238525, 2.364413022994995, -2.611250638961792,
      -3.328857183456421, 2.816246747970581, 7.698296070098877, 0.516784131526947, 0.8952452540397644,
      1.5125923156738281, 2.1160006523132324, 2.719407081604004, 3.336754083633423, 3.715217113494873,
      2.1647861003875732, 2.5432467460632324, 3.160593271255493, 3.767376661300659, 4.3653483390808105,
      4.96102237701416, 5.323646545410156, 4.90078592300415, 5.279245376586914, 5.896591663360596, 6.500000476837158,
      7.1034064292907715, 7.720754623413086, 8.099217414855957, 7.636786460876465, 8.01524543762207, 8.632591247558594,
      9.207313537597656, 9.856913566589355, 10.658486366271973, 11.171576499938965, 9.284789085388184,
      9.663246154785156, 10.280592918395996, 10.832626342773438, 11.51876163482666, 12.46602725982666,
      13.085588455200195,
    ],
  },
  // F.interpolate(x, size=(5, 7), mode='bicubic', align_corners=True)
  {
    name: 'bicubic_ac',
    sizes: [1, 2, 5, 7],
    opts: { mode: 'bicubic', alignCorners: true } as UpsampleOptions,
    values: [
      3.0, 2.28125, 1.0, -1.53125, -2.0, 2.21875, 7.0, 0.75, 2.16796875, 3.28125, 2.6416015625, 1.65625, 1.84765625,
      2.34375, 0.0, 2.59375, 5.0, 5.4375, 4.0, 1.40625, -1.0, 3.71875, 4.060546875, 3.875, 2.4189453125, 1.0625,
      1.142578125, 1.75, 8.0, 5.46875, 2.0, -1.90625, -3.0, 1.03125, 6.0, 1.0, 1.40625, 2.0, 2.5, 3.0, 3.59375, 4.0,
      2.625, 3.03125, 3.625, 4.12939453125, 4.625, 5.1953125, 5.578125, 5.0, 5.40625, 6.0, 6.5, 7.0, 7.59375, 8.0,
      7.375, 7.78125, 8.375, 8.8515625, 9.375, 10.09375, 10.625, 9.0, 9.40625, 10.0, 10.453125, 11.0, 11.84375, 12.5,
    ],
  },
  // F.interpolate(x, scale_factor=(1.7, 2.3), mode='bicubic')
  {
    name: 'bicubic_scale',
    sizes: [1, 2, 5, 9],
    opts: { mode: 'bicubic', scaleFactors: [1.7, 2.3] } as UpsampleOptions,
    values: [
      3.5846481323242188, 2.991262674331665, 2.0308213233947754, 0.5118579268455505, -1.982309103012085,
      -2.9898903369903564, 0.24219365417957306, 5.442523956298828, 8.762858390808105, 1.2083933353424072,
      1.5539665222167969, 2.3566455841064453, 2.663492441177368, 1.666395664215088, 0.6866735816001892,
      1.351768136024475, 2.8900065422058105, 3.8529484272003174, -0.6511809825897217, 0.5737385153770447,
      3.0336837768554688, 5.0363640785217285, 5.472640514373779, 4.457767009735107, 2.3757503032684326,
      0.07591558247804642, -1.436043381690979, 4.355406284332275, 4.244454383850098, 4.2230072021484375,
      3.5655829906463623, 2.0112762451171875, 0.6845778226852417, 0.7298197150230408, 1.8246700763702393,
      2.4791882038116455, 9.392704963684082, 7.827343463897705, 5.097443580627441, 1.5597667694091797,
      -2.197195291519165, -3.7941553592681885, -1.0450385808944702, 4.207492828369141, 7.522760391235352,
      0.5014128088951111, 0.7255090475082397, 1.1012678146362305, 1.642406702041626, 2.0778048038482666,
      2.463890314102173, 3.0285468101501465, 3.4277288913726807, 3.705432415008545, 2.0938713550567627,
      2.3179683685302734, 2.693726062774658, 3.234877824783325, 3.673140287399292, 4.058541774749756, 4.610611915588379,
      4.9936203956604, 5.2608160972595215, 4.717014789581299, 4.941112995147705, 5.316868782043457, 5.858013153076172,
      6.2942891120910645, 6.680163860321045, 7.240960597991943, 7.635178565979004, 7.9096574783325195,
      7.481516361236572, 7.705617427825928, 8.081369400024414, 8.622413635253906, 9.03386402130127, 9.425662994384766,
      10.095540046691895, 10.629905700683594, 10.995445251464844, 9.211877822875977, 9.435981750488281,
      9.811732292175293, 10.35268783569336, 10.742386817932129, 11.139374732971191, 11.90482234954834,
      12.56197738647461, 13.007296562194824,
    ],
  },
];

describe('upsample2d', () => {
  it('matches PyTorch on known values in every mode', () => {
    const x = makeContiguous('float32', [1, 2, 3, 4], X);
    for (const c of CASES) {
      if (c.opts.scaleFactors) {
        expect(upsampleOutputSizes(x.sizes, { scaleFactor: [...c.opts.scaleFactors] })).toEqual(c.sizes);
      }
      for (const path of availableKernelPaths()) {
        withPath(path, () => {
          const out = makeContiguous('float32', c.sizes);
          upsample2d(out, x, c.opts);
          expect(closeTo(toNumbers(out), c.values, 1e-5, 1e-5), `${c.name} (${path})`).toBeNull();
        });
      }
    }
  });

  it('fast paths agree with the reference on random shapes, layouts and dtypes', () => {
    const r = rng(5);
    const modes: UpsampleMode[] = ['nearest', 'nearest-exact', 'bilinear', 'bicubic'];
    for (let trial = 0; trial < 150; trial++) {
      const mode = modes[trial % 4];
      const pool = mode.startsWith('nearest')
        ? dtypes.filter((d) => d !== 'bool')
        : (['float32', 'float64', 'float16', 'bfloat16'] as DType[]);
      const dtype = pool[randInt(r, 0, pool.length - 1)];
      const sizes = [randInt(r, 0, 2), randInt(r, 1, 3), randInt(r, 1, 9), randInt(r, 1, 9)];
      const x = makeStrided(
        dtype,
        sizes,
        Array.from({ length: numel(sizes) }, () => randomValue(dtype, r)),
        layouts[randInt(r, 0, 3)],
      );
      const os = [sizes[0], sizes[1], randInt(r, 1, 17), randInt(r, 1, 17)];
      const opts: UpsampleOptions = {
        mode,
        alignCorners: mode.startsWith('nearest') ? null : r() < 0.5,
        scaleFactors: r() < 0.3 ? [os[2] / sizes[2], os[3] / sizes[3]] : null,
      };
      const outLayout = layouts[randInt(r, 0, 3)];
      const res = availableKernelPaths().map((p) =>
        withPath(
          p,
          () => {
            const out = makeStrided(dtype, os, new Array(numel(os)).fill(0), outLayout);
            upsample2d(out, x, opts);
            return toNumbers(out);
          },
          2,
        ),
      );
      // FMA contraction in the vector builds may change the last bits of interpolated values
      const tol =
        dtype === 'float64'
          ? 1e-12
          : dtype === 'float32'
            ? 1e-5
            : dtype === 'float16' || dtype === 'bfloat16'
              ? 2e-2
              : 0;
      for (const v of res.slice(1)) expect(closeTo(v, res[0], tol, tol), `${mode} ${dtype} trial ${trial}`).toBeNull();
    }
  });

  it('large inputs (threaded) match the reference', () => {
    const r = rng(6);
    const sizes = [2, 16, 40, 50];
    const x = makeContiguous(
      'float32',
      sizes,
      Array.from({ length: numel(sizes) }, () => r() * 4 - 2),
    );
    for (const mode of ['nearest', 'bilinear', 'bicubic'] as UpsampleMode[]) {
      const res = availableKernelPaths().map((p) =>
        withPath(
          p,
          () => {
            const out = makeContiguous('float32', [2, 16, 80, 100]);
            upsample2d(out, x, { mode });
            return toNumbers(out);
          },
          2,
        ),
      );
      for (const v of res.slice(1)) expect(closeTo(v, res[0], 1e-5, 1e-5), mode).toBeNull();
    }
  });

  it('rejects bad calls with PyTorch-like messages', () => {
    const x = makeContiguous('float32', [1, 2, 3, 4], X);
    const bad = (fn: () => unknown, msg: RegExp) => {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(KernelError.isInstance(err), String(err)).toBe(true);
      expect((err as Error).message).toMatch(msg);
    };
    bad(
      () => upsample2d(makeContiguous('float32', [1, 2, 5, 5]), x, { mode: 'nearest', alignCorners: true }),
      /align_corners option can only be set with the interpolating modes/,
    );
    bad(
      () =>
        upsample2d(
          makeContiguous('float32', [2, 5, 5]),
          { ...x, sizes: [2, 3, 4], strides: [12, 4, 1] },
          { mode: 'bilinear' },
        ),
      /Got 3D input, but bilinear mode needs 4D input/,
    );
    bad(
      () =>
        upsample2d(makeContiguous('int32', [1, 2, 5, 5]), makeContiguous('int32', [1, 2, 3, 4]), { mode: 'bicubic' }),
      /not implemented for 'int32'/,
    );
    bad(
      () => upsample2d(makeContiguous('float32', [1, 2, 0, 5]), x, { mode: 'bilinear' }),
      /Input and output sizes should be greater than 0/,
    );
    bad(
      () => upsample2d(makeContiguous('float32', [1, 2, 5, 5]), x, { mode: 'area' as UpsampleMode }),
      /mode must be one of/,
    );
    bad(() => upsampleOutputSizes([1, 2, 3, 4], { size: [2, 2], scaleFactor: 2 }), /only one of size or scale_factor/);
  });
});
