/**
 * `codeWithConstants` (PyTorch's `code_with_constants`): the code and its `CONSTANTS.c<i>` table.
 * The expected code strings are PyTorch 1.13's for the same programs
 * (tooling/fixtures/trace_module_reference.py prints them).
 */
import * as nn from '@tsjit/nn';
import { type Tensor, tensor, torchOps as torch } from '@tsjit/tensor';
import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import { trace } from '../src/index.js';

let emit: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterEach(() => {
  emit.mockRestore();
});

const c = tensor([1, 2], { dtype: 'float32' });

class Scale extends nn.Module {
  fc = new nn.Linear(2, 2);
  override forward(x: Tensor): Tensor {
    return this.fc.call(x).mul(c);
  }
}

describe('codeWithConstants', () => {
  test('ScriptModule: the code of a traced module and the tensor it captured', () => {
    const traced = trace(new Scale(), [torch.ones([3, 2])]);
    const [code, constants] = traced.codeWithConstants;
    expect(code).toBe(
      'def forward(self,\n    x: Tensor) -> Tensor:\n  fc = self.fc\n  _0 = torch.mul((fc).forward(x, ), CONSTANTS.c0)\n  return _0\n',
    );
    expect([...constants.keys()]).toEqual(['c0']);
    expect((constants.get('c0') as Tensor).toFlatArray()).toEqual([1, 2]);
    expect(traced.code).toBe(code);
  });

  test('ScriptFunction: a traced function (PyTorch 1.13 prints the same code; its ScriptFunction lacks the property)', () => {
    const scale = (x: Tensor) => x.mul(c);
    const traced = trace(scale, [torch.ones([3, 2])]);
    const [code, constants] = traced.codeWithConstants;
    expect(code).toBe('def scale(x: Tensor) -> Tensor:\n  return torch.mul(x, CONSTANTS.c0)\n');
    expect((constants.get('c0') as Tensor).toFlatArray()).toEqual([1, 2]);
  });

  test('no constants: an empty map', () => {
    const traced = trace((x: Tensor) => x.relu(), [torch.ones([2])]);
    expect(traced.codeWithConstants[1].size).toBe(0);
  });
});
