// Trains an MLP and a small CNN on a synthetic image dataset, saves both as TorchScript archives,
// loads them back and checks the predictions agree. Run with `pnpm example:train` from the root.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildCnn, buildMlp, exportAndCheck, makeDataset, train } from './classifier.mjs';

const out = join(import.meta.dirname, '..', 'out');
mkdirSync(out, { recursive: true });
const data = makeDataset({ samples: 2000, seed: 0 });
console.log(`dataset: ${data.labels.sizes[0]} images of 1x16x16, 10 classes (synthetic, seed 0)`);

const rows = [];
for (const [name, build] of [
  ['mlp', buildMlp],
  ['cnn', buildCnn],
]) {
  const model = build();
  const result = train(model, data, { label: name, epochs: 10, target: 0.99 });
  const path = join(out, `${name}.pt`);
  const check = exportAndCheck(model, data, path);
  rows.push({ name, ...result, path, bytes: statSync(path).size, ...check });
}

console.log('\nmodel  epochs  loss    train acc  time    archive                  loaded predictions agree');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(6)} ${String(r.epochs).padStart(6)}  ${r.loss.toFixed(4)}  ${(r.accuracy * 100).toFixed(1).padStart(8)}%  ` +
      `${r.seconds.toFixed(1).padStart(5)}s  ${`out/${r.name}.pt (${(r.bytes / 1024).toFixed(0)} KB)`.padEnd(24)} ${r.agree}/${r.total}`,
  );
}
const failed = rows.filter((r) => r.accuracy < 0.95 || r.agree !== r.total);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.map((r) => r.name).join(', ')} (accuracy below 95% or predictions differ)`);
  process.exit(1);
}
console.log('\nBoth models reach at least 95% training accuracy; their TorchScript archives load and agree.');
