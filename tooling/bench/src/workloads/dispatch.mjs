// The `dispatch` suite of ../shared/bench/README.md: the fixed cost of one eager op call, and of
// the interpreter running the two scripted loops.
import { CompilationUnit } from '@tsjit/jit';
import { tensor, torchOps } from '@tsjit/tensor';

// The exact TorchScript source of the README (compiled as torch.jit.CompilationUnit does).
const LOOPS = `
def loop_tiny_add(a: torch.Tensor, b: torch.Tensor, n: int) -> torch.Tensor:
    for _ in range(n):
        a = a + b
    return a

def loop_int_add(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s
`;

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
  {
    name: 'script_loop_tiny_add_10000',
    unit: 'ms',
    better: 'lower',
    setup() {
      const fn = new CompilationUnit(LOOPS).get('loop_tiny_add');
      const a = torchOps.zeros([1], { dtype: 'float32' });
      const b = tensor([2], { dtype: 'float32' });
      const run = () => fn.call(a, b, 10000);
      return {
        run,
        check() {
          const r = run();
          return r.dtype === 'float32' && r.item() === 20000
            ? null
            : `loop_tiny_add: got ${String(r)}, expected tensor([20000.])`;
        },
      };
    },
    value: (seconds) => seconds * 1e3,
  },
  {
    name: 'script_loop_int_add_100000',
    unit: 'ms',
    better: 'lower',
    setup() {
      const fn = new CompilationUnit(LOOPS).get('loop_int_add');
      const run = () => fn.call(100000);
      return {
        run,
        check() {
          const r = run();
          return r === 4999950000 ? null : `loop_int_add: got ${r}, expected 4999950000`;
        },
      };
    },
    value: (seconds) => seconds * 1e3,
  },
];
