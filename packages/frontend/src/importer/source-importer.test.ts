import { type ClassType, printGraph, TensorType, tensorValue } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { describingValues, RecordingUnit } from '../../test/support/fake-import-unit.js';
import type { EmitContext } from '../emitter/contracts.js';
import { FrontendError } from '../errors/frontend-error.js';
import { importArchiveCode } from './import-archive-code.js';
import { SourceImporter } from './source-importer.js';

const MODEL = `class Model(Module):
  __parameters__ = ["w", ]
  __buffers__ = []
  w : Tensor
  training : bool
  sub : __torch__.lib.Sub
  def forward(self: __torch__.model.Model, x: Tensor) -> Tensor:
    sub = self.sub
    y = (sub).forward(torch.mul(x, CONSTANTS.c0), )
    return __torch__.lib.double(torch.add(y, self.w))
`;
const LIB = `op_version_set = 1
import torch
class Sub(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.lib.Sub, x: Tensor) -> Tensor:
    return torch.relu(x)
def double(x: Tensor) -> Tensor:
  return torch.mul(x, 2)
class Unused(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
`;

/** A Map whose reads are counted, to see which files the importer opens. */
function countingFiles(entries: [string, string][]): { files: Map<string, string>; reads: string[] } {
  const reads: string[] = [];
  const files = new Map(entries);
  const get = files.get.bind(files);
  files.get = (key: string) => {
    reads.push(key);
    return get(key);
  };
  return { files, reads };
}

describe('SourceImporter', () => {
  it('parses a file when a name under it is first needed, and declares only what is named', () => {
    const { files, reads } = countingFiles([
      ['__torch__/model.py', MODEL],
      ['__torch__/lib.py', LIB],
    ]);
    const unit = new RecordingUnit();
    const importer = new SourceImporter(unit, files, describingValues);
    expect(reads).toEqual([]);
    const model = importer.loadType('__torch__.model.Model') as ClassType;
    expect(model.findAttribute('sub')?.type.pythonStr()).toBe('__torch__.lib.Sub');
    expect(reads).toEqual(['__torch__/model.py', '__torch__/lib.py']);
    expect([...unit.classes.keys()]).toEqual(['__torch__.lib.Sub', '__torch__.model.Model']);
    expect(unit.functions.size).toBe(0);
    expect(importer.findNamedType('__torch__.lib.Unused')).toBeDefined();
    expect(reads).toHaveLength(2);
    expect(importer.findFunction('__torch__.lib.double')?.qualifiedName).toBe('__torch__.lib.double');
    expect(importer.findFunction('__torch__.lib.nothing')).toBeUndefined();
    expect(importer.findNamedType('Optional[__torch__.lib.Sub]')).toBeUndefined();
  });

  it('says which file should declare a missing type', () => {
    const importer = new SourceImporter(new RecordingUnit(), new Map([['__torch__/lib.py', LIB]]), describingValues);
    expect(() => importer.loadType('__torch__.lib.Nope')).toThrow(
      /__torch__\/lib.py does not define a class called 'Nope'/,
    );
    expect(() => importer.loadType('__torch__.other.Nope')).toThrow(/the archive has no code file __torch__\/other.py/);
  });

  it('rejects statements other than classes, functions and the import preamble', () => {
    const importer = new SourceImporter(
      new RecordingUnit(),
      new Map([['__torch__/bad.py', 'class A(Module):\n  training : bool\nx = 3\n']]),
      describingValues,
    );
    try {
      importer.importAll();
      expect.unreachable();
    } catch (e) {
      expect(FrontendError.isInstance(e)).toBe(true);
      expect((e as FrontendError).reason).toContain('Unexpected statement in code import: Assign');
      expect((e as FrontendError).message).toContain('code/__torch__/bad.py:3:1');
    }
  });

  it('skips code that old archives wrote for custom C++ classes', () => {
    const unit = new RecordingUnit();
    const importer = new SourceImporter(
      unit,
      new Map([['__torch__/torch/classes/quantized.py', 'class LinearPackedParamsBase:\n  x : int\n']]),
      describingValues,
    );
    importer.importAll();
    expect(unit.classes.size).toBe(0);
    const packed = importer.findNamedType('__torch__.torch.classes.quantized.LinearPackedParamsBase') as ClassType;
    expect(packed.methodSchema('unpack')).toBeDefined();
  });

  it('resolves the names archive code uses', () => {
    const importer = new SourceImporter(new RecordingUnit(), new Map([['__torch__/lib.py', LIB]]), describingValues);
    const ctx = {} as EmitContext;
    const range = { start: 0, end: 0, line: 1, col: 1 };
    expect(importer.resolveValue('torch', ctx, range)?.kind).toBe('builtin module aten');
    expect(importer.resolveValue('ops', ctx, range)?.attr?.(ctx, range, 'quantized').kind).toBe(
      'builtin module quantized',
    );
    expect(importer.resolveValue('annotate', ctx, range)?.kind).toBe('special form prim::annotate');
    expect(importer.resolveValue('uninitialized', ctx, range)?.kind).toBe('special form prim::Uninitialized');
    const torchNs = importer.resolveValue('__torch__', ctx, range);
    const lib = torchNs?.attr?.(ctx, range, 'lib');
    expect(lib?.kind).toBe('Class Namespace');
    expect(lib?.attr?.(ctx, range, 'Sub').kind).toBe('class __torch__.lib.Sub');
    expect(lib?.attr?.(ctx, range, 'double').kind).toBe('function __torch__.lib.double');
    expect(importer.resolveValue('math', ctx, range)).toBeUndefined();
  });
});

describe('importArchiveCode', () => {
  const files = new Map([
    ['__torch__/model.py', MODEL],
    ['__torch__/lib.py', LIB],
  ]);

  it('compiles a module, its submodule and a free function, with CONSTANTS from the table', () => {
    const { importer } = importArchiveCode(files, {
      version: 3,
      constants: (i) =>
        i === 0
          ? { type: TensorType.create({ scalarType: 'Float' }), value: tensorValue({ irRepr: () => '{2.5}' }) }
          : undefined,
      constantCount: 1,
    });
    importer.loadType('__torch__.model.Model');
    const names = importer.definedFunctions().map((f) => f.qualifiedName);
    // The submodule's class is declared while the model's slots are read, so it comes first.
    expect(names).toEqual(['__torch__.lib.Sub.forward', '__torch__.model.Model.forward']);
    const forward = importer.definedFunctions().find((f) => f.qualifiedName === '__torch__.model.Model.forward');
    const graph = printGraph(forward?.graph() as never, { sourceRanges: false });
    // The constant is unshaped (PyTorch's ConstantTableValue), the calls stay calls.
    expect(graph).toContain('Tensor = prim::Constant[value={2.5}]()');
    expect(graph).toContain('prim::CallMethod[name="forward"]');
    expect(graph).toContain('prim::CallFunction');
    expect(importer.definedFunctions().map((f) => f.qualifiedName)).toContain('__torch__.lib.double');
  });

  it.each([
    ['CONSTANTS.c3', 'constant index 3 is out of bounds (constant table has 1 entries)'],
    ['CONSTANTS.x', 'invalid constant specifier: x'],
    ['CONSTANTS.c', 'invalid constant specifier: c'],
  ])('rejects %s', (use, reason) => {
    const source = MODEL.replace('CONSTANTS.c0', use);
    const { importer } = importArchiveCode(new Map([...files, ['__torch__/model.py', source]]), {
      constants: (i) => (i === 0 ? { type: TensorType.get() } : undefined),
      constantCount: 1,
    });
    importer.loadType('__torch__.model.Model');
    const forward = importer.definedFunctions().find((f) => f.qualifiedName === '__torch__.model.Model.forward');
    expect(forward).toBeDefined();
    expect(() => forward?.graph()).toThrow(reason);
  });

  it('rejects file format versions PyTorch 1.13 cannot read', () => {
    expect(() => importArchiveCode(files, { version: 11 })).toThrow(
      /version 11, but the supported versions for reading are 1 to 10/,
    );
    expect(() => importArchiveCode(files, { version: 0 })).toThrow(FrontendError);
    expect(() => importArchiveCode(files, { version: 10 })).not.toThrow();
  });
});
