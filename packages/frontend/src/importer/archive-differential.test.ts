import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type Block, irTypeString, type Node, parseIR, TensorType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { readArchiveCode } from '../../test/support/archive-code.js';
import { fixturesDir } from '../testing/fixture-sources.js';
import { importArchiveCode } from './import-archive-code.js';

/**
 * The method graphs PyTorch compiles when it loads 22 fixture archives
 * (tooling/fixtures/gen_archive_graphs.py), compared with ours node by node: kind, number of
 * inputs, output types and nested blocks, in order. PyTorch's graphs went through its cleanup
 * passes (constant propagation and pooling, dead code elimination, lowering of simple tuples),
 * which the frontend leaves to @tsjit/passes: constants, and the `prim::Uninitialized` and
 * `prim::TupleConstruct` nodes that nothing uses, are left out of the comparison, and loops may
 * carry values that DCE would drop (their arity is then not compared; see LOOP_CARRIED).
 */
const golden = JSON.parse(
  gunzipSync(readFileSync(new URL('../../test/fixtures/archive-graphs.json.gz', import.meta.url))).toString(),
) as Record<string, Record<string, string>>;

/**
 * Graphs whose loops carry the break/continue flags PyTorch's dead code elimination removes
 * afterwards (its CanonicalizeOutputs then orders if outputs by first use): for these, loop arity
 * and the order of if outputs are not compared.
 */
const LOOP_CARRIED = new Set(['__torch__.testmodels.BreakContinue.forward', '__torch__.testmodels.WhileLoop.forward']);

/** Methods PyTorch compiled that call operators @tsjit/ops does not have yet (see archive-compile.test.ts). */
const MISSING_OPS = /^Unknown builtin op: (quantized::linear_\w+|aten::quantized_lstm)\./;

function skeleton(
  block: { nodes(): Iterable<Node> },
  loops: 'exact' | 'shape',
  out: string[] = [],
  depth = 0,
): string[] {
  for (const n of block.nodes()) {
    if (n.kind === 'prim::Constant') continue;
    const unused = n.outputs.every((o) => o.uses.length === 0);
    if ((n.kind === 'prim::Uninitialized' || n.kind === 'prim::TupleConstruct') && unused) continue;
    const pad = '  '.repeat(depth);
    const types = n.outputs.map((o) => irTypeString(o.type));
    if (n.kind === 'prim::Loop' && loops === 'shape') out.push(`${pad}prim::Loop`);
    // Without DCE and CanonicalizeOutputs, an if's outputs come in the SSA conversion's order.
    else if (n.kind === 'prim::If' && loops === 'shape') out.push(`${pad}prim::If(1) -> ${types.sort().join(', ')}`);
    else out.push(`${pad}${n.kind}(${n.inputs.length}) -> ${types.join(', ')}`);
    for (const b of n.blocks as readonly Block[]) {
      out.push(n.kind === 'prim::Loop' && loops === 'shape' ? `${pad}block` : `${pad}block(${b.inputs.length})`);
      skeleton(b, loops, out, depth + 1);
    }
  }
  return out;
}

const dir = fixturesDir();

// Skips only where Debian's /usr/bin/python3 with torch or ../shared/fixtures/torchscript is absent (a user's clone); CI has both.
describe.skipIf(!dir)('method graphs against the ones torch.jit.load compiles', () => {
  if (!dir) {
    // The fixtures live outside the repository (../shared/fixtures/torchscript): a user's clone has none.
    it.skip('../shared/fixtures/torchscript is absent: no differential check', () => {});
    return;
  }
  for (const [archive, graphs] of Object.entries(golden)) {
    it(archive, () => {
      const code = readArchiveCode(archive, `${dir}/${archive}/model.pt`);
      const { importer, unit } = importArchiveCode(code.files, {
        version: code.version,
        constants: () => ({ type: TensorType.get() }),
        constantCount: 1,
      });
      importer.importAll();
      let compared = 0;
      for (const [name, text] of Object.entries(graphs)) {
        const dot = name.lastIndexOf('.');
        const type = unit.findClass(name.slice(0, dot));
        expect(type, name).toBeDefined();
        const method = unit.findMethod(type as NonNullable<typeof type>, name.slice(dot + 1));
        expect(method, name).toBeDefined();
        let ours: ReturnType<NonNullable<typeof method>['graph']>;
        try {
          ours = (method as NonNullable<typeof method>).graph();
        } catch (e) {
          expect((e as Error).message, name).toMatch(MISSING_OPS);
          continue;
        }
        // PyTorch prints `# :0:0` for nodes without a file, which the IR parser does not read back.
        const theirs = parseIR(text.replace(/ # [^\n]*$/gm, ''));
        const mode = LOOP_CARRIED.has(name) ? 'shape' : 'exact';
        expect(skeleton(ours, mode).join('\n'), name).toBe(skeleton(theirs, mode).join('\n'));
        if (mode === 'shape')
          expect(skeleton(ours, 'exact'), `${name} now matches exactly`).not.toEqual(skeleton(theirs, 'exact'));
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});
