import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SchemaRegistry } from '@tsjit/frontend';
import { parseSchema } from '@tsjit/ir';

let registry: SchemaRegistry | undefined;

/**
 * Every operator schema of PyTorch 1.13 in its registration order (the list @tsjit/frontend's
 * tests keep, written by its gen_schemas script), for comparing compiled code with PyTorch's
 * on programs that use operators @tsjit/ops does not define yet (list, str and dict builtins).
 */
export function torchSchemas(): SchemaRegistry {
  if (!registry) {
    const path = new URL('../../../frontend/test/fixtures/schemas-ordered-torch-1.13.txt.gz', import.meta.url);
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    registry = new SchemaRegistry(lines.filter((line) => line.length > 0).map((line) => parseSchema(line)));
  }
  return registry;
}
