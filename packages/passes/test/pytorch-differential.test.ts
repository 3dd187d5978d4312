/**
 * Each pass against PyTorch 1.13's: the fixture (tooling/fixtures/gen_pass_goldens.py) holds input
 * graphs and what `torch._C._jit_pass_*` made of them, canonicalized without names. The same pass
 * here must give the same graph once canonicalized the same way (source-range comments aside).
 */
import { readFileSync } from 'node:fs';
import { type Graph, lint, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import {
  calleeName,
  canonicalize,
  constantPooling,
  constantPropagation,
  eliminateCommonSubexpression,
  eliminateDeadCode,
  inlineCalls,
  lowerSimpleTuples,
  peephole,
} from '../src/index.js';

interface Case {
  readonly name: string;
  readonly pass: string;
  readonly input: string;
  readonly expected: string;
  readonly callees?: Record<string, string>;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/pass-goldens.json', import.meta.url), 'utf8')) as {
  torch: string;
  cases: Case[];
};

/**
 * Where the printed result differs from PyTorch's by a known gap in printing, not in the graph:
 * the case's expected text is normalized by the function given, then must match exactly.
 */
const SMALL_TENSOR_DISPLAY = {
  why: "a tensor constant of 2 to 10 elements prints as ATen's tensor display in PyTorch, as <Tensor> here",
  normalize: (text: string) => text.replace(/\[value= [^\n]*\[ CPU\w+Type\{[\d,]*\} \]\]/g, '[value=<Tensor>]'),
};
const KNOWN_DIFFERENCES = new Map<string, { readonly why: string; readonly normalize: (text: string) => string }>([
  ['script:tensor_fold/constantPropagation', SMALL_TENSOR_DISPLAY],
  ['ir:tensor_factories/constantPropagation', SMALL_TENSOR_DISPLAY],
]);

function runPass(c: Case, graph: Graph): void {
  switch (c.pass) {
    case 'constantPropagation':
      constantPropagation(graph);
      break;
    // torch._C._jit_pass_dce runs on the graph's block, without alias analysis: every write stays.
    case 'eliminateDeadCode':
      eliminateDeadCode(graph, { aliasAnalysis: false });
      break;
    case 'eliminateCommonSubexpression':
      eliminateCommonSubexpression(graph);
      break;
    case 'constantPooling':
      constantPooling(graph);
      break;
    case 'peephole':
      peephole(graph);
      break;
    case 'lowerSimpleTuples':
      lowerSimpleTuples(graph);
      break;
    case 'inline': {
      const graphs = new Map<string, Graph>();
      inlineCalls(graph, {
        resolve: (node) => {
          const name = calleeName(node)?.replace(/^.*\./, '');
          const text = name === undefined ? undefined : c.callees?.[name];
          if (text === undefined) return undefined;
          let g = graphs.get(text);
          if (!g) graphs.set(text, (g = parseIR(text)));
          return g;
        },
      });
      break;
    }
    default:
      throw new Error(`unknown pass ${c.pass}`);
  }
}

const stripRanges = (text: string) => text.replace(/ # [^\n]*$/gm, '');

function canonicalText(graph: Graph): string {
  canonicalize(graph, { keepUniqueNames: false });
  return stripRanges(graph.toString());
}

describe(`passes match PyTorch ${fixture.torch}`, () => {
  it('has cases for every pass', () => {
    const passes = new Set(fixture.cases.map((c) => c.pass));
    for (const p of [
      'constantPropagation',
      'eliminateDeadCode',
      'eliminateCommonSubexpression',
      'constantPooling',
      'peephole',
      'lowerSimpleTuples',
      'inline',
    ]) {
      expect(passes.has(p), p).toBe(true);
    }
  });

  for (const c of fixture.cases) {
    const known = KNOWN_DIFFERENCES.get(c.name);
    it(`${c.name}${known ? ` (${known.why})` : ''}`, () => {
      const graph = parseIR(c.input);
      runPass(c, graph);
      lint(graph);
      const actual = canonicalText(graph);
      const expected = stripRanges(c.expected);
      if (known) {
        expect(actual).not.toBe(expected);
        expect(actual).toBe(known.normalize(expected));
      } else {
        expect(actual).toBe(expected);
      }
    });
  }
});
