import { load } from '@tsjit/jit';
const p = '/tmp/bl/export/resnet18_b1/model.pt';
load(p);
globalThis.__phases = {};
const N = 30;
for (let i = 0; i < N; i++) { gc(); load(p); }
console.log(Object.entries(globalThis.__phases).map(([k, v]) => `${k} ${(v / N).toFixed(1)}`).join('  '));
