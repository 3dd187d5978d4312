import { preset } from '@tsjit/tsup-config';
import { defineConfig } from 'tsup';

// An executable, not a library: one file (dist/main.js, the `tsjit` bin) and no type declarations.
export default defineConfig(preset({ entry: { main: 'src/main.ts' }, dts: false }));
