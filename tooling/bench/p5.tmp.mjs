import { load } from '@tsjit/jit';
const p = '/tmp/bl/export/resnet18_b1/model.pt';
load(p);
console.log('first', JSON.stringify(globalThis.__parse));
globalThis.__parse = { n: 0, chars: 0, ms: 0 };
for (let i = 0; i < 10; i++) { gc(); load(p); }
const P = globalThis.__parse; console.log('per load: parses', P.n / 10, 'chars', P.chars / 10, 'ms', (P.ms / 10).toFixed(1));
