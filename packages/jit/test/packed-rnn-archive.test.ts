import { readFileSync } from 'node:fs';
import { installAutograd, isAutogradInstalled, uninstallAutograd } from '@tsjit/autodiff';
import { torchLoad } from '@tsjit/serialize';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';

/**
 * A PyTorch 1.13 archive running LSTM and GRU over PackedSequence inputs
 * (tooling/fixtures/gen_packed_rnn_archive.py): torch.nn.utils.rnn's scripted pack/pad functions,
 * the PackedSequence NamedTuple and the RNN modules' forward__1 overloads, then gradients
 * through the tape equal PyTorch's.
 */
const folder = new URL('./fixtures/packed-rnn/', import.meta.url);
const io = torchLoad(new URL('io.pt', folder).pathname) as Record<string, any>;

function expectClose(actual: Tensor | null | undefined, expected: Tensor, what: string): void {
  expect(actual, what).toBeTruthy();
  const a = actual as Tensor;
  expect(a.sizes, what).toEqual(expected.sizes);
  const got = a.toFlatArray() as number[];
  const want = expected.toFlatArray() as number[];
  want.forEach((w, i) => {
    if (!(Math.abs(got[i] - w) <= 1e-5 + 1e-4 * Math.abs(w))) throw new Error(`${what}[${i}]: ${got[i]} vs ${w}`);
  });
}

let installedHere = false;
beforeAll(() => {
  installedHere = !isAutogradInstalled();
  installAutograd();
});
afterAll(() => {
  if (installedHere) uninstallAutograd();
});

describe('packed-sequence RNN archive (PyTorch 1.13)', () => {
  it('runs forward__1 of LSTM and GRU and gives PyTorch outputs and gradients', () => {
    const m = load(new Uint8Array(readFileSync(new URL('model.pt', folder))));
    const x = T.clone(io.x);
    x.requiresGrad = true;
    const [y, h, h2] = m.forward(x, io.lengths) as Tensor[];
    expectClose(y, io.y, 'y');
    expectClose(h, io.h, 'h');
    expectClose(h2, io.h2, 'h2');
    let loss = T.sum(T.mul(y, io.w[0]));
    loss = T.add(loss, T.sum(T.mul(h, io.w[1])));
    loss = T.add(loss, T.sum(T.mul(h2, io.w[2])));
    loss.backward();
    expectClose(x.grad, io.grad_x, 'grad x');
    const params = new Map(m.namedParameters());
    const names = Object.keys(io.grads);
    expect(names.length).toBe(20);
    for (const name of names) expectClose(params.get(name)?.grad, io.grads[name], `grad ${name}`);
  });
});
