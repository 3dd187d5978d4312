import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodePrinter,
  type FunctionSchema,
  type Graph,
  JitError,
  parseIR,
  parseSchema,
  printFunctionCode,
} from '../src/index.js';
import { CodeFixtureContext, loadCodeGoldens } from './helpers/code-fixture.js';

const goldens = loadCodeGoldens();
const context = new CodeFixtureContext(goldens);
const records = goldens.cases.flatMap((c) =>
  c.kind === 'file' ? c.items.flatMap((item) => ('functions' in item ? item.functions : [])) : c.functions,
);

// The schema PyTorch matched for each kind, to give mutated graphs schemas that may or may not fit.
const SCHEMAS = new Map<string, FunctionSchema>();
for (const record of records) {
  for (const [kind, schema] of record.nodeSchemas) {
    if (schema !== null && !SCHEMAS.has(kind)) SCHEMAS.set(kind, parseSchema(schema));
  }
}

// Node kinds the printer treats specially, spliced in place of others.
const KINDS = [
  'prim::If',
  'prim::Loop',
  'prim::TupleUnpack',
  'prim::ListUnpack',
  'prim::GetAttr',
  'prim::SetAttr',
  'prim::CallMethod',
  'prim::CallFunction',
  'prim::fork',
  'prim::Enter',
  'prim::Exit',
  'prim::TupleConstruct',
  'prim::TupleIndex',
  'prim::TupleSlice',
  'prim::ListConstruct',
  'prim::DictConstruct',
  'prim::Constant',
  'prim::CreateObject',
  'prim::isinstance',
  'prim::tolist',
  'prim::unchecked_cast',
  'prim::Uninitialized',
  'prim::ModuleContainerIndex',
  'prim::Closure',
  'prim::EnumValue',
  'prim::Print',
  'aten::__getitem__',
  'aten::_unwrap_optional',
  'aten::IntImplicit',
  'aten::add',
  'aten::format',
];

const FRAGMENTS = [
  '%1',
  '%x.1',
  ' : int',
  ' : Tensor?',
  '[value=1]',
  '[name="0"]',
  '[types=[int, str]]',
  '[beg=0, end=1]',
  'block0():\n      -> ()\n',
  'block1(%i : int):\n      -> (%i)\n',
  '(%x.1, %x.1)',
  '()',
];

const TEXTS = records.map((r) => r.graph);

type Mutation =
  | { kind: 'rename'; line: number; to: number }
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'splice'; at: number; fragment: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), line: fc.nat(), to: fc.nat(KINDS.length - 1) }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), fragment: fc.nat(FRAGMENTS.length - 1) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    if (m.kind === 'splice') {
      const joined = lines.join('\n');
      const at = m.at % (joined.length + 1);
      lines = (joined.slice(0, at) + FRAGMENTS[m.fragment] + joined.slice(at)).split('\n');
      continue;
    }
    const i = m.line % lines.length;
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i]);
    else lines[i] = lines[i].replace(/= [A-Za-z_]\w*::[\w.]+/, `= ${KINDS[m.to]}`);
  }
  return lines.join('\n');
}

/** Parses a mutated graph; undefined when the text is no longer valid IR (the parser's own fuzz test covers that). */
function tryParse(text: string): Graph | undefined {
  try {
    return parseIR(text);
  } catch {
    return undefined;
  }
}

function expectTypedOrSuccess(print: () => string): string | undefined {
  try {
    return print();
  } catch (e) {
    if (!JitError.isInstance(e)) throw e;
    return undefined;
  }
}

describe('code printer fuzzing', () => {
  it('parses every fixture graph and prints it', () => {
    expect(records.length).toBeGreaterThan(200);
    for (const record of records) expect(context.function(record).graph.inputs.length).toBeGreaterThanOrEqual(0);
  });

  it('prints mutated fixture graphs or throws a typed error, the same way twice', () => {
    let printed = 0;
    fc.assert(
      fc.property(
        fc.nat(TEXTS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        (index, mutations, withSchemas, importable) => {
          const graph = tryParse(mutate(TEXTS[index], mutations));
          if (!graph) return;
          if (withSchemas) for (const node of graph.allNodes()) node.setSchema(SCHEMAS.get(node.kind));
          const print = () => printFunctionCode(graph, 'f', { enforceImportable: importable }).code;
          const first = expectTypedOrSuccess(print);
          if (first === undefined) return;
          printed++;
          expect(print()).toBe(first);
        },
      ),
      { numRuns: 4000, seed: 20260401 },
    );
    // The mutations must leave enough graphs printable for the property to mean something.
    expect(printed).toBeGreaterThan(200);
  });

  it('prints fixture graphs with schemas of the wrong shape or throws a typed error', () => {
    fc.assert(
      fc.property(fc.nat(records.length - 1), fc.nat(records.length - 1), (a, b) => {
        const graph = context.graph(records[a]);
        const schema = context.schema(records[b].schema);
        expectTypedOrSuccess(() => new CodePrinter().printMethod({ graph, schema }).text);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
