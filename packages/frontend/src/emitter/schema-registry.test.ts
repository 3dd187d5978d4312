import { parseSchema } from '@tsjit/ir';
import { allOps } from '@tsjit/ops';
import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from './schema-registry.js';

describe('SchemaRegistry', () => {
  it('keeps each name’s overloads in registration order and ignores a second registration of one', () => {
    const registry = new SchemaRegistry([
      parseSchema('aten::f.b(int a) -> int'),
      parseSchema('aten::g(Tensor self) -> Tensor'),
      parseSchema('aten::f(Tensor self) -> Tensor'),
      parseSchema('aten::f.b(float a) -> float'),
    ]);
    expect(registry.lookup('aten::f').map((s) => s.toString())).toEqual([
      'aten::f.b(int a) -> int',
      'aten::f(Tensor self) -> Tensor',
    ]);
    expect(registry.size).toBe(3);
    expect(registry.has('aten::g')).toBe(true);
    expect(registry.has('aten::h')).toBe(false);
    expect(registry.lookup('aten::h')).toEqual([]);
    expect(registry.find('aten::f')?.toString()).toBe('aten::f(Tensor self) -> Tensor');
    expect(registry.find('aten::f.b')?.toString()).toBe('aten::f.b(int a) -> int');
    expect(registry.find('aten::f.c')).toBeUndefined();
    expect([...registry.names()]).toEqual(['aten::f', 'aten::g']);
  });

  it('fromOps holds every schema of @tsjit/ops, built once', () => {
    const registry = SchemaRegistry.fromOps();
    expect(SchemaRegistry.fromOps()).toBe(registry);
    let count = 0;
    for (const op of allOps) {
      for (const overload of op.overloads) {
        count++;
        expect(registry.find(overload.schema.operatorName)).toBe(overload.schema);
      }
    }
    expect(registry.size).toBe(count);
    expect(registry.lookup('aten::add').length).toBeGreaterThan(1);
  });
});
