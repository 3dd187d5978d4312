import { CallCancelledError, ScriptObject, ScriptRuntimeError } from '@tsjit/interpreter';
import { FloatScalar } from '@tsjit/ops';
import { type Tensor, tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import type { ScriptModule } from '../src/script-module.js';
import { closeWorkers, configureWorkers, workerPoolOf } from '../src/workers/async-call.js';

// The workers run dist/worker-entry.js (see worker-pool.test.ts): build with `npx tsup` first.

const SOURCE = `
class Point:
    def __init__(self, x: int, y: float):
        self.x = x
        self.y = y

class M(torch.nn.Module):
    weight: Tensor
    count: Tensor
    scale: float

    def forward(self, x: Tensor, k: float) -> Tensor:
        return torch.relu(x.matmul(self.weight) * self.scale + k)

    def spin(self) -> int:
        i = 0
        while True:
            i += 1
        return i

    def bump(self) -> int:
        self.count.add_(1)
        return int(self.count.item())

    def values(self, n: int) -> Tuple[int, float, List[int], Dict[str, float], str, Optional[int], bool]:
        d = {'a': 1.0, 'b': 0.5}
        return (n, float(n), [n, n + 1], d, 'x' + str(n), None, n > 2)

    def keys(self, d: Dict[str, int]) -> List[str]:
        return list(d.keys())

    def fail(self, n: int) -> int:
        if n > 0:
            raise ValueError('n must not be positive')
        return n

    def move(self, p: Point, dx: int) -> Point:
        return Point(p.x + dx, p.y * 2.0)
`;

interface Eager {
  toArray(): unknown;
  add_(v: number): unknown;
}
/** What the tests read of a rejection. */
interface Failure extends Error {
  readonly reason?: string;
  readonly pythonType?: string;
  readonly frames?: unknown;
  readonly code?: string;
}
/** The error `promise` rejects with; a promise that fulfils fails the test. */
function rejection(promise: Promise<unknown>): Promise<Failure> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`);
    },
    (error: Failure) => error,
  );
}

const values = (t: unknown): unknown => (t as Eager).toArray();

function makeModule(): { module: ScriptModule; cu: CompilationUnit } {
  const cu = new CompilationUnit(SOURCE);
  const weight = tensor(
    Array.from({ length: 4 }, (_, i) => Array.from({ length: 3 }, (_, j) => (i - j) / 4)),
    { dtype: 'float32' },
  );
  const module = cu.getClass('M')?.createModule({
    weight,
    count: tensor([0], { dtype: 'int64' }),
    scale: 1.5,
  }) as ScriptModule;
  return { module, cu };
}

const { module, cu } = makeModule();
afterAll(() => closeWorkers(module));

describe('ScriptModule.forwardAsync / runMethodAsync', () => {
  it('gives 16 concurrent calls the results of the synchronous forward', async () => {
    const inputs = Array.from({ length: 16 }, (_, i) =>
      tensor(
        Array.from({ length: 2 }, (_, r) => Array.from({ length: 4 }, (_, c) => Math.sin(i * 7 + r * 4 + c))),
        { dtype: 'float32' },
      ),
    );
    const expected = inputs.map((x, i) => values(module.forward(x, i / 3)));
    const results = await Promise.all(inputs.map((x, i) => module.forwardAsync(x, i / 3)));
    expect(results.map(values)).toEqual(expected);
    const pool = workerPoolOf(module);
    expect(pool?.workers).toBeGreaterThanOrEqual(1);
    expect(pool?.workers).toBeLessThanOrEqual(pool?.size as number);
  });

  it('shares the weights: one copy on SharedArrayBuffers, in-place changes seen by the workers', async () => {
    const weight = module.attr('weight') as Tensor;
    expect(weight.storage.isShared).toBe(true);
    const x = tensor([[1, 0, 0, 0]], { dtype: 'float32' });
    const before = values(await module.forwardAsync(x, 0));
    (weight as unknown as Eager).add_(1);
    try {
      const after = values(await module.forwardAsync(x, 0));
      expect(after).toEqual(values(module.forward(x, 0)));
      expect(after).not.toEqual(before);
    } finally {
      (weight as unknown as Eager).add_(-1);
    }
  });

  it('stops an infinite loop by its deadline, and the module serves the next calls', async () => {
    const error = await rejection(module.runMethodAsync('spin', [], { timeout: 200 }));
    expect(error).toBeInstanceOf(CallCancelledError);
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('deadline');
    expect(error.message).toContain('did not finish within its timeout (200 ms)');
    const x = tensor([[1, 2, 3, 4]], { dtype: 'float32' });
    expect(values(await module.forwardAsync(x, 1, { timeout: 10_000 }))).toEqual(values(module.forward(x, 1)));
  });

  it('aborts a running call through its AbortSignal', async () => {
    const controller = new AbortController();
    const call = module.runMethodAsync('spin', [], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(call);
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('aborted');
    expect(await module.runMethodAsync('fail', [0])).toBe(0);
  });

  it('never runs a call aborted while it waits in the queue', async () => {
    const count = module.attr('count') as Tensor;
    const start = Number(values(count) as number[]);
    const pool = workerPoolOf(module);
    const size = pool?.size as number;
    // Every worker spins; the bump waits behind them and is aborted there.
    const stop = new AbortController();
    try {
      const spinning = Array.from({ length: size }, () =>
        rejection(module.runMethodAsync('spin', [], { signal: stop.signal })),
      );
      // A worker may still be finishing a call cancelled by an earlier test: wait until all spin.
      await vi.waitFor(
        () => {
          expect(pool?.queued).toBe(0);
          expect(pool?.running).toBe(size);
        },
        { timeout: 30_000, interval: 5 },
      );
      const never = new AbortController();
      const bump = rejection(module.runMethodAsync('bump', [], { signal: never.signal }));
      expect(pool?.queued).toBe(1);
      never.abort();
      expect((await bump).reason).toBe('aborted');
      stop.abort();
      for (const error of await Promise.all(spinning)) expect(error.reason).toBe('aborted');
    } finally {
      stop.abort();
    }
    // The counter is a shared tensor: the workers' in-place adds are seen here.
    expect(await module.runMethodAsync('bump')).toBe(start + 1);
    expect(values(count)).toEqual([start + 1]);
  });

  it('brings back every kind of value as the synchronous call does', async () => {
    const sync = module.runMethod('values', 3) as unknown[];
    const result = (await module.runMethodAsync('values', [3])) as unknown[];
    expect(result).toEqual(sync);
    expect(Object.isFrozen(result)).toBe(true);
    expect(result[3]).toBeInstanceOf(Map);
    expect(result[1]).toBe(3);
    expect(result[1]).not.toBeInstanceOf(FloatScalar);
  });

  it('passes a dict written as a plain object, not mistaking it for the options', async () => {
    expect(await module.runMethodAsync('keys', [{ timeout: 1, b: 2 }])).toEqual(['timeout', 'b']);
    expect(
      await (module as unknown as { forwardAsync(...a: unknown[]): Promise<unknown> }).forwardAsync(
        tensor([[0, 0, 0, 0]], { dtype: 'float32' }),
        2,
        { timeout: 5000 },
      ),
    ).toSatisfy((t: unknown) => JSON.stringify(values(t)) === '[[2,2,2]]');
  });

  it('passes and returns objects of script classes, rebuilt on each side', async () => {
    const point = cu.getClass('Point')?.create(4, 1.25);
    const moved = (await module.runMethodAsync('move', [point, 10])) as ScriptObject;
    expect(moved).toBeInstanceOf(ScriptObject);
    expect(moved.type).toBe(cu.getClass('Point')?.type);
    expect(moved.getAttr('x')).toBe(14);
    expect((moved.getAttr('y') as FloatScalar | number).valueOf()).toEqual(new FloatScalar(2.5).value);
  });

  it('rejects with the ScriptRuntimeError of the synchronous call, traceback and all', async () => {
    let syncError: ScriptRuntimeError | undefined;
    try {
      module.runMethod('fail', 1);
    } catch (e) {
      syncError = e as ScriptRuntimeError;
    }
    const error = await rejection(module.runMethodAsync('fail', [1]));
    expect(error).toBeInstanceOf(ScriptRuntimeError);
    expect(ScriptRuntimeError.isInstance(error)).toBe(true);
    expect(error.message).toBe(syncError?.message);
    expect(error.pythonType).toBe('builtins.ValueError');
    expect(error.frames).toEqual(syncError?.frames);
    expect(error.code).toBe('ERR_TSJIT_RUNTIME');
    expect(error.stack).toContain('async-call.test.ts');
  });

  it('rejects arguments of the wrong type as the synchronous call does', async () => {
    const error = await rejection(module.forwardAsync('not a tensor', 1));
    let syncMessage = '';
    try {
      module.forward('not a tensor', 1);
    } catch (e) {
      syncMessage = (e as Error).message;
    }
    expect(error.message).toBe(syncMessage);
  });

  it('builds the pool configureWorkers asked for, before the first call only', async () => {
    const { module: other } = makeModule();
    configureWorkers(other, { size: 1 });
    try {
      const x = tensor([[1, 2, 3, 4]], { dtype: 'float32' });
      const results = await Promise.all([1, 2, 3].map((k) => other.forwardAsync(x, k)));
      expect(results.map(values)).toEqual([1, 2, 3].map((k) => values(other.forward(x, k))));
      expect(workerPoolOf(other)?.size).toBe(1);
      expect(workerPoolOf(other)?.workers).toBe(1);
      expect(() => configureWorkers(other, { size: 2 })).toThrow('already has worker threads');
    } finally {
      await closeWorkers(other);
    }
    expect(workerPoolOf(other)).toBeUndefined();
  });
});
