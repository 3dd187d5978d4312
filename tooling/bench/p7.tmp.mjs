import { load } from '@tsjit/jit';
const p = '/tmp/bl/export/resnet18_b1/model.pt';
const mu = () => { const m = process.memoryUsage(); return `heapUsed ${(m.heapUsed/1e6).toFixed(0)}MB ext ${(m.external/1e6).toFixed(0)}MB ab ${(m.arrayBuffers/1e6).toFixed(0)}MB rss ${(m.rss/1e6).toFixed(0)}`; };
gc(); console.log('start', mu());
let m = load(p); gc(); console.log('after 1 load', mu());
for (let i = 0; i < 10; i++) m = load(p);
gc(); console.log('after 11 loads', mu());
