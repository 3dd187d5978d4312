import { tensor, torchOps as T } from '@tsjit/tensor';
import { installAutograd, uninstallAutograd, noGrad } from './dist/index.js';
const a = T.randn([4]); const b = T.randn([4]);
function loop(n) { let s = a; for (let i = 0; i < n; i++) s = T.add(a, b); return s; }
function time(label, fn) { fn(); const reps = []; for (let r = 0; r < 5; r++) { const t0 = process.hrtime.bigint(); fn(); reps.push(Number(process.hrtime.bigint() - t0) / 1e6); } console.log(label, Math.min(...reps).toFixed(1), 'ms'); }
time('no mode    ', () => loop(200000));
installAutograd();
time('mode, no rg', () => loop(200000));
time('mode, noGrad', () => noGrad(() => loop(200000)));
uninstallAutograd();
time('no mode    ', () => loop(200000));
installAutograd(); const w = T.randn([64, 64]).requiresGrad_(); const x = T.randn([32, 64]);
installAutograd();
time('record mm+relu+sum+backward x2000', () => { for (let i = 0; i < 2000; i++) { T.sum(T.relu(T.mm(x, w))).backward(); } });
time('noGrad mm+relu+sum x2000', () => noGrad(() => { for (let i = 0; i < 2000; i++) { T.sum(T.relu(T.mm(x, w))); } }));
