import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { torchLoad } from '@tsjit/serialize';
import { manualSeed, type Tensor, torchOps } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { init } from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens from tooling/fixtures/gen_nn_state_dicts.py: each initializer on a fresh tensor after torch.manual_seed(0).
const golden = torchLoad(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'state-dicts', 'init.pt')) as Map<
  string,
  Tensor
>;

function run(shape: number[], fn: (t: Tensor) => void): Tensor {
  manualSeed(0);
  const t = torchOps.empty(shape);
  fn(t);
  return t;
}

describe('nn.init against PyTorch 1.13', () => {
  // Uniform draws are bit for bit; normal draws within an ulp (PyTorch's vectorized Box-Muller uses Sleef).
  const cases: [string, number[], (t: Tensor) => void, number][] = [
    ['uniform', [3, 5], (t) => init.uniform_(t, -0.5, 2.0), 0],
    ['normal', [3, 5], (t) => init.normal_(t, 1.0, 0.5), 1e-6],
    ['xavier_uniform', [3, 5], (t) => init.xavierUniform_(t, init.calculateGain('tanh')), 0],
    ['xavier_normal', [4, 2, 3], (t) => init.xavierNormal_(t), 1e-6],
    ['kaiming_uniform', [4, 3, 2, 2], (t) => init.kaimingUniform_(t, { mode: 'fan_out', nonlinearity: 'relu' }), 0],
    ['kaiming_normal', [3, 5], (t) => init.kaimingNormal_(t, { a: 0.1 }), 1e-6],
    ['trunc_normal', [4, 6], (t) => init.truncNormal_(t, 0.5, 1.0, -1.0, 1.5), 1e-6],
    ['orthogonal', [3, 5], (t) => init.orthogonal_(t, 2.0), 1e-5],
    ['orthogonal_tall', [5, 2, 1], (t) => init.orthogonal_(t), 1e-5],
    ['eye', [3, 4], (t) => init.eye_(t), 0],
    ['dirac', [4, 2, 3], (t) => init.dirac_(t, 2), 0],
  ];
  for (const [name, shape, fn, tol] of cases) {
    it(`${name}_ gives PyTorch's values for the same seed`, () => {
      expectTensorsClose(run(shape, fn), golden.get(name), tol, name);
    });
  }

  it('calculateGain equals PyTorch for each nonlinearity', () => {
    const params: [string, number | undefined][] = [
      ['linear', undefined],
      ['sigmoid', undefined],
      ['tanh', undefined],
      ['relu', undefined],
      ['leaky_relu', undefined],
      ['leaky_relu', 0.2],
      ['selu', undefined],
      ['conv2d', undefined],
    ];
    for (const [nl, p] of params) {
      const key = `gain_${nl}_${p === undefined ? 'None' : p}`;
      expect(init.calculateGain(nl, p), key).toBe((golden.get(key) as Tensor).item());
    }
    expect(() => init.calculateGain('swish')).toThrow('Unsupported nonlinearity swish');
  });

  it('fan computations and their errors follow PyTorch', () => {
    expect(init.calculateFanInAndFanOut(torchOps.empty([4, 3, 2, 2]))).toEqual([12, 16]);
    expect(() => init.calculateFanInAndFanOut(torchOps.empty([3]))).toThrow(
      'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions',
    );
    expect(() => init.kaimingUniform_(torchOps.empty([2, 2]), { mode: 'fan_avg' as never })).toThrow(
      'Mode fan_avg not supported, please use one of fan_in, fan_out',
    );
  });
});
