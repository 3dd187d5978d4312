import { tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CosineAnnealingLR, LambdaLR, type LRScheduler, type LrLambda, SGD, StepLR } from '../src/optim/index.js';
import { pythonFloatRepr } from '../src/optim/python-float-repr.js';
import { loadGoldens } from './optim-goldens.js';

interface Case {
  name: string;
  lrs: number[];
  scheduler: 'StepLR' | 'CosineAnnealingLR' | 'LambdaLR';
  options: Record<string, unknown>;
  epochs?: number[];
  lastLrs: number[][];
  stateDict: Record<string, unknown>;
}

const goldens = loadGoldens<{ cases: Case[]; verbose: string[]; floatReprs: [number, string][] }>('schedulers.json.gz');

/** The generator's named lambdas (gen_optim_goldens.py LAMBDAS). */
const LAMBDAS: Record<string, LrLambda> = {
  exp95: (e) => 0.95 ** e,
  inverse: (e) => 1.0 / (e + 1),
  sawtooth: (e) => 0.5 * (e % 3),
};

function optimizerWith(lrs: number[]): SGD {
  return new SGD(
    lrs.map((lr) => ({ params: [tensor([0], { dtype: 'float32' })], lr })),
    1.0,
  );
}

function build(c: Case, opt: SGD): LRScheduler {
  const o = c.options;
  if (c.scheduler === 'StepLR') return new StepLR(opt, o.step_size as number, { gamma: o.gamma as number | undefined });
  if (c.scheduler === 'CosineAnnealingLR') {
    return new CosineAnnealingLR(opt, o.T_max as number, { etaMin: o.eta_min as number | undefined });
  }
  const l = o.lr_lambda as string | string[];
  return new LambdaLR(opt, Array.isArray(l) ? l.map((x) => LAMBDAS[x]) : LAMBDAS[l]);
}

/** Python's and V8's cos and pow may differ in the last bit; schedules chain a few such results. */
function expectLrs(actual: number[], expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(Math.abs(v - expected[i]), `${what}[${i}]: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(
      1e-13 * Math.abs(expected[i]) + 1e-300,
    );
  });
}

function expectStateDict(actual: Record<string, unknown>, expected: Record<string, unknown>, what: string): void {
  expect(Object.keys(actual), `${what}: keys`).toEqual(Object.keys(expected));
  for (const [key, value] of Object.entries(actual)) {
    if (key === '_last_lr' || key === 'base_lrs') expectLrs(value as number[], expected[key] as number[], key);
    else expect(value, `${what}: ${key}`).toEqual(expected[key]);
  }
}

describe('LR schedulers against PyTorch 1.13', () => {
  for (const c of goldens.cases) {
    it(`${c.name}: getLastLr at every epoch, the groups' lr and the state dict`, () => {
      const opt = optimizerWith(c.lrs);
      const sched = build(c, opt);
      if (c.epochs === undefined) expectLrs(sched.getLastLr(), c.lastLrs[0], `${c.name} epoch 0`);
      const steps = c.epochs ?? Array.from({ length: c.lastLrs.length - 1 }, () => undefined);
      const seq = c.epochs === undefined ? c.lastLrs.slice(1) : c.lastLrs;
      const prev = process.emitWarning;
      const warnings: string[] = [];
      process.emitWarning = ((m: string) => warnings.push(m)) as typeof process.emitWarning;
      try {
        steps.forEach((epoch, i) => {
          opt.step();
          sched.step(epoch);
          expectLrs(sched.getLastLr(), seq[i], `${c.name} step ${i + 1}`);
          expectLrs(
            opt.paramGroups.map((g) => g.lr),
            seq[i],
            `${c.name} group lrs ${i + 1}`,
          );
        });
      } finally {
        process.emitWarning = prev;
      }
      // step(epoch) is deprecated in PyTorch and warns each time; plain step() after optimizer.step() does not.
      expect(warnings.length).toBe(c.epochs?.length ?? 0);
      expectStateDict(sched.stateDict(), c.stateDict, c.name);
    });
  }

  it('a scheduler resumed from a state dict continues the same schedule', () => {
    const c = goldens.cases.find((x) => x.name === 'cosine') as Case;
    const opt = optimizerWith(c.lrs);
    const sched = build(c, opt);
    for (let i = 0; i < 8; i++) {
      opt.step();
      sched.step();
    }
    const saved = sched.stateDict();
    // PyTorch's order: build both, then load the optimizer's state (its lrs) and the scheduler's.
    const opt2 = optimizerWith([0.7]);
    const sched2 = new CosineAnnealingLR(opt2, 3);
    opt2.loadStateDict(opt.stateDict());
    sched2.loadStateDict(saved);
    expect(sched2.TMax).toBe(5);
    expect(sched2.etaMin).toBe(0.001);
    for (let i = 9; i <= 20; i++) {
      opt2.step();
      sched2.step();
      expectLrs(sched2.getLastLr(), c.lastLrs[i], `resumed epoch ${i}`);
    }
  });

  it("resuming (lastEpoch != -1) needs each group's initial_lr, with PyTorch's KeyError", () => {
    const opt = optimizerWith([0.1, 0.2]);
    expect(() => new StepLR(opt, 2, { lastEpoch: 3 })).toThrow(
      "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer",
    );
    new StepLR(opt, 2);
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.2]);
    expect(opt.stateDict().param_groups[0].initial_lr).toBe(0.1);
  });

  it('LambdaLR checks the number of lambdas; a scheduler step before any optimizer step warns', () => {
    const opt = optimizerWith([0.1, 0.2]);
    expect(() => new LambdaLR(opt, [LAMBDAS.exp95])).toThrow('Expected 2 lr_lambdas, but got 1');
    const sched = new LambdaLR(opt, LAMBDAS.exp95);
    const prev = process.emitWarning;
    const warnings: string[] = [];
    process.emitWarning = ((m: string) => warnings.push(m)) as typeof process.emitWarning;
    try {
      sched.step();
    } finally {
      process.emitWarning = prev;
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Detected call of `lr_scheduler.step()` before `optimizer.step()`');
    expect(sched.getLastLr()).toEqual([0.1 * 0.95, 0.2 * 0.95]);
  });
});

describe('what schedulers print and how options are quoted', () => {
  it("verbose schedulers print PyTorch's lines", () => {
    const opt = optimizerWith([0.1, 1e-5]);
    const lines: string[] = [];
    const log = console.log;
    const warn = process.emitWarning;
    console.log = (line: string) => lines.push(line);
    process.emitWarning = (() => {}) as typeof process.emitWarning;
    try {
      const sched = new StepLR(opt, 2, { gamma: 0.3, verbose: true });
      for (let i = 0; i < 3; i++) {
        opt.step();
        sched.step();
      }
      opt.step();
      sched.step(7);
    } finally {
      console.log = log;
      process.emitWarning = warn;
    }
    expect(lines).toEqual(goldens.verbose);
  });

  it("pythonFloatRepr is Python's repr of a float", () => {
    for (const [x, repr] of goldens.floatReprs) expect(pythonFloatRepr(x), String(x)).toBe(repr);
  });
});
