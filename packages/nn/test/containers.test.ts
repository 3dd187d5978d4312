import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

describe('Sequential', () => {
  it('chains children through call (hooks run), indexes, slices and appends as PyTorch', () => {
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    expect(seq.length).toBe(3);
    expect(seq.at(-1)).toBe(seq.at(2));
    expect(() => seq.at(3)).toThrow('index 3 is out of range');
    let seen = 0;
    seq.at(1).registerForwardHook(() => {
      seen++;
    });
    const x = T.randn([4, 2]);
    const y = seq.call(x);
    expect(seen).toBe(1);
    expect(y.sizes).toEqual([4, 1]);
    const manual = (seq.at(2) as nn.Linear).forward(T.relu((seq.at(0) as nn.Linear).forward(x)));
    expect(y.toFlatArray()).toEqual(manual.toFlatArray());
    const tail = seq.slice(1);
    expect(tail.namedChildren().map(([n]) => n)).toEqual(['1', '2']);
    seq.append(new nn.Sigmoid());
    expect([...seq.stateDict().keys()]).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.namedChildren().map(([n]) => n)).toEqual(['0', '1', '2', '3']);
  });

  it('takes a Map of named children', () => {
    const seq = new nn.Sequential(
      new Map<string, nn.Module>([
        ['fc', new nn.Linear(2, 2)],
        ['act', new nn.Tanh()],
      ]),
    );
    expect([...seq.stateDict().keys()]).toEqual(['fc.weight', 'fc.bias']);
    expect(String(seq)).toBe(
      'Sequential(\n  (fc): Linear(in_features=2, out_features=2, bias=True)\n  (act): Tanh()\n)',
    );
  });
});

describe('ModuleList', () => {
  it('appends, inserts, pops and renumbers; has no forward', () => {
    const a = new nn.Linear(1, 1);
    const b = new nn.ReLU();
    const c = new nn.Tanh();
    const list = new nn.ModuleList([a, c]);
    list.insert(1, b);
    expect([...list]).toEqual([a, b, c]);
    expect(list.namedChildren().map(([n]) => n)).toEqual(['0', '1', '2']);
    expect(list.pop(0)).toBe(a);
    expect([...list]).toEqual([b, c]);
    expect(list.length).toBe(2);
    expect(list.parameters()).toEqual([]);
    expect(() => list.forward()).toThrow('Module [ModuleList] is missing the required "forward" function');
  });
});

describe('ModuleDict', () => {
  it('keeps insertion order and refuses names that are attributes', () => {
    const d = new nn.ModuleDict({ enc: new nn.Linear(2, 2), dec: new nn.Linear(2, 1) });
    expect(d.keys()).toEqual(['enc', 'dec']);
    expect(d.has('enc')).toBe(true);
    expect(d.get('dec')).toBeInstanceOf(nn.Linear);
    d.set('act', new nn.ReLU());
    expect(d.length).toBe(3);
    d.delete('enc');
    expect([...d]).toEqual(['dec', 'act']);
    expect([...d.stateDict().keys()]).toEqual(['dec.weight', 'dec.bias']);
    expect(() => d.set('keys', new nn.ReLU())).toThrow("attribute 'keys' already exists");
    expect(() => d.get('nope')).toThrow("KeyError: 'nope'");
  });
});

describe('layer argument checks (PyTorch messages)', () => {
  it('conv, norm, dropout and embedding constructors', () => {
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow('in_channels must be divisible by groups');
    expect(() => new nn.Conv2d(4, 3, 3, { groups: 2 })).toThrow('out_channels must be divisible by groups');
    expect(() => new nn.Conv2d(1, 1, 3, { padding: 'same', stride: 2 })).toThrow(
      "padding='same' is not supported for strided convolutions",
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padding: 'full' as never })).toThrow(
      "Invalid padding string 'full', should be one of ['same', 'valid']",
    );
    expect(() => new nn.ConvTranspose2d(1, 1, 3, { paddingMode: 'reflect' as never })).toThrow(
      'Only "zeros" padding mode is supported for ConvTranspose2d',
    );
    expect(() => new nn.GroupNorm(3, 4)).toThrow('num_channels must be divisible by num_groups');
    expect(() => new nn.Dropout(1.5)).toThrow('dropout probability has to be between 0 and 1, but got 1.5');
    expect(() => new nn.Embedding(3, 2, { paddingIdx: 3 })).toThrow('Padding_idx must be within num_embeddings');
  });

  it('forward input checks', () => {
    expect(() => new nn.BatchNorm2d(3).call(T.randn([2, 3]))).toThrow('expected 4D input (got 2D input)');
    expect(() => new nn.BatchNorm1d(3).call(T.randn([1, 3]))).toThrow(
      'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
    );
    expect(() => new nn.InstanceNorm2d(3, { affine: true }).call(T.randn([1, 2, 3, 3]))).toThrow(
      "expected input's size at dim=1 to match num_features (3), but got: 2.",
    );
    expect(() =>
      new nn.EmbeddingBag(4, 2).call(T.zeros([2, 2], { dtype: 'int64' }), T.zeros([2], { dtype: 'int64' })),
    ).toThrow('if input is 2D, then offsets has to be None');
    expect(() => new nn.Upsample({ scaleFactor: 2, alignCorners: true }).call(T.randn([1, 1, 2, 2]))).toThrow(
      'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear',
    );
  });

  it('Embedding.fromPretrained freezes by default and uses the given rows', () => {
    manualSeed(0);
    const w = T.randn([4, 2]);
    const e = nn.Embedding.fromPretrained(w);
    expect(e.weight.requiresGrad).toBe(false);
    expect(e.weight.storage).toBe(w.storage);
    const out = e.call(T.tensor([3, 0], { dtype: 'int64' })) as Tensor;
    expect(out.toFlatArray()).toEqual([...T.select(w, 0, 3).toFlatArray(), ...T.select(w, 0, 0).toFlatArray()]);
    expect(nn.Embedding.fromPretrained(w, { freeze: false }).weight.requiresGrad).toBe(true);
  });
});
