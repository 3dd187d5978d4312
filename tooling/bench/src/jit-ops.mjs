// node src/jit-ops.mjs [SUBSTR] [--detail]
// The ops each path of the `jit` suite's workloads dispatches per call (a counting dispatch mode
// around one call, after a warm-up call): a count that the machine's load does not blur, for
// finding where a scripted or traced model does more work than eager mode.
import { pushMode } from '@tsjit/tensor';
import { jit } from './workloads/jit.mjs';

const args = process.argv.slice(2);
const detail = args.includes('--detail');
const only = args.find((a) => !a.startsWith('--'));
for (const w of jit) {
  if (only && !w.name.includes(only)) continue;
  const inst = w.setup({});
  const counts = {};
  for (const [path, fn] of Object.entries(inst.paths)) {
    fn();
    const seen = new Map();
    const pop = pushMode({
      handle(overload, a, next) {
        seen.set(overload.qualifiedName, (seen.get(overload.qualifiedName) ?? 0) + 1);
        return next(a);
      },
    });
    try {
      fn();
    } finally {
      pop();
    }
    counts[path] = seen;
  }
  const total = (seen) => [...seen.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${w.name}: ${Object.entries(counts)
      .map(([p, seen]) => `${p} ${total(seen)}`)
      .join(', ')}`,
  );
  for (const [name, error] of Object.entries(inst.pathErrors ?? {})) console.log(`  ${name}: ${error}`);
  if (detail)
    for (const [p, seen] of Object.entries(counts))
      console.log(`  ${p}: ${[...seen].map(([k, v]) => `${k} x${v}`).join(', ')}`);
}
