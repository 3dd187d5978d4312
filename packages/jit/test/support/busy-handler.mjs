// A worker handler of plain JS work for the WorkerPool tests (no interpreter involved): each method
// stands for one way a call can end on a worker.
import { OpError } from '@tsjit/ops';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** @type {import('../../src/workers/worker-protocol.js').CreateCallHandler} */
export default function createHandler(data) {
  if (data?.failInit) throw new OpError('the handler cannot start', 'ValueError');
  let calls = 0;
  return {
    call(method, args, run) {
      calls++;
      switch (method) {
        // Returns its arguments as they arrived (encoded values): they go back as they are.
        case 'echo':
          return args;
        case 'add':
          return args[0] + args[1];
        // How many calls this worker has served, and its thread id.
        case 'calls':
          return calls;
        // Polls the interrupt flag like the interpreter's loop back-edges.
        case 'spin': {
          let i = 0;
          while (Atomics.load(run.interrupt, 0) === 0) i++;
          throw new OpError(`interrupted after ${i} iterations (flag ${Atomics.load(run.interrupt, 0)})`);
        }
        // Blocks without looking at the flag, like a long native kernel.
        case 'block':
          Atomics.wait(sleeper, 0, 0, args[0]);
          return 'unblocked';
        // Busy for `args[0]` ms of wall time.
        case 'busy': {
          const end = Date.now() + args[0];
          let x = 0;
          while (Date.now() < end) x++;
          return x > 0;
        }
        case 'throw':
          throw new OpError(args[0], 'IndexError');
        case 'throwType':
          throw new TypeError(args[0]);
        case 'unclonable':
          return () => 1;
        default:
          throw new Error(`no method ${method}`);
      }
    },
  };
}
