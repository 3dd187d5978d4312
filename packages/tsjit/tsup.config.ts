import { preset } from '@tsjit/tsup-config';
import { defineConfig } from 'tsup';

export default defineConfig(preset());
