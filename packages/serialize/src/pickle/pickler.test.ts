import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FloatScalar } from '@tsjit/ops';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../frontend/src/testing/read-zip.js';
import { dumpPickleValue } from '../../test/pickle/dump-pickle-value.js';
import { fixturesDir } from '../../test/pickle/fixture-pickles.js';
import { PickleError } from '../errors/pickle-error.js';
import { setMemoHint } from './memo-hints.js';
import { Pickler } from './pickler.js';
import { setTypeTag } from './type-tags.js';
import { unpickle } from './unpickler.js';
import { PickleComplex, PickleDevice, PickleObject, PickleStorageRef, PickleTensorRef } from './value-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '../../test/fixtures/pickle');
const python = '/usr/bin/python3';
const torchLoad = join(here, '../../../../tooling/fixtures/torch_load_pickle.py');

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const text = (s: string) => Buffer.from(s).toString('hex');
/** The pickle body between PROTO 2 and STOP. */
const body = (value: unknown) => hex(new Pickler().dump(value)).slice(4, -2);

function pickleError(fn: () => unknown): PickleError {
  try {
    fn();
  } catch (error) {
    if (PickleError.isInstance(error)) return error;
    throw new Error(`expected a PickleError, got ${String(error)}`);
  }
  throw new Error('expected a PickleError, nothing was thrown');
}

describe('Pickler: PyTorch encodings', () => {
  it('frames the pickle as PROTO 2 ... STOP', () => {
    expect(hex(new Pickler().dump(null))).toBe('80024e2e');
  });

  it.each([
    [0, '4b00'],
    [255, '4bff'],
    [256, '4d0001'],
    [65535, '4dffff'],
    [65536, '4a00000100'],
    [-1, '4affffffff'],
    [2 ** 31 - 1, '4affffff7f'],
    [-(2 ** 31), '4a00000080'],
    [2 ** 31, '8a080000008000000000'],
    [-(2n ** 63n), '8a080000000000000080'],
    [2n ** 63n - 1n, '8a08ffffffffffffff7f'],
  ])('writes the int %s as PyTorch does', (value, expected) => {
    expect(body(value)).toBe(expected);
  });

  it('writes floats as big-endian BINFLOAT, integral ones when boxed, -0 as a float', () => {
    expect(body(0.5)).toBe('473fe0000000000000');
    expect(body(new FloatScalar(1))).toBe('473ff0000000000000');
    expect(body(-0)).toBe('478000000000000000');
    expect(body(Number.NaN)).toBe('477ff8000000000000');
  });

  it('memoizes strings by value and devices by name', () => {
    const tuple = Object.freeze(['ab', 'ab', new PickleDevice('cpu'), new PickleDevice('cpu')]);
    const ab = `5802000000${text('ab')}7100`;
    const device = `63${text('torch\ndevice\n')}7101` + `5803000000${text('cpu')}7102` + '8552' + '7103';
    expect(body(tuple)).toBe(`28${ab}6800${device}680374`);
  });

  it('writes tuples with TUPLE1..3 and MARK/TUPLE beyond', () => {
    expect(body(Object.freeze([]))).toBe('29');
    expect(body(Object.freeze([1]))).toBe('4b0185');
    expect(body(Object.freeze([1, 2, 3]))).toBe('4b014b024b0387');
    expect(body(Object.freeze([1, 2, 3, 4]))).toBe('284b014b024b034b0474');
  });

  it('writes specialized and tagged lists and dicts', () => {
    const globalHex = (module: string, name: string) => `63${Buffer.from(`${module}\n${name}\n`).toString('hex')}`;
    expect(body([1, 2])).toBe(`${globalHex('torch.jit._pickle', 'build_intlist')}7100285d284b014b02657452`);
    const names = setTypeTag(['x'], 'List[str]');
    expect(body(names)).toBe(
      `${globalHex('torch.jit._pickle', 'restore_type_tag')}71005d2858010000007871016558090000004c6973745b7374725d71028652`,
    );
    const dict = setTypeTag(new Map([['k', 1]]), 'Dict[str, int]');
    expect(body(dict)).toBe(
      `${globalHex('torch.jit._pickle', 'restore_type_tag')}71007d2858010000006b71014b0175580e000000${text('Dict[str, int]')}71028652`,
    );
  });

  it('writes objects as GLOBAL, EMPTY_TUPLE, NEWOBJ, attribute dict, BUILD and memoizes them', () => {
    const object = new PickleObject('__torch__.M', new Map<string, unknown>([['training', false]]));
    const global = `63${text('__torch__\nM\n')}7100`;
    expect(body(object)).toBe(`${global}29817d28` + `5808000000${text('training')}7101` + '89756271' + '02');
  });

  it('memoizes by hint, by option, and always when a value is reached twice', () => {
    const ints = () => setTypeTag([1], 'List[int]');
    const intList = `63${text('torch.jit._pickle\nbuild_intlist\n')}7100285d284b01657452`;
    expect(body(Object.freeze([ints()]))).toBe(`${intList}85`);
    const hinted = ints();
    setMemoHint(hinted, true);
    expect(body(Object.freeze([hinted]))).toBe(`${intList}710185`);
    const shared = ints();
    expect(body(Object.freeze([shared, shared]))).toBe(`${intList}7101680186`);
    const always = new Pickler({ shouldMemoize: (_, context) => context === 'element' });
    expect(hex(always.dump(Object.freeze([ints()])))).toBe(`8002${intList}710185` + '2e');
  });

  it('writes a complex number as builtins.complex', () => {
    const value = unpickle(new Pickler().dump(new PickleComplex(1, -2)));
    expect(value).toEqual(new PickleComplex(1, -2));
  });

  it('writes tensors as _rebuild_tensor_v2 with memoized storages in key order', () => {
    const s0 = new PickleStorageRef('whatever', 'Float', 6, 'cpu');
    const s1 = new PickleStorageRef('7', 'Long', 2, 'cpu');
    const t0 = new PickleTensorRef(s0, 0, [2, 3], [3, 1], true);
    const t1 = new PickleTensorRef(s0, 3, [3], [1], false);
    const t2 = new PickleTensorRef(s1, 0, [2], [1], false);
    const pickler = new Pickler();
    const bytes = pickler.dump(Object.freeze([t0, t1, t2, t0]));
    expect(pickler.storages).toEqual([s0, s1]);
    const [b0, b1, b2, b3] = unpickle(bytes) as PickleTensorRef[];
    if (b0 === undefined || b1 === undefined || b2 === undefined) throw new Error('three tensors expected');
    expect(b0).toBe(b3);
    expect(b0.storage).toBe(b1.storage);
    expect((b0.storage as PickleStorageRef).key).toBe('0');
    expect((b2.storage as PickleStorageRef).key).toBe('1');
    expect(b1.storageOffset).toBe(3);
    expect(b0.requiresGrad).toBe(true);
  });

  it("takes the caller's tensors and storages through describeTensor and describeStorage", () => {
    class Storage {
      constructor(readonly bytes: Float32Array) {}
    }
    class Tensor {
      constructor(
        readonly storage: Storage,
        readonly shape: number[],
      ) {}
    }
    const storage = new Storage(new Float32Array(6));
    const a = new Tensor(storage, [2, 3]);
    const b = new Tensor(storage, [6]);
    const pickler = new Pickler({
      describeTensor: (v) =>
        v instanceof Tensor
          ? new PickleTensorRef(v.storage, 0, v.shape, v.shape.length === 2 ? [3, 1] : [1], false)
          : undefined,
      describeStorage: (s) =>
        s instanceof Storage ? { scalarType: 'Float', numel: s.bytes.length, location: 'cpu' } : undefined,
    });
    const back = unpickle(pickler.dump(setTypeTag([a, b], 'List[Tensor]'))) as PickleTensorRef[];
    expect(pickler.storages).toEqual([storage]);
    expect(back.map((t) => t.sizes)).toEqual([[2, 3], [6]]);
    expect(back[0]?.storage).toEqual(new PickleStorageRef('0', 'Float', 6, 'cpu'));
    expect(back[0]?.storage).toBe(back[1]?.storage);
  });

  it('re-pickles every PyTorch-written pickle of the package byte for byte', () => {
    // torch_save_* and plain_protocol_* were written by Python's pickler, not PyTorch's C++ Pickler.
    const files = readdirSync(goldenDir).filter((f) => f.endsWith('.pkl') && !/^(plain_protocol_|torch_save_)/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const data = new Uint8Array(readFileSync(join(goldenDir, file)));
      expect(hex(new Pickler().dump(unpickle(data))), file).toBe(hex(data));
    }
  });

  it('reads back what it writes for values built by hand', () => {
    const storage = new PickleStorageRef('0', 'Double', 4, 'cpu');
    const shared = setTypeTag([new FloatScalar(1), 2.5], 'List[float]');
    const value = new PickleObject(
      '__torch__.a.B',
      new Map<string, unknown>([
        ['x', new PickleTensorRef(storage, 1, [3], [1], false)],
        [
          'names',
          setTypeTag(
            new Map([
              ['a', shared],
              ['b', shared],
            ]),
            'Dict[str, List[float]]',
          ),
        ],
        ['flags', setTypeTag([true, false], 'List[bool]')],
        ['pair', Object.freeze([2n ** 40n, 'y'])],
        ['child', new PickleObject('__torch__.a.C', new Map([['training', true]]))],
        ['none', null],
      ]),
    );
    const back = unpickle(new Pickler().dump(value)) as PickleObject;
    expect(dumpPickleValue(back)).toEqual(dumpPickleValue(value));
    const names = (back.state as Map<string, unknown>).get('names') as Map<string, unknown>;
    expect(names.get('a')).toBe(names.get('b'));
  });
});

describe('Pickler: values it cannot write', () => {
  it.each([
    ['bytes', new Uint8Array([1]), "bytes cannot be written: PyTorch's TorchScript pickler has no bytes type"],
    ['a set', new Set([1]), "a set cannot be written: PyTorch's TorchScript pickler has no set type"],
    [
      'an untagged dict',
      new Map([['a', 1]]),
      'a dict needs a TorchScript type tag (setTypeTag(dict, "Dict[str, int]"))',
    ],
    [
      'a mixed untagged list',
      [1, 'a'],
      'a list needs a TorchScript type tag (setTypeTag(list, "List[...]")) when its element type is not plain',
    ],
    [
      'an empty untagged list',
      [],
      'a list needs a TorchScript type tag (setTypeTag(list, "List[...]")) when its element type is not plain',
    ],
    ['an int beyond 64 bits', 2n ** 64n, 'int 18446744073709551616 does not fit in 64 bits'],
    ['a function', () => 1, 'cannot pickle a function'],
    [
      'a tensor without a storage ref',
      new PickleTensorRef({}, 0, [], [], false),
      'a tensor needs a PickleStorageRef storage (or describeStorage)',
    ],
    [
      'a tensor with a bad storage type',
      new PickleTensorRef(new PickleStorageRef('0', 'Nope' as 'Float', 1, 'cpu'), 0, [], [], false),
      "unknown storage scalar type 'Nope'",
    ],
  ])('rejects %s', (_, value, detail) => {
    expect(pickleError(() => new Pickler().dump(value)).detail).toBe(detail);
  });

  it('rejects a list that contains itself', () => {
    const list: unknown[] = [];
    list.push(list);
    setTypeTag(list, 'List[Any]');
    expect(pickleError(() => new Pickler().dump(list)).detail).toBe('cannot pickle a value that contains itself');
  });

  it('writes one pickle per Pickler', () => {
    const pickler = new Pickler();
    pickler.dump(1);
    expect(pickleError(() => pickler.dump(1)).detail).toBe('a Pickler writes one pickle; make a new one');
  });

  it('writes 100,000 nested lists without overflowing the JS stack', () => {
    let value: unknown[] = setTypeTag([], 'List[int]');
    for (let i = 0; i < 100_000; i++) value = setTypeTag([value], 'List[List[int]]');
    const bytes = new Pickler().dump(value);
    expect(bytes.length).toBeGreaterThan(100_000 * 8);
    expect(pickleError(() => unpickle(bytes)).detail).toBe('more than 1000 open MARKs (budget)');
  });
});

// PyTorch's own reader is the judge of what the Pickler writes; it needs the shared fixtures
// (for an archive to put the pickle in) and PyTorch at /usr/bin/python3. Skipped where absent.
describe.skipIf(!existsSync(python) || !existsSync(fixturesDir))('PyTorch loads what the Pickler writes', () => {
  function torchLoadWith(archive: string, pickle: Uint8Array, attributes: string[]): Record<string, unknown> {
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-pickle-'));
    try {
      writeFileSync(join(dir, 'data.pkl'), pickle);
      const out = execFileSync(
        python,
        [torchLoad, join(fixturesDir, archive, 'model.pt'), '/data.pkl', join(dir, 'data.pkl'), ...attributes],
        {
          maxBuffer: 1 << 26,
        },
      );
      return JSON.parse(out.toString('utf8')) as Record<string, unknown>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const dataPkl = (archive: string) => {
    const entries = readZip(new Uint8Array(readFileSync(join(fixturesDir, archive, 'model.pt'))));
    return [...entries].find(([name]) => name.endsWith('/data.pkl'))?.[1] as Uint8Array;
  };

  it('a changed module: training flag, a bias viewing the weight storage', () => {
    const module = unpickle(dataPkl('nn_linear')) as PickleObject;
    const state = module.state as Map<string, unknown>;
    const weight = state.get('weight') as PickleTensorRef;
    state.set('training', true);
    state.set('bias', new PickleTensorRef(weight.storage, 2, [4], [1], true));
    const loaded = torchLoadWith('nn_linear', new Pickler().dump(module), []);
    const dict = loaded.state_dict as Record<string, number[]>;
    expect(loaded.training).toEqual([true]);
    expect(dict.bias).toEqual(dict.weight?.slice(2, 6));
  });

  it('changed attributes: a 64-bit int and an integral float', () => {
    const module = unpickle(dataPkl('lang_counter_state')) as PickleObject;
    const state = module.state as Map<string, unknown>;
    state.set('calls', 2 ** 40 + 1);
    state.set('total', new FloatScalar(3));
    const loaded = torchLoadWith('lang_counter_state', new Pickler().dump(module), ['calls', 'total']);
    expect(loaded.attributes).toEqual({ calls: String(2 ** 40 + 1), total: '3.0' });
  });
});
