import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipReader } from '@tsjit/serialize';
import { Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import { load } from '../src/load/load.js';
import { save } from '../src/save/save.js';
import type { ScriptModule } from '../src/script-module.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

const SOURCE = `
class Scale(torch.nn.Module):
    factor: float
    history: List[float]
    def __init__(self):
        super().__init__()
    def forward(self, x: Tensor) -> Tensor:
        self.history.append(self.factor)
        return x * self.factor

class M(torch.nn.Module):
    weight: Tensor
    bias: Tensor
    row: Tensor
    sizes: List[int]
    names: Dict[str, int]
    scale: Scale
    def __init__(self):
        super().__init__()
    def forward(self, x: Tensor) -> Tensor:
        y = torch.matmul(x, self.weight) + self.bias + self.row
        n = len(self.sizes) + self.names["a"]
        return torch.div(self.scale(y), 2.0) + n
`;

function tensor(values: number[], sizes: number[]): Tensor {
  const t = Tensor.empty(sizes, 'float32');
  new Float32Array(t.data.buffer, t.data.byteOffset, values.length).set(values);
  return t;
}

function valuesOf(t: Tensor): number[] {
  return Array.from(
    new Float32Array(
      t.data.buffer,
      t.data.byteOffset + t.offset * 4,
      t.sizes.reduce((a, b) => a * b, 1),
    ),
  );
}

function makeModule(): ScriptModule {
  const cu = new CompilationUnit(SOURCE);
  const scale = cu.getClass('Scale')?.createModule({ factor: 3.0, history: [] });
  const weight = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
  // `row` views the storage of `weight` (its second row): one storage, written once.
  const row = new Tensor(weight.storage, 'float32', [3], [1], 3);
  return cu.getClass('M')?.createModule({
    weight,
    bias: tensor([0.5, -0.5, 1], [3]),
    row,
    sizes: [4, 5],
    names: new Map([['a', 7]]),
    scale,
  }) as ScriptModule;
}

const input = () => tensor([1, -1, 2, 0.5], [2, 2]);

describe('save() of a module built from source', () => {
  it("writes PyTorch's records in PyTorch's order, under __torch__", () => {
    const z = ZipReader.open(save(makeModule()));
    expect(z.entries.map((e) => e.name)).toEqual([
      'archive/data/0',
      'archive/data/1',
      'archive/data.pkl',
      'archive/code/__torch__.py',
      'archive/constants.pkl',
      'archive/version',
    ]);
    // torch.div (aten::div.Scalar) was changed at format version 4.
    expect(new TextDecoder().decode(z.read('archive/version'))).toBe('4\n');
    const code = new TextDecoder().decode(z.read('archive/code/__torch__.py'));
    expect(code.startsWith('class M(Module):\n  __parameters__ = []\n')).toBe(true);
    expect(code).toContain('  scale : __torch__.Scale\n');
    expect(code).toContain('class Scale(Module):');
    // Code files over 200 bytes are deflated, as PyTorch's exporter asks miniz to.
    expect(z.entry('archive/code/__torch__.py')?.method).toBe(8);
    // Every record's data starts on a 64-byte boundary.
    for (const e of z.entries) expect(e.dataOffset % 64).toBe(0);
  });

  it('loads back, runs as before, keeps shared storages shared, and saves again byte for byte', () => {
    const module = makeModule();
    const bytes = save(module);
    const reloaded = load(bytes.slice());
    expect(valuesOf(reloaded.forward(input()) as Tensor)).toEqual(valuesOf(module.forward(input()) as Tensor));
    const weight = reloaded.attr('weight') as Tensor;
    const row = reloaded.attr('row') as Tensor;
    expect(row.storage).toBe(weight.storage);
    expect(row.offset).toBe(3);
    expect(save(load(bytes.slice()))).toEqual(bytes);
  });

  it('saves the state calls left (a list attribute appended to)', () => {
    const module = makeModule();
    module.forward(input());
    module.forward(input());
    const reloaded = load(save(module));
    expect((reloaded.attr('scale') as ScriptModule).attr('history')).toEqual([3, 3]);
  });

  it('writes extra files first, and load() reads them', () => {
    const bytes = save(makeModule(), undefined, {
      extraFiles: new Map<string, string | Uint8Array>([
        ['meta.json', '{"a": 1}'],
        ['raw.bin', new Uint8Array([1, 2, 3])],
      ]),
    });
    const z = ZipReader.open(bytes);
    expect(z.entries.slice(0, 2).map((e) => e.name)).toEqual(['archive/extra/meta.json', 'archive/extra/raw.bin']);
    const extra = new Map([
      ['meta.json', ''],
      ['absent', 'x'],
    ]);
    load(bytes, { extraFiles: extra });
    expect(extra.get('meta.json')).toBe('{"a": 1}');
    expect(extra.get('absent')).toBe('');
  });

  describe('to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-save-file-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the archive, its folder named after the file as PyTorch names it', () => {
      const path = join(dir, 'net.pt');
      expect(save(makeModule(), path)).toBeUndefined();
      const bytes = new Uint8Array(readFileSync(path));
      expect(ZipReader.open(bytes).entries[0]?.name).toBe('net/data/0');
      expect(valuesOf(load(path).forward(input()) as Tensor)).toEqual(
        valuesOf(makeModule().forward(input()) as Tensor),
      );
    });
  });

  const noTorch = torchUnavailable();
  // PyTorch (at /usr/bin/python3) is the oracle; without it there is nothing to load the archive with.
  describe.skipIf(noTorch !== undefined)('in PyTorch 1.13', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-save-torch-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('torch.jit.load reads the archive and forward gives our result; extra files come along', () => {
      const module = makeModule();
      const path = join(dir, 'm.pt');
      save(module, path, { extraFiles: new Map([['note.txt', 'hello']]) });
      const x = { tensor: { dtype: 'float32', shape: [2, 2], values: [1, -1, 2, 0.5] } };
      const { result, extra } = torchRun(path, 'forward', [x], ['note.txt']);
      const ours = module.forward(input()) as Tensor;
      expect(result).toEqual({ tensor: { dtype: 'float32', shape: [...ours.sizes], values: valuesOf(ours) } });
      expect(extra).toEqual({ 'note.txt': 'hello' });
    });

    it('a module whose own calls changed its state loads in PyTorch', () => {
      const cu = new CompilationUnit(SOURCE);
      const scale = cu.getClass('Scale')?.createModule({ factor: 0.5, history: [1.5] }) as ScriptModule;
      scale.forward(input());
      const path = join(dir, 'scale.pt');
      save(scale, path);
      const x = { tensor: { dtype: 'float32', shape: [1], values: [4] } };
      expect(torchRun(path, 'forward', [x]).result).toEqual({ tensor: { dtype: 'float32', shape: [1], values: [2] } });
    });
  });
});
