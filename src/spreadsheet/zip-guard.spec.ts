import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpreadsheetFileError } from './spreadsheet-error';
import { inspectZip, verifyZipEntries } from './zip-guard';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../test/fixtures', name));
const limits = { maxEntries: 1000, maxUncompressedBytes: 16 * 1024 * 1024 };

async function problem(work: () => unknown): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof SpreadsheetFileError) return error.problem;
    throw error;
  }
}

describe('zip guard', () => {
  it('passes a workbook, whose parts tile the file and match their checksums', async () => {
    const file = fixture('ezhou-ledger.xlsx');
    const entries = inspectZip(file, limits);
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    let bytes = 0;
    await verifyZipEntries(file, entries, (_entry, chunk) => (bytes += chunk.length));
    expect(bytes).toBe(entries.reduce((sum, e) => sum + e.uncompressedSize, 0));
  });

  it('refuses a truncated file before reading any part', async () => {
    expect(await problem(() => inspectZip(fixture('truncated.xlsx'), limits))).toBe('TRUNCATED');
  });

  it('caps the entry count and the declared unpacked size from the central directory', async () => {
    expect(await problem(() => inspectZip(fixture('too-many-entries.xlsx'), limits))).toBe('TOO_MANY_ENTRIES');
    expect(await problem(() => inspectZip(fixture('zip-bomb.xlsx'), limits))).toBe('UNCOMPRESSED_TOO_LARGE');
    // 20 MiB declared: within a 32 MiB cap the directory passes.
    expect(inspectZip(fixture('zip-bomb.xlsx'), { ...limits, maxUncompressedBytes: 32 * 1024 * 1024 }).length).toBeGreaterThan(1);
  });

  it('stops inflating a part that grows past the size its directory claims', async () => {
    const file = fixture('zip-bomb-lying.xlsx');
    const entries = inspectZip(file, limits); // the directory claims 1,000 bytes: passes
    let seen = 0;
    const result = await problem(() => verifyZipEntries(file, entries, (entry, chunk) => {
      if (entry.name === 'xl/media/image1.bin') seen += chunk.length;
    }));
    expect(result).toBe('UNCOMPRESSED_TOO_LARGE');
    expect(seen).toBeLessThanOrEqual(1000);
  });

  it('refuses bytes smuggled between the parts', () => {
    const file = fixture('not-xlsx.zip');
    const entries = inspectZip(file, limits);
    const cdOffset = file.readUInt32LE(file.length - 6);
    // Insert 100 bytes before the central directory and move its offset: the parts no longer reach it.
    const padded = Buffer.concat([file.subarray(0, cdOffset), Buffer.alloc(100), file.subarray(cdOffset)]);
    padded.writeUInt32LE(cdOffset + 100, padded.length - 6);
    expect(entries).toHaveLength(1);
    expect(() => inspectZip(padded, limits)).toThrow(/outside the zip directory/);
  });
});
