import { ClassType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import type { FunctionDef } from '../../ast.js';
import { FrontendError } from '../../errors/frontend-error.js';
import { Parser } from '../../parser.js';
import { evaluateConstant } from './evaluate-constant.js';
import { schemaFromDef } from './schema-from-def.js';
import { type Dialect, ScriptTypeParser } from './script-type-parser.js';

function schema(source: string, dialect: Dialect = 'archive', selfType?: ClassType): string {
  const module = Parser.parseModule(source, 'f.py');
  const parser = new ScriptTypeParser(undefined, module, dialect);
  return schemaFromDef(module.body[0] as FunctionDef, parser, { selfType }).toString();
}

function rejection(source: string, dialect: Dialect = 'archive'): { reason: string; line: number; column: number } {
  try {
    schema(source, dialect);
  } catch (e) {
    if (!FrontendError.isInstance(e)) throw e;
    const error = e as FrontendError;
    return { reason: error.reason, line: error.line, column: error.column };
  }
  throw new Error('expected a FrontendError');
}

describe('schemaFromDef', () => {
  it('types parameters from annotations, Tensor without one, and evaluates defaults', () => {
    expect(
      schema(
        'def f(x, a: int, msg: str="Expected {}", eps: float=1.0000000000000001e-05, hx: Optional[Tuple[Tensor, Tensor]]=None, pad: List[int]=[0, 1], neg: int=-100) -> Tensor:\n  return x\n',
      ),
    ).toBe(
      'f(Tensor x, int a, str msg="Expected {}", float eps=1.0000000000000001e-05, (Tensor, Tensor)? hx=None, int[] pad=[0, 1], int neg=-100) -> Tensor',
    );
  });

  it('types an unannotated self by the class and keeps keyword-only parameters', () => {
    const self = ClassType.named('__torch__.C');
    expect(schema('def g(self, x: int, *, y: float) -> None:\n  pass\n', 'archive', self)).toBe(
      'g(__torch__.C self, int x, *, float y) -> NoneType',
    );
    expect(schema('def h(x: int):\n  return x\n')).toBe('h(int x) -> ()');
  });

  it('expands a broadcasting list default', () => {
    expect(schema('def f(k: BroadcastingList2[int]=3) -> int:\n  return 1\n')).toBe('f(int[2] k=3) -> int');
  });

  it('reads type comments', () => {
    expect(
      schema('def f(a, b):\n  # type: (int, List[float]) -> Tuple[int, float]\n  return a, b[0]\n', 'source'),
    ).toBe('f(int a, float[] b) -> ((int, float))');
    const self = ClassType.named('__torch__.C');
    expect(schema('def m(self, a):\n  # type: (int) -> int\n  return a\n', 'source', self)).toBe(
      'm(__torch__.C self, int a) -> int',
    );
  });

  it('converts int defaults of float parameters in user source only', () => {
    expect(schema('def f(x: float=1) -> float:\n  return x\n', 'source')).toBe('f(float x=1.) -> float');
    expect(rejection('def f(x: float=1) -> float:\n  return x\n').reason).toContain(
      "Expected a constant of type 'float' but found a value of type 'int'",
    );
  });

  it.each([
    ['def f(*args: int) -> int:\n  return 1\n', 1, 8, "can't take variable number of arguments"],
    ['def f(**kw: int) -> int:\n  return 1\n', 1, 9, "can't take variable number of arguments"],
    [
      'def f(x: int="a") -> int:\n  return 1\n',
      1,
      14,
      "Expected a constant of type 'int' but found a value of type 'str'",
    ],
    [
      'def f(x: Tuple[int, int]=(1, 2)) -> int:\n  return 1\n',
      1,
      26,
      "a default value of kind 'tuple' is not supported",
    ],
    ['def f(x=1) -> int:\n  return 1\n', 1, 7, 'Keyword arguments with defaults need to be type-hinted'],
    ['def f(x: List[int]=[1, "a"]) -> int:\n  return 1\n', 1, 24, "List element of type 'str'"],
    [
      'def f(x: int) -> BroadcastingList2[int]:\n  return 1\n',
      1,
      18,
      'Broadcastable lists cannot appear as a return type',
    ],
  ])('rejects %j at %i:%i', (source, line, column, reason) => {
    const error = rejection(source);
    expect(error.reason).toContain(reason);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('rejects malformed or mismatched type comments in user source', () => {
    expect(rejection('def f(a, b):\n  # type: (int) -> int\n  return a\n', 'source').reason).toContain(
      'Number of type annotations (1) did not match the number of function parameters (2)',
    );
    expect(rejection('def f(a):\n  # type: int\n  return a\n', 'source').reason).toContain('Expected a function type');
    expect(rejection('def f(a):\n  # type: (int) -> List[Nope]\n  return a\n', 'source').reason).toBe(
      "Unknown type name 'Nope'",
    );
  });
});

describe('evaluateConstant', () => {
  const parser = (text: string) => new ScriptTypeParser(undefined, { source: text, file: 'c.py' }, 'archive');
  const evaluate = (text: string) => evaluateConstant(Parser.parseExpression(text), undefined, parser(text));

  it('types literals as TorchScript does', () => {
    expect(evaluate('(1, 2.5, "s", True, None)').type.pythonStr()).toBe('Tuple[int, float, str, bool, NoneType]');
    expect(evaluate('[]').type.pythonStr()).toBe('List[Tensor]');
    expect(evaluate('{"a": 1}')).toEqual({
      value: { kind: 'dict', entries: [['a', { kind: 'int', value: 1 }]] },
      type: expect.objectContaining({ kind: 'DictType' }),
    });
    expect(evaluate('-nan').value).toEqual({ kind: 'float', value: Number.NaN });
    expect(evaluate('2j').value).toEqual({ kind: 'complex', re: 0, im: 2 });
    expect(evaluate('0x10').value).toEqual({ kind: 'int', value: 16 });
    expect(evaluate('-9223372036854775808').value).toEqual({ kind: 'int', value: -9223372036854775808n });
  });

  it('rejects what is not a constant, or out of range', () => {
    expect(() => evaluate('9223372036854775808')).toThrow(/out of range of a 64-bit int/);
    expect(() => evaluate('[1, "a"]')).toThrow(/List elements must have one type/);
    expect(() => evaluate('x')).toThrow(/Expected a constant expression/);
  });
});
