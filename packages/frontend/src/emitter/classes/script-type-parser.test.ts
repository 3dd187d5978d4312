import { readFileSync } from 'node:fs';
import { ClassType, type JitType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../ast.js';
import { FrontendError } from '../../errors/frontend-error.js';
import { Parser } from '../../parser.js';
import type { Resolver } from '../contracts.js';
import { type Dialect, ScriptTypeParser } from './script-type-parser.js';

const point = ClassType.named('__torch__.Point');
const known = new Map<string, JitType>([
  ['__torch__.Point', point],
  ['Point', point],
]);
const resolver: Resolver = { resolveValue: () => undefined, resolveType: (name) => known.get(name) };

function parserFor(text: string, dialect: Dialect = 'archive') {
  const expr = Parser.parseExpression(text, 'ann.py');
  return { expr, parser: new ScriptTypeParser(resolver, { source: text, file: 'ann.py' }, dialect) };
}

function parse(text: string, dialect: Dialect = 'archive'): { type: string; N: number | null } {
  const { expr, parser } = parserFor(text, dialect);
  const broadcast = parser.parseBroadcastList(expr as Expr);
  if (broadcast) return { type: broadcast.type.pythonStr(), N: broadcast.size };
  return { type: parser.parseType(expr).pythonStr(), N: null };
}

function rejection(text: string, dialect: Dialect = 'archive'): string {
  try {
    parse(text, dialect);
  } catch (e) {
    if (FrontendError.isInstance(e)) return (e as FrontendError).reason;
    throw e;
  }
  throw new Error(`expected ${text} to be rejected`);
}

// How torch.jit.CompilationUnit reads each annotation (tooling/fixtures/gen_type_annotations.py).
const golden = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/type-annotations.json', import.meta.url), 'utf8'),
) as {
  annotation: string;
  type?: string;
  N?: number | null;
  error?: string;
}[];

// CompilationUnit resolves names the C++ parser does not know (`torch.LongTensor`) through Python,
// as the source dialect does.
describe('annotations read as torch.jit.CompilationUnit reads them', () => {
  for (const g of golden) {
    if (g.error?.includes('INTERNAL ASSERT')) continue; // PyTorch crashes; nothing to agree with
    it(g.annotation, () => {
      if (g.error !== undefined) {
        expect(rejection(g.annotation, 'source')).toContain(g.error.replace(/:$/, '').trim());
      } else {
        expect(parse(g.annotation, 'source')).toEqual({ type: g.type, N: g.N });
      }
    });
  }
});

describe('ScriptTypeParser', () => {
  it('resolves class names through the resolver and custom classes by their registry', () => {
    expect(parse('Optional[__torch__.Point]').type).toBe('Optional[__torch__.Point]');
    expect(parse('List[__torch__.torch.classes.rnn.CellParamsBase]').type).toBe(
      'List[__torch__.torch.classes.rnn.CellParamsBase]',
    );
    expect(parse('"torch.classes.quantized.LinearPackedParamsBase"').type).toBe(
      '__torch__.torch.classes.quantized.LinearPackedParamsBase',
    );
    expect(rejection('__torch__.Missing')).toBe("Unknown type name '__torch__.Missing'");
  });

  it('reads user source spellings in the source dialect only', () => {
    expect(parse('typing.List[torch.device]', 'source').type).toBe('List[Device]');
    expect(parse('torch.dtype', 'source').type).toBe('int');
    expect(parse('"Point"', 'source').type).toBe('__torch__.Point');
    expect(parse("'List[Optional[int]]'", 'source').type).toBe('List[Optional[int]]');
    expect(rejection('typing.List[int]')).toBe('Unknown type constructor typing.List');
    expect(rejection('"List[int]"')).toBe("Unknown type name 'List[int]'");
    expect(rejection("'List[Nope]'", 'source')).toContain(
      "Unknown type name 'Nope' (in the quoted annotation 'List[Nope]')",
    );
  });

  it('points its errors at the offending part of the annotation', () => {
    const { expr, parser } = parserFor('Dict[str, List[Lst]]');
    try {
      parser.parseType(expr);
      expect.unreachable();
    } catch (e) {
      expect(FrontendError.isInstance(e)).toBe(true);
      expect((e as FrontendError).column).toBe(16);
      expect((e as FrontendError).message).toContain('ann.py:1:16');
    }
  });

  it('rejects bad broadcasting lists', () => {
    expect(rejection('BroadcastingList2[str]')).toBe('Broadcastable lists only supported for int or float');
    expect(rejection('BroadcastingListX[int]')).toBe('subscript of Broadcastable list must be a positive integer');
    expect(rejection('Union[()]')).toBe('Union needs at least one member type');
  });
});
