import { FrontendError } from '@tsjit/frontend';
import { CallCancelledError } from '@tsjit/interpreter';
import { ArchiveError, PickleError, ZipError } from '@tsjit/serialize';
import { describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import { compareValue, decodeValue } from '../src/testing/fixture-values.js';
import {
  callInputs,
  editArchive,
  type OwnArchive,
  ownArchive,
  ownCall,
  recordName,
  text,
  unacceptableError,
  utf8,
} from './support/load-archives.js';

/**
 * Bad archives (issue 6, item 6): each is one of the package's small PyTorch archives
 * (test/fixtures/load-archives) changed in one way and re-written as a valid zip where the zip
 * layer is not the point; `load` must fail with the typed error of the layer at fault, and the
 * message must name the archive entry (and the line, for code).
 */

function loadError(bytes: Uint8Array): Error {
  try {
    load(bytes);
  } catch (error) {
    expect(unacceptableError(error)).toBeNull();
    return error as Error;
  }
  throw new Error('load succeeded on a bad archive');
}

/** Replaces the only occurrence of `from` in `bytes` with `to` (fails the test when it is not exactly once). */
function replaceOnce(bytes: Uint8Array, from: Uint8Array | string, to: Uint8Array | string): Uint8Array {
  const a = typeof from === 'string' ? latin1(from) : from;
  const b = typeof to === 'string' ? latin1(to) : to;
  const hits: number[] = [];
  outer: for (let i = 0; i + a.length <= bytes.length; i++) {
    for (let j = 0; j < a.length; j++) if (bytes[i + j] !== a[j]) continue outer;
    hits.push(i);
  }
  expect(hits.length).toBe(1);
  const at = hits[0];
  const out = new Uint8Array(bytes.length - a.length + b.length);
  out.set(bytes.subarray(0, at));
  out.set(b, at);
  out.set(bytes.subarray(at + a.length), at + b.length);
  return out;
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The archive with record `suffix` replaced by `change(old bytes)`. */
function withRecord(name: OwnArchive, suffix: string, change: (old: Uint8Array) => Uint8Array | undefined): Uint8Array {
  return editArchive(ownArchive(name), (records) => {
    const full = recordName(records, suffix);
    const next = change(records.get(full) as Uint8Array);
    if (next === undefined) records.delete(full);
    else records.set(full, next);
  });
}

// The `offset` buffer's arguments to _rebuild_tensor_v2 in attributes/data.pkl: storage offset 0,
// sizes (2,), strides (1,), requires_grad False.
const OFFSET_VIEW = 'K\x00(K\x02t(K\x01t\x89';
const binint = (n: number): string => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, n, true);
  return `J${String.fromCharCode(...b)}`;
};

describe('load: the zip layer', () => {
  it('rejects bytes that are not a zip with a ZipError', () => {
    const error = loadError(utf8('def forward(self, x):\n  return x\n'.repeat(4)));
    expect(ZipError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/not a zip|end of central directory/i);
  });

  it('rejects a truncated archive with a ZipError', () => {
    const bytes = ownArchive('attributes');
    for (const keep of [0, 10, bytes.length >> 1, bytes.length - 30]) {
      const error = loadError(bytes.subarray(0, keep));
      expect(ZipError.isInstance(error)).toBe(true);
    }
  });

  it('names the record whose data was cut short', () => {
    // The central directory intact, a record's data shifted out of place: the zip layer says which.
    const bytes = ownArchive('attributes').slice();
    const records = [...new TextDecoder('latin1').decode(bytes).matchAll(/attributes\/data\.pkl/g)];
    expect(records.length).toBeGreaterThan(0);
    // Corrupt the CRC-checked payload of data.pkl (first occurrence is its local header name).
    const at = (records[0].index as number) + 'attributes/data.pkl'.length + 80;
    bytes[at] ^= 0xff;
    const error = loadError(bytes);
    expect(ZipError.isInstance(error) || PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data.pkl');
  });
});

describe('load: missing records and versions', () => {
  for (const suffix of ['data.pkl', 'version', 'constants.pkl']) {
    it(`names a missing ${suffix}`, () => {
      const error = loadError(withRecord('attributes', suffix, () => undefined));
      expect(ArchiveError.isInstance(error)).toBe(true);
      expect(error.message).toContain(`attributes/${suffix}`);
    });
  }

  it('names the class whose code/ file is missing, where other code declares it', () => {
    // The root class declares `lin : __torch__.torch.nn.modules.linear.Linear` (line 11).
    const error = loadError(withRecord('attributes', 'code/__torch__/torch/nn/modules/linear.py', () => undefined));
    expect(FrontendError.isInstance(error)).toBe(true);
    expect(error.message).toContain("Unknown type name '__torch__.torch.nn.modules.linear.Linear'");
    expect(error.message).toContain('code/__torch__.py:11');
  });

  it('names the class whose code/ file is missing, and the data.pkl that needs it', () => {
    const error = loadError(withRecord('classes', 'code/__torch__.py', () => undefined));
    expect(PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain("class '__torch__.Classes' is not known");
    expect(error.message).toContain('classes/data.pkl');
  });

  for (const version of ['11', 'abc', '0', '']) {
    it(`rejects version '${version}' naming the version record`, () => {
      const error = loadError(withRecord('attributes', 'version', () => utf8(`${version}\n`)));
      expect(ArchiveError.isInstance(error)).toBe(true);
      expect(error.message).toContain(`unsupported archive version '${version}'`);
      expect(error.message).toContain('attributes/version');
    });
  }

  it('accepts every version from 1 to 10', () => {
    // The archive's code uses nothing version-dependent, so the version record alone changes.
    for (let v = 1; v <= 10; v++) {
      const module = load(withRecord('classes', 'version', () => utf8(`${v}\n`)));
      expect(module.object.type.qualifiedName).toBe('__torch__.Classes');
    }
  });
});

describe('load: hostile pickles', () => {
  it('rejects a disallowed global (os.system) naming data.pkl', () => {
    const pickle = latin1('\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.');
    const error = loadError(withRecord('attributes', 'data.pkl', () => pickle));
    expect(PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain("global 'os.system' is not allowed");
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('rejects a disallowed global in constants.pkl naming it', () => {
    const pickle = latin1('\x80\x02cbuiltins\neval\nq\x00X\x01\x00\x00\x001\x85R.');
    const error = loadError(withRecord('traced_constants', 'constants.pkl', () => pickle));
    expect(PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain("global 'builtins.eval' is not allowed");
    expect(error.message).toContain('traced_constants/constants.pkl');
  });

  it('rejects 1e5 nested lists with a PickleError, without overflowing the stack', () => {
    const n = 100_000;
    const pickle = latin1(`\x80\x02${']'.repeat(n)}${'a'.repeat(n - 1)}.`);
    const error = loadError(withRecord('attributes', 'data.pkl', () => pickle));
    expect(PickleError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/depth|nest/i);
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('rejects 1e5 nested MARKs with a PickleError', () => {
    const n = 100_000;
    const pickle = latin1(`\x80\x02${'('.repeat(n)}N${'t'.repeat(n)}.`);
    const error = loadError(withRecord('attributes', 'data.pkl', () => pickle));
    expect(PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data.pkl');
  });
});

describe('load: tensors', () => {
  it('names a storage record shorter than its tensor claims', () => {
    const error = loadError(withRecord('attributes', 'data/0', (old) => old.subarray(0, 4)));
    expect(ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('the storage holds 4 bytes but its tensors need 8');
    expect(error.message).toContain('attributes/data/0');
  });

  it('names a missing storage record', () => {
    const error = loadError(withRecord('attributes', 'data/1', () => undefined));
    expect(ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data/1');
  });

  it('rejects a view past the end of its storage', () => {
    const pickle = (old: Uint8Array) => replaceOnce(old, OFFSET_VIEW, 'K\x00(K\x03t(K\x01t\x89');
    const error = loadError(withRecord('attributes', 'data.pkl', pickle));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('rejects a tensor of 1e12 elements (sizes 1e6 x 1e6) before allocating', () => {
    const huge = `K\x00(${binint(1e6)}${binint(1e6)}t(${binint(1e6)}K\x01t\x89`;
    const error = loadError(withRecord('attributes', 'data.pkl', (old) => replaceOnce(old, OFFSET_VIEW, huge)));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('rejects negative strides', () => {
    const negative = `K\x00(K\x02t(${binint(-1)}t\x89`;
    const error = loadError(withRecord('attributes', 'data.pkl', (old) => replaceOnce(old, OFFSET_VIEW, negative)));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/stride/i);
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('rejects negative sizes and storage offsets', () => {
    for (const view of [`K\x00(${binint(-2)}t(K\x01t\x89`, `${binint(-1)}(K\x02t(K\x01t\x89`]) {
      const error = loadError(withRecord('attributes', 'data.pkl', (old) => replaceOnce(old, OFFSET_VIEW, view)));
      expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
      expect(error.message).toContain('attributes/data.pkl');
    }
  });

  it('rejects a tensor of 100 dimensions', () => {
    const deep = `K\x00(${'K\x01'.repeat(100)}t(${'K\x01'.repeat(100)}t\x89`;
    const error = loadError(withRecord('attributes', 'data.pkl', (old) => replaceOnce(old, OFFSET_VIEW, deep)));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/dim/i);
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('rejects a storage read as two scalar types (a dtype its storage type contradicts)', () => {
    // lin.weight's storage ('1', FloatStorage) is claimed again by `offset` as a LongStorage.
    const pickle = (old: Uint8Array) =>
      replaceOnce(
        old,
        'ctorch\nFloatStorage\nq\x04X\x01\x00\x00\x000q\x05',
        'ctorch\nLongStorage\nq\x04X\x01\x00\x00\x001q\x05',
      );
    // The memoised LongStorage then types every other storage too; the first conflict is storage '1'.
    const error = loadError(withRecord('attributes', 'data.pkl', pickle));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data');
  });

  it('rejects a float storage given to _rebuild_qtensor', () => {
    const pickle = (old: Uint8Array) =>
      replaceOnce(old, 'ctorch._utils\n_rebuild_tensor_v2\nq\x02', 'ctorch._utils\n_rebuild_qtensor\nq\x02');
    const error = loadError(withRecord('attributes', 'data.pkl', pickle));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('attributes/data.pkl');
  });
});

describe('load: code and classes', () => {
  it('reports a syntax error in a code/ file as a FrontendError at code/<path>:line', () => {
    const archive = withRecord('classes', 'code/__torch__.py', (old) => {
      const lines = text(old).split('\n');
      lines.splice(3, 0, '  pair : __torch__.Pair = = 1');
      return utf8(lines.join('\n'));
    });
    const error = loadError(archive);
    expect(FrontendError.isInstance(error)).toBe(true);
    expect(error.message).toContain('code/__torch__.py:4');
  });

  it('reports an unknown type annotation in a code/ file with its file and line', () => {
    const archive = withRecord('classes', 'code/__torch__.py', (old) =>
      utf8(text(old).replace('  count : int\n', '  count : Intt\n')),
    );
    const error = loadError(archive);
    expect(FrontendError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/code\/__torch__\.py:\d+/);
    expect(error.message).toContain('Intt');
  });

  it('names a class data.pkl uses that the code does not define', () => {
    const pickle = (old: Uint8Array) => replaceOnce(old, 'c__torch__\nAttributes\n', 'c__torch__\nAttributez\n');
    const error = loadError(withRecord('attributes', 'data.pkl', pickle));
    expect(PickleError.isInstance(error) || ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('__torch__.Attributez');
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('names a NamedTuple of the code that data.pkl uses as a class', () => {
    const pickle = (old: Uint8Array) => replaceOnce(old, 'c__torch__\nPair\n', 'c__torch__\nStats\n');
    const error = loadError(withRecord('classes', 'data.pkl', pickle));
    expect(ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain("'__torch__.Stats' is not a class in the archive's code");
    expect(error.message).toContain('classes/data.pkl');
  });

  it('names an attribute data.pkl sets that the class does not declare', () => {
    const pickle = (old: Uint8Array) => replaceOnce(old, 'X\x05\x00\x00\x00count', 'X\x05\x00\x00\x00cound');
    const error = loadError(withRecord('attributes', 'data.pkl', pickle));
    expect(ArchiveError.isInstance(error) || PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain("__torch__.Attributes has no attribute 'cound'");
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('names an attribute whose value does not have its declared type', () => {
    // `count: int` given a string.
    const pickle = (old: Uint8Array) =>
      replaceOnce(old, 'X\x05\x00\x00\x00countq\x0cK\x00', 'X\x05\x00\x00\x00countq\x0cX\x01\x00\x00\x00x');
    const error = loadError(withRecord('attributes', 'data.pkl', pickle));
    expect(ArchiveError.isInstance(error) || PickleError.isInstance(error)).toBe(true);
    expect(error.message).toContain('count');
    expect(error.message).toContain('attributes/data.pkl');
  });

  it('names an attribute that __setstate__ leaves unset', () => {
    const archive = withRecord('state', 'code/__torch__.py', (old) =>
      utf8(text(old).replace('    self.color = __torch__.Color.GREEN\n', '')),
    );
    const error = loadError(archive);
    expect(ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      '__torch__.WithState.color is declared __torch__.Color but its __setstate__ leaves it None',
    );
    expect(error.message).toContain('state/data.pkl');
  });

  it('names a __setstate__ state that does not have the declared type', () => {
    // The state tuple's int (steps = 2) becomes a string.
    const pickle = (old: Uint8Array) => replaceOnce(old, 'K\x02\x88', 'X\x01\x00\x00\x00x\x88');
    const error = loadError(withRecord('state', 'data.pkl', pickle));
    expect(ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/its __setstate__ takes .*Tensor, int, bool, Tensor, Tensor/);
    expect(error.message).toContain('state/data.pkl');
  });

  it('loads and runs the archive with __setstate__, an enum and quantized tensors as PyTorch', () => {
    const module = load(ownArchive('state'));
    const call = ownCall('state');
    expect(compareValue(module.runMethod(call.method, ...callInputs(call)), call.outputs, {})).toBeNull();
  });

  it('stops a __setstate__ that never returns at the load deadline', () => {
    const archive = withRecord('state', 'code/__torch__.py', (old) =>
      utf8(
        text(old).replace(
          '    self.color = __torch__.Color.GREEN\n',
          '    self.color = __torch__.Color.GREEN\n    i = 0\n    while torch.ge(i, 0):\n      i = torch.add(i, 1)\n',
        ),
      ),
    );
    let error: unknown;
    try {
      load(archive, { deadline: Date.now() + 200 });
    } catch (e) {
      error = e;
    }
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect((error as CallCancelledError).reason).toBe('deadline');
  });

  it('rejects a data.pkl whose root is not a module', () => {
    const error = loadError(withRecord('attributes', 'data.pkl', () => latin1('\x80\x02K\x01.')));
    expect(ArchiveError.isInstance(error)).toBe(true);
    expect(error.message).toContain('data.pkl does not hold a module object');
    expect(error.message).toContain('attributes/data.pkl');
  });
});

describe('bugs load-fuzz found outside the loader: values an unchecked cast lets through to an op', () => {
  // `unchecked_cast` checks nothing (PyTorch's neither): code that declares an attribute `Any`
  // where the archive held `Optional[int]` (its value None), or edited refinements, pass None or
  // a value of another kind to an op. The interpreter checks op arguments against the schema and
  // raises PyTorch's unboxing error ("Expected Tensor but got None") or its argument error, typed,
  // instead of letting the implementation fail with a TypeError.
  const cases: { what: string; line: string; message: RegExp }[] = [
    {
      what: 'None as a Tensor',
      line: 'y = torch.add(_1, unchecked_cast(Tensor, self.limit))',
      message: /RuntimeError: Expected Tensor but got None/,
    },
    {
      what: 'None as a Scalar',
      line: 'y = torch.add(_1, unchecked_cast(float, self.limit))',
      message:
        /RuntimeError: Expected a value of type 'number' for argument 'other' but instead found type 'NoneType'\./,
    },
    {
      what: 'None in a list of tensors',
      line: 'y = torch.cat(unchecked_cast(List[Tensor], [_1, self.limit]))',
      message: /RuntimeError: Expected Tensor but got None/,
    },
    {
      what: 'None in a list of ints',
      line: 'y = torch.reshape(_1, unchecked_cast(List[int], [2, self.limit]))',
      message:
        /RuntimeError: Expected a value of type 'List\[int\]' for argument 'shape' but instead found type 'List\[Optional\[int\]\]'\./,
    },
    {
      what: 'a Tensor as a list of tensors',
      line: 'y = torch.cat(unchecked_cast(List[Tensor], _1))',
      message:
        /RuntimeError: Expected a value of type 'List\[Tensor\]' for argument 'tensors' but instead found type 'Tensor'\./,
    },
    {
      what: 'a Tensor in a list of ints',
      line: 'y = torch.reshape(_1, [2, unchecked_cast(int, _1)])',
      message:
        /RuntimeError: Expected a value of type 'List\[int\]' for argument 'shape' but instead found type 'List\[Tensor\]'\./,
    },
    {
      what: 'a list as a Tensor',
      line: 'y = torch.add(_1, unchecked_cast(Tensor, names))',
      message: /RuntimeError: Expected Tensor but got GenericList/,
    },
  ];

  it.each(cases)('$what gives a typed error, as PyTorch', ({ line, message }) => {
    let archive = withRecord('attributes', 'data.pkl', (old) =>
      replaceOnce(old, 'X\x05\x00\x00\x00limitq\x14K\x04', 'X\x05\x00\x00\x00limitq\x14N'),
    );
    archive = editArchive(archive, (records) => {
      const name = recordName(records, 'code/__torch__.py');
      const source = text(records.get(name) as Uint8Array)
        .replace('  limit : Optional[int]', '  limit : Any')
        .replace('y = torch.add(_1, offset)', line);
      records.set(name, utf8(source));
    });
    const module = load(archive);
    let error: unknown;
    try {
      module.runMethod('forward', decodeValue({ tensor: { dtype: 'float32', shape: [1, 3], data: [1, 1, 1] } }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    expect(unacceptableError(error)).toBeNull();
    expect((error as Error).message).toMatch(message);
  });
});
