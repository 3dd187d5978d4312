import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type ClassType, parseSchema, TensorType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { fixtureArchives } from '../../test/support/archive-code.js';
import { describingValues, RecordingUnit } from '../../test/support/fake-import-unit.js';
import type { ClassTypeDeclaration } from '../emitter/declare-class.js';
import { fixturesDir } from '../testing/fixture-sources.js';
import { SourceImporter } from './source-importer.js';

interface Expected {
  version: number | null;
  root: string;
  constants: string[];
  modules: Record<string, { attributeTypes: string[]; parameters: string[]; buffers: string[]; methods: string[] }>;
}

const dir = fixturesDir();
// What torch.jit.load declares for each archive (tooling/fixtures/gen_archive_declarations.py).
const expected = JSON.parse(
  gunzipSync(readFileSync(new URL('../../test/fixtures/archive-declarations.json.gz', import.meta.url))).toString(),
) as Record<string, Expected>;

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone has no ../shared); CI has the fixtures, so this runs there.
describe.skipIf(!dir)('archive declarations (every fixture archive)', () => {
  if (!dir) {
    // The fixtures live outside the repository (../shared/fixtures/torchscript): a user's clone has none.
    it.skip('../shared/fixtures/torchscript is absent: the fixture archives were not checked', () => {});
    return;
  }
  const archives = fixtureArchives(dir);

  it('covers every archive PyTorch loaded', () => {
    expect(archives.map((a) => a.name).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const archive of archives) {
    it(`${archive.name}: declares the classes torch.jit.load declares`, () => {
      const want = expected[archive.name] as Expected;
      expect(archive.version ?? null).toBe(want.version);
      const unit = new RecordingUnit();
      const importer = new SourceImporter(unit, archive.files, describingValues, {
        version: archive.version,
        constants: (i) => (want.constants[i] === 'Tensor' ? { type: TensorType.get() } : undefined),
        constantCount: want.constants.length,
      });
      // The unpickler asks for the root's class first; then everything else the code declares.
      const root = importer.loadType(want.root);
      expect(root.kind).toBe('ClassType');
      importer.importAll();

      for (const [name, module] of Object.entries(want.modules)) {
        const declaration = importer.declarations.get(name) as ClassTypeDeclaration;
        expect(declaration?.kind, name).toBe('class');
        const type = declaration.type as ClassType;
        expect(type.isModule, name).toBe(true);
        expect(unit.findClass(name), name).toBe(type);
        expect(
          type.attributes.map((a) => a.type.pythonStr()),
          name,
        ).toEqual(module.attributeTypes);
        // PyTorch lists the parameters and buffers that hold a tensor: a slot that may hold None
        // (Conv2d's `bias : Optional[Tensor]`) is left out when it does.
        for (const kind of ['parameter', 'buffer'] as const) {
          const declared = type.attributes.filter((a) => a.kind === kind);
          const listed = kind === 'parameter' ? module.parameters : module.buffers;
          expect(
            declared.map((a) => a.name).filter((n) => listed.includes(n)),
            name,
          ).toEqual(listed);
          for (const a of declared) {
            if (!listed.includes(a.name))
              expect(['OptionalType', 'NoneType'], `${name}.${a.name}`).toContain(a.type.kind);
          }
        }
        expect(declaration.methods.map((m) => m.name).sort(), name).toEqual(module.methods);
      }
      // Every code file was read and every class or function in it declared exactly once.
      for (const [path, source] of archive.files) {
        const qualifier = path.slice(0, -3).replace(/\//g, '.');
        for (const m of source.matchAll(/^(class|def) ([A-Za-z_0-9]+)/gm)) {
          const name = `${qualifier}.${m[2]}`;
          if (m[1] === 'class') expect(importer.declarations.has(name), name).toBe(true);
          else expect(unit.functions.has(name), name).toBe(true);
        }
      }
    });
  }
});

it('custom C++ classes carry the schemas PyTorch registers', () => {
  const importer = new SourceImporter(new RecordingUnit(), new Map(), describingValues);
  const packed = importer.findNamedType('__torch__.torch.classes.quantized.LinearPackedParamsBase') as ClassType;
  expect(packed.kind).toBe('ClassType');
  expect(packed.methodSchema('unpack')?.toString()).toBe(
    'unpack(__torch__.torch.classes.quantized.LinearPackedParamsBase _0) -> ((Tensor, Tensor?) _0)',
  );
  expect([...packed.methods.keys()].sort()).toEqual(['__getstate__', '__setstate__', 'bias', 'unpack']);
  expect(importer.findNamedType('__torch__.torch.classes.quantized.NoSuchThing')).toBeUndefined();
  void parseSchema;
});
