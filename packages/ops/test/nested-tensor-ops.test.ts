/**
 * The nested-tensor ops of nn.TransformerEncoder's fast path beyond the goldens: where PyTorch 1.13
 * returns a nested tensor (a valid padding mask), tsjit, which has no nested tensor type, must fail
 * with a NotImplementedError rather than return a dense stand-in; the goldens cover PyTorch's own
 * errors and the left-alignment predicate.
 */
import { describe, expect, it } from 'vitest';
import { allOps, OpError, OpRegistry, plainContext } from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;

function thrown(fn: () => unknown): OpError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OpError);
    return error as OpError;
  }
  throw new Error('the call succeeded');
}

describe('aten::_nested_tensor_from_mask', () => {
  const x = F.randn([2, 3, 4]);
  const leftAligned = F.tensor([
    [true, true, false],
    [true, false, false],
  ]);
  const gaps = F.tensor([
    [true, false, true],
    [true, false, false],
  ]);

  it('fails with NotImplementedError where PyTorch would build a nested tensor', () => {
    for (const [mask, check] of [
      [leftAligned, true],
      [leftAligned, false],
      // mask_check=False: PyTorch builds a nested tensor of the rows' first sum(mask) positions even with gaps.
      [gaps, false],
    ] as const) {
      const error = thrown(() => F._nestedTensorFromMask(x, mask, check));
      expect(error.pyType).toBe('NotImplementedError');
      expect(error.message).toContain('nested tensors are not supported');
    }
  });

  it('checks the mask as PyTorch does before failing', () => {
    const error = thrown(() => F._nestedTensorFromMask(x, gaps));
    expect([error.pyType, error.message]).toEqual(['RuntimeError', 'Mask must be left-aligned without gaps']);
    expect(F._nestedTensorFromMaskLeftAligned(x, leftAligned)).toBe(true);
    expect(F._nestedTensorFromMaskLeftAligned(x, gaps)).toBe(false);
  });
});

describe('aten::to_padded_tensor', () => {
  it("is PyTorch's missing-CPU-kernel error on every (dense) tsjit tensor", () => {
    const error = thrown(() => F.toPaddedTensor(F.randn([2, 3]), 0));
    expect(error.pyType).toBe('NotImplementedError');
    expect(error.message).toContain("Could not run 'aten::to_padded_tensor' with arguments from the 'CPU' backend");
  });
});
