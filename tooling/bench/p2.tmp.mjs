import { load } from '@tsjit/jit';
const p = '/tmp/bl/export/resnet18_b1/model.pt';
const now = () => Number(process.hrtime.bigint()) / 1e6;
load(p);
const t = [];
for (let i = 0; i < 40; i++) { const a = now(); load(p); t.push(now() - a); }
t.sort((a, b) => a - b);
console.log('median load', t[20].toFixed(1), 'min', t[0].toFixed(1));
