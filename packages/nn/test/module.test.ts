import { manualSeed, Tensor, tensor, torchOps } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { Module, Parameter } from '../src/index.js';

// Small modules written against the base alone (the built-in layers have their own tests).
class Affine extends Module {
  weight: Parameter;
  bias: Parameter | null;
  constructor(n: number, m: number, bias = true) {
    super();
    this.weight = new Parameter(torchOps.ones([m, n]));
    if (bias) this.bias = new Parameter(torchOps.zeros([m]));
    else {
      this.bias = null;
      this.registerParameter('bias', null);
    }
  }
  override forward(x: Tensor): Tensor {
    const y = torchOps.matmul(x, torchOps.t(this.weight));
    return this.bias === null ? y : torchOps.add(y, this.bias);
  }
}

class Norm extends Module {
  scale = new Parameter(torchOps.ones([2]));
  constructor() {
    super();
    this.registerBuffer('running_mean', torchOps.zeros([2]));
    this.registerBuffer('scratch', torchOps.zeros([2]), false);
  }
  override forward(x: Tensor): Tensor {
    return torchOps.mul(x, this.scale);
  }
}

class Net extends Module {
  fc1 = new Affine(2, 2);
  norm = new Norm();
  fc2: Affine;
  constructor() {
    super();
    this.fc2 = new Affine(2, 1, false);
  }
  override forward(x: Tensor): Tensor {
    return this.fc2.call(this.norm.call(this.fc1.call(x)));
  }
}

describe('Module registration and traversal', () => {
  it('registers Parameters and Modules assigned to properties (class fields too), in creation order', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'norm.scale', 'fc2.weight']);
    expect(net.namedBuffers().map(([n]) => n)).toEqual(['norm.running_mean', 'norm.scratch']);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['fc1', 'norm', 'fc2']);
    expect(net.namedModules().map(([n]) => n)).toEqual(['', 'fc1', 'norm', 'fc2']);
    expect(net.modules()[1]).toBe(net.fc1);
    expect(net.parameters()[0]).toBe(net.fc1.weight);
    expect(net.parameters(false)).toEqual([]);
    expect(net.buffers()).toHaveLength(2);
  });

  it('lists a shared parameter once unless removeDuplicate is false', () => {
    const net = new Net();
    net.fc2.weight = net.fc1.weight;
    expect(net.parameters()).toHaveLength(3);
    expect(net.namedParameters('', true, false).map(([n]) => n)).toContain('fc2.weight');
  });

  it('stateDict orders parameters, persistent buffers, then submodules; values alias the parameters', () => {
    const net = new Net();
    const sd = net.stateDict();
    expect([...sd.keys()]).toEqual(['fc1.weight', 'fc1.bias', 'norm.scale', 'norm.running_mean', 'fc2.weight']);
    const w = sd.get('fc1.weight')!;
    expect(w.requiresGrad).toBe(false);
    expect(w.storage).toBe(net.fc1.weight.storage);
    expect(net.stateDict({ keepVars: true }).get('fc1.weight')).toBe(net.fc1.weight);
    expect([...net.stateDict({ prefix: 'm.' }).keys()][0]).toBe('m.fc1.weight');
  });

  it('loadStateDict copies in place and raises PyTorch error text', () => {
    const a = new Affine(4, 3);
    const sd = new Map<string, Tensor>([
      ['weight', torchOps.full([3, 4], 2)],
      ['bias', tensor([1, 2, 3])],
    ]);
    const w = a.weight;
    expect(a.loadStateDict(sd)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(a.weight).toBe(w);
    expect(a.bias?.toArray()).toEqual([1, 2, 3]);
    // Text printed by PyTorch 1.13 for nn.Linear(4, 3).load_state_dict({'weight': zeros(4, 4), 'foo': zeros(1)}).
    expect(() => a.loadStateDict({ weight: torchOps.zeros([4, 4]), foo: torchOps.zeros([1]) })).toThrow(
      'Error(s) in loading state_dict for Affine:\n\tMissing key(s) in state_dict: "bias". \n\tUnexpected key(s) in state_dict: "foo". \n\tsize mismatch for weight: copying a param with shape torch.Size([4, 4]) from checkpoint, the shape in current model is torch.Size([3, 4]).',
    );
  });

  it('non-strict loading reports missing and unexpected keys in PyTorch order (root first)', () => {
    const net = new Net();
    const r = net.loadStateDict(
      new Map([
        ['fc1.weight', torchOps.zeros([2, 2])],
        ['norm.x', torchOps.zeros([1])],
        ['zz', torchOps.zeros([1])],
      ]),
      { strict: false },
    );
    expect(r).toEqual({
      missingKeys: ['fc1.bias', 'norm.scale', 'norm.running_mean', 'fc2.weight'],
      unexpectedKeys: ['zz', 'norm.x'],
    });
  });

  it('registerBuffer and registerParameter check names as PyTorch does', () => {
    const m = new Norm();
    expect(() => m.registerBuffer('a.b', null)).toThrow('buffer name can\'t contain "."');
    expect(() => m.registerParameter('', null)).toThrow('parameter name can\'t be empty string ""');
    expect(() => m.registerBuffer('scale', null)).toThrow("attribute 'scale' already exists");
    (m as any).running_mean = torchOps.ones([2]);
    expect(m.namedBuffers()[0][1].toArray()).toEqual([1, 1]);
    (m as any).scale = torchOps.ones([2]);
    expect(() => m.parameters()).toThrow("cannot assign 'torch.FloatTensor' as parameter 'scale'");
  });
});

describe('Module modes, hooks and conversions', () => {
  it('train/eval set training recursively; apply visits children first', () => {
    const net = new Net();
    expect(net.eval()).toBe(net);
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.fc2.training).toBe(true);
    const order: string[] = [];
    net.apply((m) => order.push(m.constructor.name));
    expect(order).toEqual(['Affine', 'Norm', 'Affine', 'Net']);
  });

  it('call runs pre-hooks, forward and hooks; handles remove them', () => {
    const a = new Affine(2, 1);
    const x = tensor([[1, 2]], { dtype: 'float32' });
    expect(a.call(x).toArray()).toEqual([[3]]);
    const pre = a.registerForwardPreHook((_m, args) => [torchOps.mul(args[0] as Tensor, 2)]);
    const post = a.registerForwardHook((_m, _args, out) => torchOps.add(out as Tensor, 1));
    expect(a.call(x).toArray()).toEqual([[7]]);
    pre.remove();
    expect(a.call(x).toArray()).toEqual([[4]]);
    post.remove();
    post.remove();
    expect(a.call(x).toArray()).toEqual([[3]]);
    expect(a.forward(x).toArray()).toEqual([[3]]);
  });

  it('to(dtype) casts floating parameters and buffers; zeroGrad zeroes or drops grads', () => {
    const net = new Net().to('float64');
    expect(net.parameters().every((p) => p.dtype === 'float64' && p instanceof Parameter && p.requiresGrad)).toBe(true);
    expect(net.buffers()[0].dtype).toBe('float64');
    const p = net.parameters()[0];
    p.grad = torchOps.onesLike(p);
    net.zeroGrad();
    expect(p.grad?.toFlatArray()).toEqual([0, 0, 0, 0]);
    net.zeroGrad({ setToNone: true });
    expect(p.grad).toBeNull();
  });

  it('Parameter shares its tensor storage, requires grad by default, and prints as PyTorch', () => {
    manualSeed(0);
    const t = tensor([1, 2]);
    const p = new Parameter(t);
    expect(p.storage).toBe(t.storage);
    expect(p.requiresGrad).toBe(true);
    expect(new Parameter(t, false).requiresGrad).toBe(false);
    expect(p instanceof Tensor).toBe(true);
    expect(String(p)).toBe('Parameter containing:\ntensor([1, 2], requires_grad=True)');
  });

  it('forward without an override raises PyTorch error', () => {
    expect(() => new Module().forward()).toThrow('Module [Module] is missing the required "forward" function');
  });
});
