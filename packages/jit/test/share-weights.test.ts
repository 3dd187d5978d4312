import { type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import type { ScriptModule } from '../src/script-module.js';
import { scriptObjectCodec } from '../src/workers/script-object-codec.js';
import { shareWeights } from '../src/workers/share-weights.js';

interface Eager {
  view(sizes: number[]): Tensor;
  toArray(): unknown;
}
const eager = (t: unknown): Eager => t as Eager;

describe('shareWeights', () => {
  it("moves every storage of a module's object tree onto SharedArrayBuffers once, in place", () => {
    const cu = new CompilationUnit(`
class Inner(torch.nn.Module):
    w: Tensor
    def forward(self, x: Tensor) -> Tensor:
        return x * self.w

class Outer(torch.nn.Module):
    inner: Inner
    ws: List[Tensor]
    table: Dict[str, Tensor]
    alias: Tensor
    def forward(self, x: Tensor) -> Tensor:
        return self.inner.forward(x) + self.ws[0] + self.table['b'] + self.alias.sum()
`);
    const w = tensor([1, 2, 3, 4], { dtype: 'float32' });
    const inner = cu.getClass('Inner')?.createModule({ w }) as ScriptModule;
    const view = eager(w).view([2, 2]);
    const outer = cu.getClass('Outer')?.createModule({
      inner,
      ws: [tensor([1, 1, 1, 1], { dtype: 'float32' }), tensor([2], { dtype: 'float32' })],
      table: new Map([['b', tensor([0.5, 0.5, 0.5, 0.5], { dtype: 'float32' })]]),
      alias: view,
    }) as ScriptModule;
    const x = tensor([1, 1, 1, 1], { dtype: 'float32' });
    const before = eager(outer.forward(x)).toArray();
    const codec = scriptObjectCodec(cu);
    // w (with its view), ws[0], ws[1], table['b']: four storages.
    expect(shareWeights(outer.object, codec)).toBe(4);
    const innerW = (outer.attr('inner') as ScriptModule).attr('w') as Tensor;
    expect(innerW).toBe(w);
    expect(w.storage.isShared).toBe(true);
    expect((outer.attr('alias') as Tensor).storage).toBe(w.storage);
    for (const t of outer.attr('ws') as Tensor[]) expect(t.storage.isShared).toBe(true);
    expect(((outer.attr('table') as Map<string, Tensor>).get('b') as Tensor).storage.isShared).toBe(true);
    expect(eager(outer.forward(x)).toArray()).toEqual(before);
    // Once is enough: a second pass finds nothing to move.
    expect(shareWeights(outer.object, codec)).toBe(0);
  });
});
