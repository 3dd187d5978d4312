import { load } from '@tsjit/jit';
const p = '/tmp/bl/export/resnet18_b1/model.pt';
const useGc = process.argv[3] !== 'nogc';
const now = () => Number(process.hrtime.bigint()) / 1e6;
load(p);
const t = [], c = [];
for (let i = 0; i < (+process.env.N || 30); i++) { if (useGc) gc(); const a = now(); const u = process.cpuUsage(); load(p); const d = process.cpuUsage(u); t.push(now() - a); c.push((d.user + d.system) / 1000); }
const med = (x) => x.sort((a, b) => a - b)[x.length >> 1].toFixed(1);
console.log(useGc ? 'gc  ' : 'nogc', 'wall median', med(t), 'min', t[0].toFixed(1), '| cpu median', med(c), 'min', c[0].toFixed(1));
