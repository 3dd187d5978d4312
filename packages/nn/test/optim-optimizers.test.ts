import { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, type Optimizer, RMSprop, SGD } from '../src/optim/index.js';
import { jsName } from '../src/optim/optimizer.js';
import { expectClose, type FlatTensor, loadGoldens, toTensor } from './optim-goldens.js';

interface Case {
  name: string;
  optimizer: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop';
  dtype: string;
  options: Record<string, unknown>;
  groups: { params: number[]; options: Record<string, unknown> }[] | null;
  params: FlatTensor[];
  grads: (FlatTensor | null)[][];
  after: FlatTensor[][];
  resumeAt: number;
  resumeStateDict: StateDictJson;
  stateDict: StateDictJson;
  repr: string;
}
interface StateDictJson {
  state: [number, Record<string, unknown>][];
  param_groups: Record<string, unknown>[];
}

const goldens = loadGoldens<{ cases: Case[] }>('optimizers.json.gz');
const classes = { SGD, Adam, AdamW, RMSprop };

/** PyTorch's keyword arguments as the TypeScript options. */
function jsOptions(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [jsName(k), v]));
}

function build(c: Case, params: Tensor[]): Optimizer<object> {
  const Cls = classes[c.optimizer] as unknown as new (p: unknown, o: unknown) => Optimizer<object>;
  if (c.groups === null) return new Cls(params, jsOptions(c.options));
  const groups = c.groups.map((g) => ({ params: g.params.map((i) => params[i]), ...jsOptions(g.options) }));
  return new Cls(groups, jsOptions(c.options));
}

/** A golden state dict's tagged tensors as Tensors (what torchLoad would give). */
function fromJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object' && v !== null) {
    if ('tensor' in v) return toTensor((v as { tensor: FlatTensor }).tensor);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromJson(x)]));
  }
  return v;
}

function setGrads(params: Tensor[], grads: (FlatTensor | null)[]): void {
  params.forEach((p, i) => {
    const g = grads[i];
    p.grad = g === null ? null : toTensor({ ...g, dtype: p.dtype });
  });
}

function expectStateDict(actual: ReturnType<Optimizer<object>['stateDict']>, expected: StateDictJson, what: string) {
  expect([...actual.state.keys()], `${what}: state keys`).toEqual(expected.state.map(([k]) => k));
  for (const [index, s] of actual.state) {
    const e = (expected.state.find(([k]) => k === index) as [number, Record<string, unknown>])[1];
    expect(Object.keys(s), `${what}: state[${index}] keys`).toEqual(Object.keys(e));
    for (const [key, value] of Object.entries(s)) {
      const ev = e[key];
      if (typeof ev === 'object' && ev !== null && 'tensor' in ev) {
        const et = (ev as { tensor: FlatTensor }).tensor;
        expect(value, `${what}: state[${index}].${key}`).toBeInstanceOf(Tensor);
        expect((value as Tensor).dtype).toBe(et.dtype);
        expectClose(value as Tensor, et, `${what}: state[${index}].${key}`);
      } else {
        expect(value, `${what}: state[${index}].${key}`).toEqual(ev);
      }
    }
  }
  expect(actual.param_groups.length).toBe(expected.param_groups.length);
  actual.param_groups.forEach((g, i) => {
    const e = expected.param_groups[i];
    expect(Object.keys(g), `${what}: param_groups[${i}] keys`).toEqual(Object.keys(e));
    for (const [key, value] of Object.entries(g)) {
      expect(Array.isArray(value) ? [...value] : value, `${what}: param_groups[${i}].${key}`).toEqual(e[key]);
    }
  });
}

describe('optimizers against PyTorch 1.13 (single-tensor implementation)', () => {
  for (const c of goldens.cases) {
    it(`${c.name}: params after each of ${c.after.length} steps and the state dict`, () => {
      const params = c.params.map((t) => toTensor({ ...t, dtype: c.dtype }));
      const opt = build(c, params);
      expect(opt.toString()).toBe(c.repr);
      c.grads.forEach((grads, step) => {
        setGrads(params, grads);
        opt.step();
        params.forEach((p, i) => {
          expectClose(p, c.after[step][i], `${c.name} step ${step + 1} param ${i}`);
        });
      });
      expectStateDict(opt.stateDict(), c.stateDict, c.name);
    });

    it(`${c.name}: resumes from PyTorch's state dict after step ${c.resumeAt}`, () => {
      const params = c.after[c.resumeAt - 1].map((t) => toTensor({ ...t, dtype: c.dtype }));
      // Options the constructor gets differ from the loaded ones: loading must replace them.
      const fresh = build({ ...c, options: { ...c.options, lr: 0.5 } }, params);
      const { state, param_groups } = c.resumeStateDict;
      fresh.loadStateDict({
        state: new Map(state.map(([k, v]) => [k, fromJson(v)])),
        param_groups: fromJson(param_groups) as Record<string, unknown>[],
      });
      for (let step = c.resumeAt; step < c.grads.length; step++) {
        setGrads(params, c.grads[step]);
        fresh.step();
        params.forEach((p, i) => {
          expectClose(p, c.after[step][i], `${c.name} resumed step ${step + 1} param ${i}`);
        });
      }
      expectStateDict(fresh.stateDict(), c.stateDict, `${c.name} resumed`);
    });
  }
});
