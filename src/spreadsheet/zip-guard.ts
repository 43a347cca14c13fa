import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { SpreadsheetFileError } from './spreadsheet-error';

/**
 * Checks an xlsx (a zip) before any XML is parsed: the end-of-central-directory record and the central directory
 * are read directly, the entry count and the declared uncompressed total are capped, and the local entries must
 * tile the file exactly as the directory says (a streaming unzipper reads local headers, so nothing may hide
 * between them). verifyZipEntries then inflates every entry once, discarding the output, and stops as soon as an
 * entry inflates past the size its directory declared: the caps hold even when the directory lies.
 */

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Start of the compressed data (after the local header). */
  dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const truncated = () =>
  new SpreadsheetFileError('TRUNCATED', 'The file is truncated: its zip directory is missing or cut short. Upload the complete .xlsx file again.');
const corrupt = (why: string) => new SpreadsheetFileError('CORRUPT', `The xlsx file is damaged (${why}). Open it in Excel, save it again and retry.`);

function readUInt64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('a size does not fit');
  return Number(value);
}

/**
 * The central directory's entries, after the count and size caps, and where the directory starts (the entries'
 * local parts fill the file from its first byte up to there); throws SpreadsheetFileError.
 */
export function inspectZip(buf: Buffer, limits: ZipLimits): ZipEntry[] & { directoryOffset: number } {
  if (buf.length < 22) throw truncated();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1) {
    if (buf.readUInt32LE(i) === EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw truncated();
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw corrupt('a multi-part archive');
  let entryCount = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdLimit = eocd;
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw corrupt('a zip64 directory without its locator');
    const record = readUInt64(buf, locator + 8);
    if (record + 56 > locator || buf.readUInt32LE(record) !== ZIP64_EOCD) throw corrupt('a zip64 directory record out of place');
    entryCount = readUInt64(buf, record + 32);
    cdSize = readUInt64(buf, record + 40);
    cdOffset = readUInt64(buf, record + 48);
    cdLimit = record;
  }
  if (entryCount > limits.maxEntries) {
    throw new SpreadsheetFileError('TOO_MANY_ENTRIES', `The xlsx file holds ${entryCount} parts; at most ${limits.maxEntries} are accepted.`);
  }
  if (cdOffset + cdSize > cdLimit) throw truncated();

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entryCount; n += 1) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== CENTRAL) throw corrupt('a broken directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cdOffset + cdSize) throw corrupt('a broken directory entry');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    // Zip64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) { uncompressedSize = readUInt64(buf, q); q += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = readUInt64(buf, q); q += 8; }
        if (localHeaderOffset === 0xffffffff) { localHeaderOffset = readUInt64(buf, q); q += 8; }
      }
      e += 4 + size;
    }
    if (flags & 0x1) throw new SpreadsheetFileError('NOT_A_SPREADSHEET', 'The file is encrypted; remove the password in Excel and upload it again.');
    if (method !== 0 && method !== 8) throw corrupt(`"${name}" uses a compression method (${method}) that Excel does not write`);
    if (method === 0 && compressedSize !== uncompressedSize) throw corrupt(`"${name}" is stored with two different sizes`);
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw new SpreadsheetFileError(
        'UNCOMPRESSED_TOO_LARGE',
        `The xlsx file unpacks to more than ${limits.maxUncompressedBytes} bytes (a zip bomb, or a workbook too large to import); nothing was read.`,
      );
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset, dataOffset: 0 });
    p = end;
  }

  // The local entries must follow one another from the first byte to the directory, with nothing in between.
  const ordered = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  let slack = 0; // a data descriptor (flag bit 3) of up to 24 bytes may follow the previous entry's data
  for (const entry of ordered) {
    if (entry.localHeaderOffset < expected || entry.localHeaderOffset > expected + slack) throw corrupt('data outside the zip directory');
    const q = entry.localHeaderOffset;
    if (q + 30 > cdOffset) throw truncated();
    if (buf.readUInt32LE(q) !== LOCAL) throw corrupt(`no local header for "${entry.name}"`);
    entry.dataOffset = q + 30 + buf.readUInt16LE(q + 26) + buf.readUInt16LE(q + 28);
    expected = entry.dataOffset + entry.compressedSize;
    if (expected > cdOffset) throw truncated();
    slack = entry.flags & 0x8 ? 24 : 0;
  }
  if (cdOffset < expected || cdOffset > expected + slack) throw corrupt('data outside the zip directory');
  return Object.assign(entries, { directoryOffset: cdOffset });
}

/**
 * Inflates every entry once and checks it against its directory entry: never more bytes than declared (the
 * inflater stops there), the same length and the same CRC-32. `onChunk` sees each entry's bytes as they come
 * (the caller reads merged-cell ranges from the sheets this way).
 */
export async function verifyZipEntries(buf: Buffer, entries: ZipEntry[], onChunk?: (entry: ZipEntry, chunk: Buffer) => void): Promise<void> {
  for (const entry of entries) {
    const compressed = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    let produced = 0;
    let crc = 0;
    const take = (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        throw new SpreadsheetFileError(
          'UNCOMPRESSED_TOO_LARGE',
          `The part "${entry.name}" unpacks to more than the ${entry.uncompressedSize} bytes its zip directory states (a zip bomb); nothing was read.`,
        );
      }
      crc = zlib.crc32(chunk, crc);
      onChunk?.(entry, chunk);
    };
    if (entry.method === 0) {
      for (let i = 0; i < compressed.length; i += 1 << 16) take(compressed.subarray(i, i + (1 << 16)));
    } else {
      const inflater = zlib.createInflateRaw({ chunkSize: 1 << 16 });
      const source = Readable.from(
        (function* () {
          for (let i = 0; i < compressed.length; i += 1 << 16) yield compressed.subarray(i, i + (1 << 16));
        })(),
      );
      try {
        for await (const chunk of source.pipe(inflater)) take(chunk as Buffer);
      } catch (error) {
        inflater.destroy();
        if (error instanceof SpreadsheetFileError) throw error;
        throw corrupt(`"${entry.name}" does not unpack`);
      }
    }
    if (produced !== entry.uncompressedSize) throw corrupt(`"${entry.name}" is shorter than its directory states`);
    if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt(`"${entry.name}" fails its checksum`);
  }
}
