import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block, Graph, Node } from '@tsjit/ir';
import type { Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import { freeze } from '../src/freeze/freeze.js';
import { optimizeForInference } from '../src/freeze/optimize-for-inference.js';
import { load } from '../src/load/load.js';
import { save } from '../src/save/save.js';
import type { ScriptModule } from '../src/script-module.js';
import { compareValue, decodeValue } from '../src/testing/fixture-values.js';
import { callInputs, OWN_ARCHIVES, ownArchive, ownCall } from './support/load-archives.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

function* allNodes(block: Block): Generator<Node> {
  for (const node of block.nodes()) {
    yield node;
    for (const b of node.blocks) yield* allNodes(b);
  }
}
const kinds = (graph: Graph) => [...allNodes(graph.block)].map((n) => n.kind);
const values = (t: unknown): number[] => (t as { toArray(): unknown }).toArray() as never;
/** A result with its tensors as nested arrays (tuples and lists walked), for deep equality. */
const plain = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(plain)
    : v !== null && typeof v === 'object' && 'toArray' in (v as object)
      ? { tensor: values(v) }
      : v;
const flat = (t: unknown): number[] => (values(t) as unknown as unknown[]).flat(4) as number[];

const SOURCE = `
class ConvBn(torch.nn.Module):
    w: Tensor
    b: Tensor
    gamma: Tensor
    beta: Tensor
    rm: Tensor
    rv: Tensor
    shift: Tensor
    scale: float
    calls: int
    def forward(self, x: Tensor) -> Tensor:
        y = torch.conv2d(x, self.w, self.b)
        y = torch.batch_norm(y, self.gamma, self.beta, self.rm, self.rv, self.training, 0.1, 1e-5, False)
        y = torch.dropout(y + self.shift, 0.5, self.training)
        return y * self.scale
    def bump(self) -> int:
        self.calls += 1
        return self.calls
`;

const t = (shape: number[], seed: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return decodeValue({
    tensor: { dtype: 'float32', shape, data: Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7)) },
  } as never) as Tensor;
};

function convBn(): ScriptModule {
  const cls = new CompilationUnit(SOURCE).getClass('ConvBn');
  if (!cls) throw new Error('no ConvBn');
  return cls.createModule({
    w: t([4, 3, 3, 3], 1),
    b: t([4], 2),
    gamma: t([4], 3),
    beta: t([4], 4),
    rm: t([4], 5),
    rv: (t([4], 6) as unknown as { abs(): { add(x: number): Tensor } }).abs().add(0.5),
    shift: t([4, 1, 1], 7),
    scale: 2,
    calls: 0,
  });
}
const input = () => t([2, 3, 6, 6], 8);

describe('freeze (a conv + batch norm module compiled from source)', () => {
  it('refuses a module in training mode, with PyTorch error text', () => {
    expect(() => freeze(convBn())).toThrow(
      'Freezing is currently only implemented for modules in eval mode. Please call .eval() on your module before freezing.',
    );
  });

  it('folds every attribute and the batch norm, dropout and shift into the convolution; same outputs', () => {
    const module = convBn().eval();
    const frozen = freeze(module);
    const k = kinds(frozen.graph);
    expect(k).not.toContain('prim::GetAttr');
    expect(k).not.toContain('aten::batch_norm');
    expect(k).not.toContain('aten::dropout');
    expect(k).toContain('aten::conv2d');
    expect(frozen.code).toContain('CONSTANTS.c0');
    expect(frozen.object.type.attributes).toEqual([]);
    const x = input();
    const want = flat(module.forward(x));
    const got = flat(frozen.forward(x));
    expect(got).toHaveLength(want.length);
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(want[i] as number, 5);
    });
  });

  it('keeps preserved attributes (settable, read at run time) and preserved methods (with the state they write)', () => {
    const module = convBn().eval();
    const frozen = freeze(module, { preservedAttrs: ['scale', 'bump'] });
    expect(frozen.attr('scale')).toBe(2);
    expect(frozen.object.type.attributes.map((a) => a.name).sort()).toEqual(['calls', 'scale']);
    const x = input();
    const twice = flat(frozen.forward(x));
    frozen.setAttr('scale', 3);
    const thrice = flat(frozen.forward(x));
    thrice.forEach((v, i) => {
      expect(v).toBeCloseTo(((twice[i] as number) * 3) / 2, 5);
    });
    expect(frozen.runMethod('bump')).toBe(1);
    expect(frozen.runMethod('bump')).toBe(2);
    expect(frozen.attr('calls')).toBe(2);
    // The original is not shared with the frozen copy.
    expect(module.attr('calls')).toBe(0);
  });

  it('names an unknown preserved attribute, as PyTorch does', () => {
    expect(() => freeze(convBn().eval(), { preservedAttrs: ['nope'] })).toThrow('Unknown name: nope');
  });

  it('optimizeForInference freezes and folds, switching the module to eval', () => {
    const module = convBn();
    const optimized = optimizeForInference(module);
    expect(module.training).toBe(false);
    expect(kinds(optimized.graph)).not.toContain('aten::batch_norm');
    expect(optimizeForInference(optimized)).toBe(optimized);
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsjit-freeze-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const torch = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  it.skipIf(torch !== undefined)('a saved frozen module loads in PyTorch 1.13 with the same outputs', () => {
    const frozen = freeze(convBn().eval(), { preservedAttrs: ['scale'] });
    const path = join(dir, 'frozen.pt');
    save(frozen, path);
    const x = input();
    const encoded = { tensor: { dtype: 'float32', shape: [2, 3, 6, 6], values: flat(x) } };
    const theirs = torchRun(path, 'forward', [encoded]).result as { tensor: { values: number[] } };
    const ours = flat(frozen.forward(x));
    const got = (theirs.tensor.values as unknown as unknown[]).flat(4) as number[];
    expect(got).toHaveLength(ours.length);
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(ours[i] as number, 5);
    });
  });
});

describe("freeze on tsjit's own archives (test/fixtures/load-archives, written by PyTorch 1.13)", () => {
  it.each(OWN_ARCHIVES)('%s: the frozen module gives the recorded output', (name) => {
    const call = ownCall(name);
    const module = load(ownArchive(name));
    const wasTraining = module.training;
    const frozen = freeze(module.eval());
    const got = frozen.runMethod(call.method, ...callInputs(call));
    if (!wasTraining) {
      expect(compareValue(got, call.outputs, {})).toBeNull();
    } else {
      // Saved in training mode: the recorded output is training's; compare with the module in eval mode.
      const want = load(ownArchive(name))
        .eval()
        .runMethod(call.method, ...callInputs(call));
      expect(plain(got)).toEqual(plain(want));
    }
  });
});
