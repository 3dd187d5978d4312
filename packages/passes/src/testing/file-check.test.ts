import { describe, expect, it } from 'vitest';
import { FileCheckError, fileCheck } from './file-check.js';

const text = `graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]()
  %2 : Tensor = aten::add(%x, %1, %1)
  %3 : Tensor = aten::mul(%2, %2)
  %4 : Tensor = aten::mul(%3, %3)
  return (%4)
`;

describe('fileCheck', () => {
  it('CHECK finds patterns in order', () => {
    fileCheck(text, '# CHECK: prim::Constant\n# CHECK: aten::add\n# CHECK: return');
    expect(() => fileCheck(text, 'CHECK: aten::add\nCHECK: prim::Constant')).toThrow(FileCheckError);
  });

  it('CHECK-NEXT must be on the following line', () => {
    fileCheck(text, 'CHECK: aten::add\nCHECK-NEXT: aten::mul');
    expect(() => fileCheck(text, 'CHECK: prim::Constant\nCHECK-NEXT: aten::mul')).toThrow(/next line/);
  });

  it('CHECK-SAME stays on the matched line', () => {
    fileCheck(text, 'CHECK: aten::add\nCHECK-SAME: (%x, %1, %1)');
    expect(() => fileCheck(text, 'CHECK: aten::add\nCHECK-SAME: %3')).toThrow(/same line/);
  });

  it('CHECK-NOT holds between matches and after the last one', () => {
    fileCheck(text, 'CHECK: aten::add\nCHECK-NOT: prim::Constant\nCHECK: return');
    expect(() => fileCheck(text, 'CHECK: prim::Constant\nCHECK-NOT: aten::add\nCHECK: return')).toThrow(
      /found at line 3/,
    );
    expect(() => fileCheck(text, 'CHECK: aten::add\nCHECK-NOT: aten::mul')).toThrow(FileCheckError);
    fileCheck(text, 'CHECK-NOT: aten::sub');
  });

  it('CHECK-COUNT-N needs N matches', () => {
    fileCheck(text, 'CHECK-COUNT-2: aten::mul\nCHECK: return');
    expect(() => fileCheck(text, 'CHECK-COUNT-3: aten::mul')).toThrow(/only 2 of 3/);
  });

  it('rejects malformed directives', () => {
    expect(() => fileCheck(text, 'CHECK-NEXTT: x')).toThrow(/unknown FileCheck directive/);
    expect(() => fileCheck(text, 'CHECK:')).toThrow(/empty pattern/);
    expect(() => fileCheck(text, 'CHECK-NEXT: aten::add')).toThrow(/no previous match/);
  });
});
