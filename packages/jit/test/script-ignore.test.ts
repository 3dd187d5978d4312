/**
 * `@torch.jit.ignore` on a method of a user module scripted with a `torchscript` template: as in
 * PyTorch 1.13, the method is not compiled; compiled code calling it records a call into the host
 * (`prim::PythonOp`, printed `^scale()(self, x, 3)` in code and `^scale[]()(...)` in graphs) that
 * runs the JS method of the instance the module was scripted from (PyTorch runs the Python method).
 * Saving a module whose code calls an ignored method fails with PyTorch's error ("Could not export
 * Python function call ..."); one that only declares it saves, without the method.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, test } from 'vitest';
import { closeWorkers, load, type ScriptModule, save, script, torchscript, trace } from '../src/index.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

class Scaler extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        return self.scale(x, 3) + 1

    @torch.jit.ignore
    def scale(self, x: Tensor, k: int) -> Tensor:
        ...
  `;
  seen: number[] = [];
  scale(x: Tensor, k: number): Tensor {
    this.seen.push(k);
    return T.mul(x, k);
  }
  override forward(x: Tensor): Tensor {
    return T.add(this.scale(x, 3), 1);
  }
}

class Declares extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        return self.lin(x).relu()

    @torch.jit.ignore
    def debug(self, x: Tensor) -> Tensor:
        ...
  `;
  lin = new nn.Linear(2, 2);
  debug(x: Tensor): Tensor {
    return x;
  }
}

const flat = (t: unknown) => (t as Tensor).toFlatArray() as number[];

describe('@torch.jit.ignore on a scripted user module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsjit-script-ignore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('calling the scripted module runs the JS method of the instance, with converted arguments', () => {
    const eager = new Scaler();
    const scripted = script(eager);
    const x = T.tensor([1, -2, 0.5]);
    expect(flat(scripted.forward(x))).toEqual([4, -5, 2.5]);
    expect(eager.seen).toEqual([3]);
    expect(flat(scripted.forward(x))).toEqual(flat(eager.forward(x)));
    // Called by name, as PyTorch's `scripted.scale(x, 2)` runs the Python method.
    expect(flat(scripted.runMethod('scale', x, 2))).toEqual([2, -4, 1]);
    expect(eager.seen.at(-1)).toBe(2);
  });

  test("code and graph show the call into the host as PyTorch's (^name)", () => {
    const scripted = script(new Scaler());
    expect(scripted.code).toBe(
      'def forward(self,\n    x: Tensor) -> Tensor:\n  return torch.add(^scale()(self, x, 3), 1)\n',
    );
    expect(String(scripted.graph)).toMatch(/%\S+ : Tensor = \^scale\[\]\(\)\(%self\S*, %x\S*, %\S+\)/);
    expect(scripted.methodNames).toEqual(['forward']);
  });

  test("saving refuses a call of an ignored method, with PyTorch's message", () => {
    const scripted = script(new Scaler());
    expect(() => save(scripted, join(dir, 'scaler.pt'))).toThrow(
      /Could not export Python function call 'scale'\. Remove calls to Python functions before export/,
    );
  });

  test('on a worker thread there is no JS instance: the call fails and says why', async () => {
    const scripted = script(new Scaler());
    try {
      await expect(scripted.forwardAsync(T.ones([2]))).rejects.toThrow(
        /cannot call the @torch.jit.ignore method 'scale': it runs in the host's JavaScript/,
      );
    } finally {
      await closeWorkers(scripted);
    }
  });

  test('a module holding a traced module and calling an ignored method runs in-process', () => {
    class Inner extends nn.Module {
      override forward(x: Tensor): Tensor {
        return T.neg(x);
      }
    }
    class Outer extends nn.Module {
      static torchscript = torchscript`
        def forward(self, x: Tensor) -> Tensor:
            return self.inner(self.scale(x, 2))

        @torch.jit.ignore
        def scale(self, x: Tensor, k: int) -> Tensor:
            ...
      `;
      constructor(readonly inner: ScriptModule) {
        super();
      }
      scale(x: Tensor, k: number): Tensor {
        return T.mul(x, k);
      }
    }
    const scripted = script(new Outer(trace(new Inner(), [T.ones([2])])));
    expect(flat(scripted.forward(T.tensor([1.5, -1])))).toEqual([-3, 2]);
    expect(() => save(scripted, join(dir, 'outer.pt'))).toThrow(/Could not export Python function call 'scale'/);
  });

  const why = torchUnavailable();
  test('a module that only declares an ignored method saves without it and loads back', () => {
    const scripted = script(new Declares());
    const path = join(dir, 'declares.pt');
    save(scripted, path);
    const loaded = load(path);
    expect(loaded.methodNames).toEqual(['forward']);
    const x = T.tensor([[1.5, -1]]);
    expect(flat(loaded.forward(x))).toEqual(flat(scripted.forward(x)));
  });

  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  test.skipIf(why !== undefined)('PyTorch 1.13 loads that archive with equal outputs', () => {
    const scripted = script(new Declares());
    const path = join(dir, 'declares-torch.pt');
    save(scripted, path);
    const x = T.tensor([[1.5, -1]]);
    const theirs = torchRun(path, 'forward', [{ tensor: { dtype: 'float32', shape: [1, 2], values: [1.5, -1] } }])
      .result as { tensor: { values: unknown[] } };
    const got = theirs.tensor.values.flat(4) as number[];
    flat(scripted.forward(x)).forEach((v, i) => {
      expect(got[i]).toBeCloseTo(v, 5);
    });
  });
});
