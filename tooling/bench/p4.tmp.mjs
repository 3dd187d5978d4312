import { Parser } from '../../packages/frontend/dist/index.js';
import { readArchiveCode } from './src/archive-code.mjs';
const { files } = readArchiveCode('/tmp/bl/export/resnet18_b1/model.pt');
const now = () => Number(process.hrtime.bigint()) / 1e6;
for (let r = 0; r < 5; r++) {
  const u = process.cpuUsage(); const a = now();
  for (let i = 0; i < 10; i++) for (const [path, text] of files) Parser.parseModule(text, path);
  const d = process.cpuUsage(u);
  console.log('parse all files: wall', ((now() - a) / 10).toFixed(2), 'ms cpu', ((d.user + d.system) / 10000).toFixed(2));
}
