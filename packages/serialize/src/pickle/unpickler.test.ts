import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FloatScalar } from '@tsjit/ops';
import { describe, expect, it } from 'vitest';
import { type Dump, dumpPickleValue, normalizeDump } from '../../test/pickle/dump-pickle-value.js';
import { PickleError } from '../errors/pickle-error.js';
import { getMemoHint } from './memo-hints.js';
import { Op } from './opcodes.js';
import { getTypeTag } from './type-tags.js';
import { unpickle } from './unpickler.js';
import { PickleDevice, PickleObject, PickleStorageRef, type PickleTensorRef } from './value-model.js';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pickle');
const ownPickles = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.pkl'))
  .sort();

function bytesOf(...parts: (number | string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return new Uint8Array(out);
}

const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** The PickleError `fn` throws (fails the test when it throws anything else or nothing). */
function pickleError(fn: () => unknown): PickleError {
  try {
    fn();
  } catch (error) {
    if (PickleError.isInstance(error)) return error;
    throw new Error(`expected a PickleError, got ${String(error)}`);
  }
  throw new Error('expected a PickleError, nothing was thrown');
}

describe('unpickle: PyTorch- and CPython-written pickles against Python goldens', () => {
  it('has the generated inputs', () => {
    expect(ownPickles.length).toBeGreaterThanOrEqual(15);
  });
  for (const file of ownPickles) {
    it(file, () => {
      const [name, stem] = file.split('.') as [string, string];
      const golden = JSON.parse(readFileSync(join(goldenDir, `${name}.json`), 'utf8')) as Record<string, Dump>;
      const value = unpickle(new Uint8Array(readFileSync(join(goldenDir, file))));
      expect(normalizeDump(dumpPickleValue(value))).toEqual(golden[`${stem}.pkl`]);
    });
  }
});

describe('unpickle: values', () => {
  const load = (file: string) => unpickle(new Uint8Array(readFileSync(join(goldenDir, file))));

  it('maps attributes to JS values with ints, floats and type tags kept apart', () => {
    const module = load('attributes.data.pkl') as PickleObject;
    expect(module).toBeInstanceOf(PickleObject);
    expect(module.className).toBe('__torch__.Attrs');
    const state = module.state as Map<string, unknown>;
    expect(state.get('scale')).toEqual(new FloatScalar(3));
    expect(state.get('big')).toBe(2 ** 50);
    const ints = state.get('ints') as unknown[];
    expect(getTypeTag(ints)).toBe('List[int]');
    expect(ints).toEqual([0, 255, 256, 65535, 65536, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 40, -(2n ** 62n)]);
    const floats = state.get('floats') as unknown[];
    expect(floats[0]).toEqual(new FloatScalar(0));
    expect(floats[2]).toBe(-2.5);
    expect(Object.is((floats[5] as FloatScalar).value, -0)).toBe(true);
    const pair = state.get('pair') as unknown[];
    expect(Object.isFrozen(pair)).toBe(true);
    expect(pair).toEqual([7, 'seven', new FloatScalar(7), true]);
    expect(getTypeTag(state.get('table') as object)).toBe('Dict[str, int]');
    expect(getTypeTag(state.get('nested') as object)).toBe('List[List[int]]');
    expect(state.get('device')).toEqual(new PickleDevice('cpu'));
    expect(state.get('names')).toEqual(['a', 'été', '😀', '']);
    const counts = state.get('counts') as PickleTensorRef;
    expect(counts.storageOffset).toBe(1);
    expect(counts.sizes).toEqual([2, 2]);
    expect(counts.strides).toEqual([3, 1]);
    expect(counts.storage).toEqual(new PickleStorageRef('0', 'Long', 6, 'cpu'));
  });

  it('keeps shared values shared and records which were memoized', () => {
    const module = load('shared_parameters.data.pkl') as PickleObject;
    const state = module.state as Map<string, unknown>;
    const a = (state.get('a') as PickleObject).state as Map<string, unknown>;
    const b = (state.get('b') as PickleObject).state as Map<string, unknown>;
    expect(a.get('weight')).toBe(b.get('weight'));
    expect((state.get('params') as unknown[])[0]).toBe(a.get('weight'));
    expect((a.get('weight') as PickleTensorRef).storage).toBe((b.get('weight') as PickleTensorRef).storage);
    expect(getMemoHint(a.get('weight') as object)).toBe(true);
    expect(getMemoHint(state.get('params') as object)).toBe(false);
  });

  it('reads the CPython protocols 0 to 5 (text opcodes, frames, sets, bytes, big ints)', () => {
    for (let protocol = 0; protocol <= 5; protocol++) {
      const value = load(`plain_protocol_${protocol}.data.pkl`) as Map<unknown, unknown>;
      expect(value.get('ints')).toEqual([1, -1, 2n ** 70n, -(2n ** 70n)]);
      expect(value.get('whole')).toEqual(new FloatScalar(2));
      expect(value.get(3)).toBe('int key');
      if (protocol >= 4) expect(value.get('set')).toEqual(new Set([1, 2, 3]));
      if (protocol >= 3) expect(value.get('bytes')).toEqual(new Uint8Array([0, 255, 114, 97, 119]));
    }
    const p5 = load('plain_protocol_5.data.pkl') as Map<unknown, unknown>;
    const shared = p5.get('shared') as unknown[];
    expect(shared[0]).toBe(shared[1]);
  });

  it('calls the handlers with validated arguments', () => {
    const calls: unknown[][] = [];
    const value = unpickle(new Uint8Array(readFileSync(join(goldenDir, 'shared_parameters.data.pkl'))), {
      loadStorage: (key, scalarType, numel, location) => {
        calls.push(['storage', key, scalarType, numel, location]);
        return { key };
      },
      rebuildTensor: (storage, offset, sizes, strides, requiresGrad) => {
        calls.push(['tensor', storage, offset, sizes, strides, requiresGrad]);
        return { tensor: sizes };
      },
      resolveClass: (name) => ({
        create: () => ({ name, attributes: undefined as unknown }),
        setState: (instance, state) => {
          (instance as { attributes: unknown }).attributes = state;
        },
      }),
    }) as { name: string; attributes: Map<string, unknown> };
    expect(value.name).toBe('__torch__.Shared');
    expect(calls.filter((c) => c[0] === 'storage')).toEqual([
      ['storage', '0', 'Float', 6, 'cpu'],
      ['storage', '1', 'Float', 2, 'cpu'],
      ['storage', '2', 'Float', 2, 'cpu'],
    ]);
    expect(calls.filter((c) => c[0] === 'tensor')).toHaveLength(3);
    expect(calls[1]).toEqual(['tensor', { key: '0' }, 0, [2, 3], [3, 1], true]);
  });

  it('refuses a class the resolver does not know', () => {
    const error = pickleError(() =>
      unpickle(new Uint8Array(readFileSync(join(goldenDir, 'shared_parameters.data.pkl'))), {
        resolveClass: () => undefined,
      }),
    );
    expect(error.detail).toBe("class '__torch__.Shared' is not known");
    expect(error.offset).toBe(2);
  });

  it('passes errors from callbacks through unchanged', () => {
    const boom = new Error('boom');
    expect(() =>
      unpickle(new Uint8Array(readFileSync(join(goldenDir, 'shared_parameters.data.pkl'))), {
        loadStorage: () => {
          throw boom;
        },
      }),
    ).toThrow(boom);
  });
});

describe('unpickle: the opcode table', () => {
  it('handles or names every opcode it knows, and calls anything else unknown', () => {
    for (const [name, code] of Object.entries(Op)) {
      let detail = '';
      try {
        unpickle(bytesOf(0x80, 5, code));
      } catch (error) {
        detail = PickleError.isInstance(error) ? error.detail : `not a PickleError: ${String(error)}`;
      }
      expect(detail, name).not.toMatch(/^unknown opcode|^not a PickleError/);
    }
    const known = new Set<number>(Object.values(Op));
    for (let code = 0; code < 256; code++) {
      if (known.has(code)) continue;
      expect(pickleError(() => unpickle(bytesOf(0x80, 5, code))).detail).toBe(
        `unknown opcode 0x${code.toString(16).padStart(2, '0')}`,
      );
    }
  });

  // CPython's pickletools is the reference list of opcodes; skipped without /usr/bin/python3.
  it.skipIf(!existsSync('/usr/bin/python3'))("covers exactly the opcodes of CPython's pickletools", () => {
    const script =
      'import pickletools, json; print(json.dumps(sorted([o.name, ord(o.code)] for o in pickletools.opcodes)))';
    const python = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script]).toString()) as [string, number][];
    expect(Object.entries(Op).sort()).toEqual(python);
  });
});

describe('unpickle: bad input gives a PickleError with the offset', () => {
  it.each([
    ['os.system', bytesOf(0x80, 2, 'cos\nsystem\n', ')R.')],
    ['builtins.eval', bytesOf(0x80, 2, 'cbuiltins\neval\n', ')R.')],
    ['torch.load', bytesOf(0x80, 2, 'ctorch\nload\n', ')R.')],
    [
      'torch._utils._rebuild_device_tensor_from_numpy',
      bytesOf(0x80, 2, 'ctorch._utils\n_rebuild_device_tensor_from_numpy\n.'),
    ],
  ])("rejects the global '%s'", (name, data) => {
    const error = pickleError(() => unpickle(data));
    expect(error.message).toBe(`global '${name}' is not allowed (at byte 2)`);
    expect(error.offset).toBe(2);
    expect(error.code).toBe('ERR_TSJIT_PICKLE');
  });

  it('names the archive entry when the caller adds it', () => {
    const error = pickleError(() => unpickle(bytesOf(0x80, 2, 'cos\nsystem\n.'))).withEntry('archive/data.pkl');
    expect(error.message).toBe("archive/data.pkl: global 'os.system' is not allowed (at byte 2)");
    expect(error.entry).toBe('archive/data.pkl');
    expect(PickleError.isInstance(error)).toBe(true);
  });

  it('rejects STACK_GLOBAL of a disallowed global', () => {
    const data = bytesOf(0x80, 4, 0x8c, 2, 'os', 0x8c, 6, 'system', 0x93, '.');
    const error = pickleError(() => unpickle(data));
    expect(error.detail).toBe("global 'os.system' is not allowed");
    expect(error.offset).toBe(14);
  });

  it('fails on every truncation of a real pickle', () => {
    const data = new Uint8Array(readFileSync(join(goldenDir, 'quantized.data.pkl')));
    for (let n = 0; n < data.length; n++) {
      const error = pickleError(() => unpickle(data.subarray(0, n)));
      expect(error.offset).toBeLessThanOrEqual(n);
    }
  });

  it.each([
    ['unknown opcode', bytesOf(0x80, 2, 0xff), 'unknown opcode 0xff', 2],
    ['protocol', bytesOf(0x80, 6, 'N.'), 'unsupported pickle protocol 6', 0],
    ['INST', bytesOf('(ios\nsystem\n.'), 'INST (protocol 0/1 instance creation) is not supported', 1],
    ['EXT1', bytesOf(0x80, 2, 0x82, 1, '.'), 'EXT1 (copyreg extension registry) is not supported', 2],
    ['NEXT_BUFFER', bytesOf(0x80, 5, 0x97, '.'), 'NEXT_BUFFER (out-of-band buffers) is not supported', 2],
    ['no STOP', bytesOf(0x80, 2, 'N'), 'pickle ended without STOP', 3],
    ['two values at STOP', bytesOf(0x80, 2, 'NN.'), 'STOP expects one value on the stack, found 2', 4],
    ['open MARK at STOP', bytesOf(0x80, 2, '(N.'), 'STOP with an open MARK', 4],
    ['empty stack', bytesOf(0x80, 2, '.'), 'STOP expects one value on the stack, found 0', 2],
    ['missing memo', bytesOf(0x80, 2, 'h', 3, '.'), 'memo entry 3 was never stored', 2],
    ['REDUCE on an int', bytesOf(0x80, 2, 'K', 1, ')R.'), 'REDUCE needs a callable global, found int', 5],
    [
      'REDUCE with a list',
      bytesOf(0x80, 2, 'ccollections\nOrderedDict\n]R.'),
      "REDUCE of 'collections.OrderedDict' needs a tuple of arguments, found list",
      28,
    ],
    ['APPEND to a dict', bytesOf(0x80, 2, '}Na.'), 'APPEND needs a list, found dict', 4],
    ['APPEND below a MARK', bytesOf(0x80, 2, '](Na.'), 'APPEND needs a value but the stack is empty', 5],
    ['odd SETITEMS', bytesOf(0x80, 2, '}(Nu.'), 'SETITEMS has an odd number of items (1)', 5],
    ['unhashable key', bytesOf(0x80, 2, '}]Ns.'), 'unhashable list as a dict key', 5],
    ['BUILD on an int', bytesOf(0x80, 2, 'K', 1, '}b.'), 'BUILD on int is not supported', 5],
    [
      'NEWOBJ on a function',
      bytesOf(0x80, 2, 'ctorch\ndevice\n)', 0x81, '.'),
      "NEWOBJ needs an archive class, found global 'torch.device'",
      17,
    ],
    [
      'build_intlist of strs',
      bytesOf(0x80, 2, 'ctorch.jit._pickle\nbuild_intlist\n(](X', u32(1), 'aetR.'),
      "'torch.jit._pickle.build_intlist' got a str element",
      46,
    ],
    [
      'restore_type_tag on an int',
      bytesOf(0x80, 2, 'ctorch.jit._pickle\nrestore_type_tag\nK', 1, 'X', u32(1), 'a', 0x86, 'R.'),
      'restore_type_tag needs a list or dict, found int',
      47,
    ],
    [
      'bad device',
      bytesOf(0x80, 2, 'ctorch\ndevice\nX', u32(3), 'c:x', 0x85, 'R.'),
      "torch.device needs a device string such as 'cpu', found str",
      25,
    ],
    ['bad UTF-8', bytesOf(0x80, 2, 'X', u32(2), 0xc3, 0x28, '.'), 'BINUNICODE is not valid UTF-8', 2],
    ['TUPLE without MARK', bytesOf(0x80, 2, 't.'), 'TUPLE without a MARK', 2],
    ['TUPLE2 with one value', bytesOf(0x80, 2, 'N', 0x86, '.'), 'TUPLE2 needs 2 values on the stack', 3],
  ])('%s', (_, data, detail, offset) => {
    const error = pickleError(() => unpickle(data));
    expect(error.detail).toBe(detail);
    expect(error.offset).toBe(offset);
  });

  it.each([
    [
      'BINUNICODE of 4 GiB',
      bytesOf(0x80, 2, 'X', u32(0xffffffff), 'ab.'),
      'BINUNICODE needs 4294967295 bytes but only 3 remain',
    ],
    [
      'BINBYTES8 of 2^63',
      bytesOf(0x80, 4, 0x8e, [0, 0, 0, 0, 0, 0, 0, 0x80], '.'),
      'BINBYTES8 needs 9007199254740991 bytes but only 1 remain',
    ],
    ['BINBYTES past the end', bytesOf(0x80, 3, 'B', u32(1000), 'x.'), 'BINBYTES needs 1000 bytes but only 2 remain'],
    [
      'LONG4 of 2 GiB',
      bytesOf(0x80, 2, 0x8b, u32(0x7fffffff), '.'),
      'integer of 2147483647 bytes exceeds the budget of 4300',
    ],
    ['LONG4 negative', bytesOf(0x80, 2, 0x8b, u32(0xffffffff), '.'), 'LONG4 has a negative length -1'],
    [
      'FRAME past the end',
      bytesOf(0x80, 4, 0x95, [100, 0, 0, 0, 0, 0, 0, 0], 'N.'),
      'FRAME of 100 bytes but only 2 remain',
    ],
    ['INT of many digits', bytesOf('I', '9'.repeat(5000), '\n.'), 'INT of 5000 digits exceeds the budget of 4300'],
    ['line without end', bytesOf('I12345'), 'INT line has no end'],
  ])('%s', (_, data, detail) => {
    expect(pickleError(() => unpickle(data)).detail).toBe(detail);
  });

  it('rejects a tensor that reaches past its storage', () => {
    const data = new Uint8Array(readFileSync(join(goldenDir, 'getstate_class.data.pkl')));
    // The tensor is sizes (2,) over a 2-element storage: claim 3 elements instead.
    const bad = data.slice();
    expect(bad[127]).toBe(0x4b);
    bad[128] = 3;
    const error = pickleError(() => unpickle(bad));
    expect(error.detail).toBe('tensor of sizes [3] and strides [1] at offset 0 reaches past its storage of 2 elements');
    expect(error.offset).toBe(165);
  });

  it('rejects a storage described twice with different sizes', () => {
    const data = new Uint8Array(readFileSync(join(goldenDir, 'shared_parameters.data.pkl')));
    const text = Buffer.from(data).toString('latin1');
    // Give storage '1' the key of storage '0' (same length), whose element count differs.
    const at = text.indexOf('X\x01\x00\x00\x001');
    expect(at).toBeGreaterThan(0);
    const bad = data.slice();
    bad[at + 5] = '0'.charCodeAt(0);
    expect(pickleError(() => unpickle(bad)).detail).toBe("storage '0' is described twice, differently");
  });

  it('stops deep nesting at the depth budget instead of overflowing the stack', () => {
    const n = 1_000_000;
    const lists = new Uint8Array(n * 2 + 3);
    lists.set([0x80, 2]);
    lists.fill(0x5d, 2, 2 + n); // EMPTY_LIST × n
    lists.fill(0x61, 2 + n, 2 + 2 * n); // APPEND × n: each nests the top list into the one below
    lists[2 + 2 * n] = 0x2e;
    const e1 = pickleError(() => unpickle(lists));
    expect(e1.detail).toBe('containers nested deeper than 1000 (budget)');
    expect(e1.offset).toBe(2 + n + 999);

    const tuples = new Uint8Array(n + 4);
    tuples.set([0x80, 2, 0x4e]);
    tuples.fill(0x85, 3, 3 + n); // TUPLE1 × n
    tuples[3 + n] = 0x2e;
    expect(pickleError(() => unpickle(tuples)).detail).toBe('containers nested deeper than 1000 (budget)');

    const marks = new Uint8Array(n + 3).fill(0x28);
    marks.set([0x80, 2]);
    const e3 = pickleError(() => unpickle(marks));
    expect(e3.detail).toBe('more than 1000 open MARKs (budget)');
    expect(e3.offset).toBe(1002);
  });

  it('honours the string budget', () => {
    const data = bytesOf(0x80, 2, 'X', u32(10), '0123456789.');
    expect(unpickle(data)).toBe('0123456789');
    expect(pickleError(() => unpickle(data, { budget: { maxStringBytes: 9 } })).detail).toBe(
      'BINUNICODE of 10 bytes exceeds the budget of 9',
    );
  });

  it('honours the item and memo budgets', () => {
    const many = bytesOf(0x80, 2, '(', 'N'.repeat(100), 'l.');
    expect(unpickle(many)).toHaveLength(100);
    expect(pickleError(() => unpickle(many, { budget: { maxItems: 50 } })).detail).toBe('more than 50 items (budget)');
    const memo = bytesOf(0x80, 4, 'N', ...Array.from({ length: 20 }, () => 0x94), '.');
    expect(unpickle(memo)).toBeNull();
    const error = pickleError(() => unpickle(memo, { budget: { maxMemo: 10 } }));
    expect(error.detail).toBe('more than 10 memo entries (budget)');
    expect(error.offset).toBe(13);
  });

  it('stores a sparse memo index without allocating up to it', () => {
    expect(unpickle(bytesOf(0x80, 2, 'N', 'r', u32(0xfffffff0), '0', 'j', u32(0xfffffff0), '.'))).toBeNull();
  });
});
