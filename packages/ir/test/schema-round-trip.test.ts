import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../src/index.js';

// Every schema torch 1.13 registers, as str(schema) prints it (tooling/fixtures/gen_schemas.py).
const FIXTURE = new URL('./fixtures/schemas-torch-1.13.txt.gz', import.meta.url);
const schemas = gunzipSync(readFileSync(FIXTURE)).toString('utf8').split('\n').filter(Boolean);

describe('golden: every torch 1.13 schema', () => {
  it('holds all of them', () => {
    expect(schemas.length).toBe(4165);
  });

  it('prints back exactly what it parsed', () => {
    const failures: string[] = [];
    for (const text of schemas) {
      try {
        const printed = parseSchema(text).toString();
        if (printed !== text) failures.push(`  ${text}\n! ${printed}`);
      } catch (error) {
        failures.push(`  ${text}\n! ${(error as Error).message}`);
      }
    }
    expect(failures.slice(0, 20).join('\n')).toBe('');
    expect(failures.length).toBe(0);
  });

  it('prints a fixed point: parse(print(parse(s))) prints the same', () => {
    for (const text of schemas) {
      const once = parseSchema(text).toString();
      expect(parseSchema(once).toString()).toBe(once);
    }
  });
});
