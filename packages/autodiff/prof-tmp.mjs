import { torchOps as T } from '@tsjit/tensor';
import { installAutograd } from './dist/index.js';
installAutograd();
const w = T.randn([64, 64]).requiresGrad_(); const x = T.randn([32, 64]);
for (let i = 0; i < 20000; i++) { T.sum(T.relu(T.mm(x, w))).backward(); }
