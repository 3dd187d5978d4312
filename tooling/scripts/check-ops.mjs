#!/usr/bin/env node
// The op audit (docs/architecture.md §2): every op has samples and goldens; every differentiable op
// has a derivative rule (or says why it has none); derivative rules and decompositions call only ops
// that exist; every sampled overload exists. Prints the coverage (overloads with golden samples).
// Reads the built @tsjit/ops (run `pnpm build` first).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'packages', 'ops', 'dist', 'index.js');
if (!existsSync(dist)) {
  console.error('check-ops: packages/ops is not built (run `pnpm build`)');
  process.exit(1);
}
const { allOps, declaredSchemas, OpRegistry, SampleBuilder } = await import(dist);
const { parseSchema } = await import(join(root, 'packages', 'ir', 'dist', 'index.js'));

const problems = [];
let registry;
try {
  registry = new OpRegistry(allOps);
} catch (e) {
  console.error(`check-ops: ${e.message}`);
  process.exit(1);
}
const names = new Set([...registry.byCamelName().keys(), 'isTensor', 'sizes', 'sumTo']);
const sampled = new Set();
let samples = 0;
for (const op of allOps) {
  const def = op.definition;
  let list = [];
  try {
    list = def.samples(new SampleBuilder(op.name));
  } catch (e) {
    problems.push(`${op.name}: samples() throws: ${e.message}`);
  }
  if (!list.length) problems.push(`${op.name}: no samples`);
  samples += list.length;
  for (const s of list) {
    const q = s.overload.includes('::') ? s.overload : `aten::${s.overload}`;
    if (!registry.find(q)) problems.push(`${op.name}: a sample calls ${s.overload}, which no op defines`);
    else if (!s.error) sampled.add(q);
  }
  if (!existsSync(join(root, 'packages', 'ops', 'test', 'goldens', `${op.name}.json.gz`))) {
    problems.push(`${op.name}: no goldens (pnpm --filter @tsjit/ops goldens ${op.name})`);
  }
  if (def.derivative === undefined && !def.nondifferentiable) {
    problems.push(`${op.name}: no derivative rule and no \`nondifferentiable\` reason`);
  }
  if (def.derivative !== undefined && def.nondifferentiable) {
    problems.push(`${op.name}: has both a derivative rule and a \`nondifferentiable\` reason`);
  }
  const rules =
    def.derivative === undefined
      ? []
      : typeof def.derivative === 'function'
        ? [def.derivative]
        : Object.values(def.derivative);
  for (const rule of rules) {
    for (const m of String(rule).matchAll(/\bF\.(\w+)/g)) {
      if (!names.has(m[1])) problems.push(`${op.name}: the derivative rule calls F.${m[1]}, which is not an op`);
    }
  }
}
// Every aten tensor op the public fixtures call (packages/ops/fixture-ops.txt, made by
// tooling/fixtures/list_fixture_ops.py) must be defined.
const fixtureOps = readFileSync(join(root, 'packages', 'ops', 'fixture-ops.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));
// Ops whose schemas are declared without a kernel (packages/ops/src/declared-schemas.ts): the
// compiler knows them, running one says why it cannot yet. Listed so that the list only shrinks.
const declared = new Map();
for (const { schema, reason } of declaredSchemas) {
  const parsed = parseSchema(schema);
  // Per overload: `aten::eq.enum` may be declared while `aten::eq.Tensor` has a kernel.
  if (registry.find(parsed.operatorName)) {
    problems.push(`${parsed.operatorName} is both defined and declared without a kernel`);
  }
  declared.set(parsed.operatorName, reason);
}
// A fixture op is deferred when it has no kernel at all and some overload of it is declared.
const declaredNames = new Set([...declared.keys()].map((n) => n.replace(/\..*$/, '')));
const isDeclared = (name) => declaredNames.has(`aten::${name}`) && registry.overloads(`aten::${name}`).length === 0;
const missing = fixtureOps.filter((name) => !isDeclared(name) && registry.overloads(`aten::${name}`).length === 0);
const deferred = fixtureOps.filter((name) => isDeclared(name));
if (missing.length)
  problems.push(`ops called by the fixtures but not defined (${missing.length}): ${missing.join(' ')}`);
const overloads = registry.allOverloads.length;
console.log(
  `check-ops: ${allOps.length} ops, ${overloads} overloads, ${sampled.size} overloads with golden samples, ${samples} samples, ${fixtureOps.length - missing.length - deferred.length}/${fixtureOps.length} fixture ops${deferred.length ? ` (declared without a kernel: ${deferred.join(', ')})` : ''}; ${declared.size} operators declared without a kernel: ${[...new Set(declared.values())].join('; ')}`,
);
if (problems.length) {
  for (const p of problems) console.error(`  ${p}`);
  console.error(`check-ops: ${problems.length} problem(s)`);
  process.exit(1);
}
