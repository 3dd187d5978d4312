// The `dispatch` suite of ../shared/bench/README.md: the fixed cost of one eager op call.
import { tensor, torchOps } from '@tsjit/tensor';

const ADDS = 1000;

export const dispatch = [
  {
    name: 'tiny_add_eager',
    unit: 'us',
    better: 'lower',
    setup() {
      const a = tensor([1], { dtype: 'float32' });
      const b = tensor([2], { dtype: 'float32' });
      let c = null;
      const out = tensor([0], { dtype: 'float32' });
      const eager = () => {
        for (let i = 0; i < ADDS; i++) c = a.add(b);
        return c;
      };
      return {
        run: eager,
        // eager: a + b; eager_out: torch.add(a, b, out=c).
        paths: {
          eager,
          eager_out: () => {
            for (let i = 0; i < ADDS; i++) torchOps.add(a, b, { out });
            return out;
          },
        },
        check() {
          const r = a.add(b);
          return r.dtype === 'float32' && r.item() === 3
            ? null
            : `tiny add: got ${r.toString()}, expected tensor([3.])`;
        },
      };
    },
    // seconds per run of ADDS adds → microseconds per add
    value: (seconds) => (seconds / ADDS) * 1e6,
  },
];
