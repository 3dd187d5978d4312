import { describe, expect, it } from 'vitest';
import { ownFixture } from '../../test/zip-helpers.js';
import { ZipError } from '../errors/zip-error.js';
import { archiveRoot } from './archive-root.js';
import { ZipReader } from './zip-reader.js';
import { ZipWriter } from './zip-writer.js';

function archive(names: string[]): ZipReader {
  const w = new ZipWriter();
  for (const n of names) w.writeRecord(n, new Uint8Array([1]));
  return ZipReader.open(w.finish());
}

describe('archiveRoot', () => {
  it("finds the folder PyTorch's archives are saved under", () => {
    expect(archiveRoot(ZipReader.open(ownFixture('linear.pt')))).toBe('linear');
    expect(archiveRoot(ZipReader.open(ownFixture('state.pt')))).toBe('state');
    expect(archiveRoot(archive(['model/data.pkl', 'model/.data/version', 'model/code/__torch__/a.py']))).toBe('model');
  });

  it('rejects archives without one common top-level folder, naming the record', () => {
    expect(() => archiveRoot(archive(['data.pkl']))).toThrow(/not inside a top-level folder \(entry 'data.pkl'\)/);
    expect(() => archiveRoot(archive(['a/data.pkl', 'b/version']))).toThrow(
      /not inside the archive's top-level folder 'a' \(entry 'b\/version'\)/,
    );
    expect(() => archiveRoot(archive(['ab/x', 'a/y']))).toThrow(ZipError);
    expect(() => archiveRoot(archive([]))).toThrow(/no records/);
  });
});
