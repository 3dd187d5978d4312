/**
 * A submodule called more than once during a trace, as PyTorch 1.13 records it (checked with
 * torch.jit.trace on the same modules): every call is traced into a method of its own, `forward`
 * then `forward1`, `forward2`..., called by name from the caller (nested submodules likewise), with
 * no warning or error when the calls take different paths; the archive keeps every method.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { load, type ScriptModule, save, trace } from '../src/index.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

class Sub extends nn.Module {
  l = new nn.Linear(3, 3);
  override forward(x: Tensor): Tensor {
    return T.relu(this.l.call(x));
  }
}

class Twice extends nn.Module {
  s = new Sub();
  override forward(x: Tensor): Tensor {
    return this.s.call(this.s.call(x));
  }
}

/** Doubles x when its sum is positive, else negates it: each call bakes in the branch it took. */
class Gate extends nn.Module {
  override forward(x: Tensor): Tensor {
    return (T.sum(x).item() as number) > 0 ? T.mul(x, 2) : T.neg(x);
  }
}

class TwoBranches extends nn.Module {
  g = new Gate();
  override forward(x: Tensor, y: Tensor): Tensor {
    return T.add(this.g.call(x), this.g.call(T.neg(y)));
  }
}

const flat = (t: unknown) => (t as Tensor).toFlatArray() as number[];

describe('a submodule called twice during a trace', () => {
  manualSeed(0);
  const model = new Twice();
  const x = T.randn([2, 3]);
  const traced = trace(model, [x]);
  const sub = traced.attr('s') as ScriptModule;

  test("each call is a method of its own, as PyTorch's trace (s.forward, s.forward1; l.forward, l.forward1)", () => {
    expect(traced.code).toContain('return (s).forward1((s).forward(x, ), )');
    expect(sub.methodNames).toEqual(['forward', 'forward1']);
    expect((sub.attr('l') as ScriptModule).methodNames).toEqual(['forward', 'forward1']);
    expect(sub.method('forward').code).toContain('(l).forward(');
    expect(sub.method('forward1').code).toContain('(l).forward1(');
    const other = T.randn([4, 3]);
    expect(flat(traced.forward(other))).toEqual(flat(model.call(other)));
  });

  test('calls taking different branches keep their own branch, without a warning about the two calls', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const model2 = new TwoBranches();
      const a = T.ones([2, 3]);
      const b = T.mul(T.ones([2, 3]), 3);
      const t2 = trace(model2, [a, b]);
      const gate = t2.attr('g') as ScriptModule;
      // PyTorch's code for these two: `torch.mul(x, CONSTANTS.c0)` (a traced Python scalar) and `torch.neg(x)`.
      expect(gate.method('forward').code).toContain('return torch.mul(x, CONSTANTS.c0)');
      expect(gate.method('forward1').code).toContain('return torch.neg(x)');
      // The two item() reads warn (one place, once); nothing says the calls differ.
      const texts = emit.mock.calls.map((c) => String(c[0]));
      expect(texts.every((t) => t.includes('item()'))).toBe(true);
      expect(flat(t2.forward(a, b))).toEqual(flat(model2.call(a, b)));
    } finally {
      emit.mockRestore();
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsjit-trace-twice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('saves with every method and loads back', () => {
    const path = join(dir, 'twice.pt');
    save(traced, path);
    const loaded = load(path);
    expect((loaded.attr('s') as ScriptModule).methodNames).toEqual(['forward', 'forward1']);
    expect(flat(loaded.forward(x))).toEqual(flat(traced.forward(x)));
  });

  const why = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  test.skipIf(why !== undefined)('PyTorch 1.13 loads the archive with equal outputs', () => {
    const path = join(dir, 'twice-torch.pt');
    save(traced, path);
    const input = T.randn([5, 3]);
    const encoded = { tensor: { dtype: 'float32', shape: [5, 3], values: flat(input) } };
    const theirs = torchRun(path, 'forward', [encoded]).result as { tensor: { values: unknown[] } };
    const got = theirs.tensor.values.flat(4) as number[];
    const ours = flat(traced.forward(input));
    expect(got).toHaveLength(ours.length);
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(ours[i] as number, 5);
    });
  });
});
