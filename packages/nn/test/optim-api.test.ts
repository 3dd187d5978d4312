import { Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, OptimError, RMSprop, SGD } from '../src/optim/index.js';
import { loadGoldens } from './optim-goldens.js';

const errors = loadGoldens<{ errors: Record<string, { type: string; message: string }> }>('optimizers.json.gz').errors;

function params(): Tensor[] {
  return [
    tensor([0, 0], { dtype: 'float32', requiresGrad: true }),
    tensor([0, 0, 0], { dtype: 'float32', requiresGrad: true }),
  ];
}

/** The same calls as gen_optim_goldens.py's ERRORS, by name. */
const calls: Record<string, (p: Tensor[]) => unknown> = {
  tensor_as_params: (p) => new SGD(p[0] as never, 0.1),
  empty_params: () => new SGD([], 0.1),
  set_of_params: (p) => new SGD([{ params: new Set([p[0]]) as never }], 0.1),
  not_a_tensor: (p) => new SGD([p[0], 3 as never], 0.1),
  non_leaf: (p) => {
    const y = p[0].mul(2);
    y.gradFn = { name: 'MulBackward0' };
    return new SGD([y], 0.1);
  },
  sgd_lr_required: (p) => new SGD(p),
  sgd_negative_lr: (p) => new SGD(p, -0.5),
  sgd_negative_momentum: (p) => new SGD(p, 0.1, { momentum: -0.25 }),
  sgd_negative_weight_decay: (p) => new SGD(p, { lr: 0.1, weightDecay: -1e-5 }),
  sgd_nesterov_without_momentum: (p) => new SGD(p, 0.1, { nesterov: true }),
  sgd_nesterov_with_dampening: (p) => new SGD(p, 0.1, { momentum: 0.9, dampening: 0.5, nesterov: true }),
  adam_negative_eps: (p) => new Adam(p, { eps: -1e-8 }),
  adam_beta0: (p) => new Adam(p, { betas: [1.0, 0.999] }),
  adam_beta1: (p) => new Adam(p, { betas: [0.9, -0.5] }),
  adamw_negative_weight_decay: (p) => new AdamW(p, { weightDecay: -0.01 }),
  rmsprop_negative_alpha: (p) => new RMSprop(p, { alpha: -0.5 }),
  rmsprop_negative_momentum: (p) => new RMSprop(p, { momentum: -0.5 }),
  param_in_two_groups: (p) => new SGD([{ params: [p[0], p[1]] }, { params: [p[1]] }], 0.1),
  load_group_count: (p) =>
    new SGD(p, 0.1).loadStateDict(new SGD([{ params: [p[0]] }, { params: [p[1]] }], 0.1).stateDict()),
  load_group_size: (p) => new SGD(p, 0.1).loadStateDict(new SGD([p[0]], 0.1).stateDict()),
};

function catchError(fn: () => unknown): OptimError {
  try {
    fn();
  } catch (e) {
    expect(OptimError.isInstance(e), String(e)).toBe(true);
    return e as OptimError;
  }
  throw new Error('expected an error');
}

describe("optimizer errors: PyTorch 1.13's messages and exception types", () => {
  for (const [name, expected] of Object.entries(errors)) {
    it(name, () => {
      const e = catchError(() => calls[name](params()));
      expect(e.message).toBe(expected.message);
      expect(e.pyType).toBe(expected.type);
    });
  }
  it('every golden error has a call here', () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(errors).sort());
  });
});

describe('Optimizer API', () => {
  it('zeroGrad zeroes gradients in place by default (1.13) and drops them with setToNone', () => {
    const p = params();
    const opt = new SGD(p, 0.1);
    const g = tensor([1, 2], { dtype: 'float32' });
    p[0].grad = g;
    opt.zeroGrad();
    expect(p[0].grad).toBe(g);
    expect(g.toFlatArray()).toEqual([0, 0]);
    expect(p[1].grad).toBeNull();
    opt.zeroGrad(true);
    expect(p[0].grad).toBeNull();
  });

  it('updates parameters in place (same tensor, same storage, bumped version)', () => {
    const p = params();
    const storage = p[0].storage;
    const version = p[0].version;
    p[0].grad = tensor([1, -2], { dtype: 'float32' });
    new SGD([p[0]], 0.5).step();
    expect(p[0].storage).toBe(storage);
    expect(p[0].version).toBeGreaterThan(version);
    expect(p[0].toFlatArray()).toEqual([-0.5, 1]);
  });

  it('step(closure) runs the closure once, before the update, and returns its loss', () => {
    const p = params();
    const opt = new SGD([p[0]], 1);
    const seen: number[][] = [];
    const loss = opt.step(() => {
      seen.push(p[0].toFlatArray() as number[]);
      p[0].grad = tensor([1, 1], { dtype: 'float32' });
      return 42;
    });
    expect(loss).toBe(42);
    expect(seen).toEqual([[0, 0]]);
    expect(p[0].toFlatArray()).toEqual([-1, -1]);
    expect(opt.step()).toBeUndefined();
  });

  it("addParamGroup: a later group takes the defaults it leaves out, keys in PyTorch's order", () => {
    const p = params();
    const opt = new SGD([p[0]], 0.1, { momentum: 0.9 });
    opt.addParamGroup({ params: p[1], lr: 0.01 });
    expect(opt.paramGroups[1].params).toEqual([p[1]]);
    expect(Object.keys(opt.stateDict().param_groups[1])).toEqual([
      'lr',
      'momentum',
      'dampening',
      'weight_decay',
      'nesterov',
      'maximize',
      'foreach',
      'differentiable',
      'params',
    ]);
    expect([opt.paramGroups[1].lr, opt.paramGroups[1].momentum]).toEqual([0.01, 0.9]);
    expect(opt.stateDict().param_groups[1].params).toEqual([1]);
  });

  it('a parameter listed twice in a group warns as PyTorch does', () => {
    const p = params();
    const prev = process.emitWarning;
    const warnings: string[] = [];
    process.emitWarning = ((m: string) => warnings.push(m)) as typeof process.emitWarning;
    try {
      new SGD([p[0], p[0]], 0.1);
    } finally {
      process.emitWarning = prev;
    }
    expect(warnings).toEqual([
      'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; ' +
        'see github.com/pytorch/pytorch/issues/40967 for more information',
    ]);
  });

  it('lr given both positionally and in the options is an error; options alone work', () => {
    const p = params();
    expect(() => new SGD(p, 0.1, { lr: 0.2 })).toThrow("got multiple values for argument 'lr'");
    expect(new Adam(p, { lr: 0.2 }).paramGroups[0].lr).toBe(0.2);
    expect(new RMSprop(p).paramGroups[0].lr).toBe(0.01);
    expect(new AdamW(p).paramGroups[0].weightDecay).toBe(0.01);
  });

  it('CUDA-only and differentiable options are refused on', () => {
    const p = params();
    expect(() => new Adam(p, { fused: true })).toThrow('fused=True is not supported');
    expect(() => new AdamW(p, { capturable: true })).toThrow('capturable=True is not supported');
    expect(() => new SGD(p, 0.1, { differentiable: true })).toThrow('differentiable=True is not supported');
  });

  it('loadStateDict copies state, casts float state to the parameter dtype but keeps step float32', () => {
    const p32 = params();
    const src = new Adam(p32, 0.1);
    p32.forEach((p) => {
      p.grad = tensor(
        p.sizes.map((_, i) => i + 1),
        { dtype: 'float32' },
      );
    });
    src.step();
    const p64 = p32.map((p) => p.to('float64'));
    const dst = new Adam(p64, 0.1);
    dst.loadStateDict(src.stateDict());
    const s = dst.state.get(p64[1]) as Record<string, Tensor>;
    expect(s.expAvg.dtype).toBe('float64');
    expect(s.step.dtype).toBe('float32');
    expect(s.expAvg.toFlatArray()).toEqual((src.state.get(p32[1]) as Record<string, Tensor>).expAvg.toFlatArray());
    s.expAvg.zero_();
    expect((src.state.get(p32[1]) as Record<string, Tensor>).expAvg.toFlatArray()).not.toEqual([0, 0, 0]);
  });

  it('loading Adam state with an int step (PyTorch before 1.12) makes it a float32 tensor', () => {
    const p = params();
    const opt = new Adam([p[0]]);
    opt.loadStateDict({
      state: new Map([
        [
          0,
          { step: 7, exp_avg: tensor([1, 2], { dtype: 'float32' }), exp_avg_sq: tensor([1, 4], { dtype: 'float32' }) },
        ],
      ]),
      param_groups: [{ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, params: [0] }],
    });
    const step = opt.state.get(p[0])?.step as Tensor;
    expect(step).toBeInstanceOf(Tensor);
    expect([step.dtype, step.item()]).toEqual(['float32', 7]);
    // Group options a pre-1.13 state dict lacks get their defaults.
    expect(opt.paramGroups[0].maximize).toBe(false);
    expect(opt.paramGroups[0].lr).toBe(0.1);
  });

  it('SGD without momentum still lists a parameter with a gradient in its state (momentum_buffer None)', () => {
    const p = params();
    const opt = new SGD(p, 0.1);
    p[1].grad = tensor([1, 1, 1], { dtype: 'float32' });
    opt.step();
    const sd = opt.stateDict();
    expect([...sd.state]).toEqual([[1, { momentum_buffer: null }]]);
  });

  it('loadStateDict takes state as an object with string keys too (a JSON-shaped state dict)', () => {
    const p = params();
    const opt = new SGD(p, 0.1, { momentum: 0.9 });
    p[0].grad = tensor([1, 2], { dtype: 'float32' });
    p[1].grad = tensor([3, 4, 5], { dtype: 'float32' });
    opt.step();
    const sd = opt.stateDict();
    const copy = new SGD(
      p.map((t) => t.clone()),
      0.5,
    );
    copy.loadStateDict({ state: Object.fromEntries(sd.state), param_groups: sd.param_groups });
    expect(copy.paramGroups[0].momentum).toBe(0.9);
    expect([...copy.state.values()].map((s) => (s.momentumBuffer as Tensor).toFlatArray())).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });
});
