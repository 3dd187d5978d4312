import { FrontendError } from '@tsjit/frontend';
import { expect, it } from 'vitest';
import * as jit from './index.js';

it('runs the README example as written', () => {
  const cu = jit.CompilationUnit(`
def square(x: int) -> int:
    return x * x

def sum_squares(xs: List[int]) -> int:
    t = 0
    for x in xs:
        t += square(x)
    return t
`);
  const fn = cu.get('sum_squares');
  expect(String(fn?.schema)).toBe('sum_squares(int[] xs) -> int');
  expect(fn?.code).toBe(
    [
      'def sum_squares(xs: List[int]) -> int:',
      '  t = 0',
      '  for _0 in range(torch.len(xs)):',
      '    x = xs[_0]',
      '    t = torch.add(t, square(x, ))',
      '  return t',
      '',
    ].join('\n'),
  );
  const inlined = String(fn?.inlinedGraph);
  expect(inlined).toContain('prim::Loop');
  expect(inlined).toContain('aten::mul');
  expect(inlined).not.toContain('prim::CallFunction');

  let error: unknown;
  try {
    jit.script('def f(x: int) -> int:\n    return x + y\n');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FrontendError);
  expect(String(error)).toBe(
    'FrontendError: undefined value y\n  at <string>:2:16\n        return x + y\n                   ^',
  );
});

it("runs the repository README's script-mode example as written", () => {
  const cu = new jit.CompilationUnit('def f(x: Tensor, n: int) -> Tensor:\n    return x * n + 1\n');
  const f = cu.get('f');
  expect(String(f?.schema)).toBe('f(Tensor x, int n) -> Tensor');
  // PyTorch 1.13's torch.jit.CompilationUnit(same source).f.code:
  expect(f?.code).toBe('def f(x: Tensor,\n    n: int) -> Tensor:\n  return torch.add(torch.mul(x, n), 1)\n');
  expect(f?.graph.toString()).toContain('aten::mul(%x.1, %n.1)');
});
