import busboy from 'busboy';
import type express from 'express';
import { BadInputError } from '../errors/app-error';
import { SpreadsheetFileError } from '../spreadsheet/spreadsheet-error';

/** Room for a form's boundaries, part headers and small fields beside the file. */
const formOverheadBytes = 64 * 1024;

/** An uploaded file: its bytes, and the name the browser gave it (multipart only). */
export interface Upload {
  body: Buffer;
  fileName?: string;
}

/** Reads the request body up to `limit` bytes; 413 as soon as it grows past it (or Content-Length says it will). */
function readRawBody(req: express.Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new SpreadsheetFileError('TOO_LARGE', `The file is ${declared} bytes; at most ${limit} are accepted.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        req.resume();
        reject(new SpreadsheetFileError('TOO_LARGE', `The file is larger than ${limit} bytes, the most accepted.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

/**
 * A multipart/form-data body (a browser form with a file input, or FormData) parsed by busboy: exactly one file
 * part (its field name is free; "file" is usual), at most `limit` bytes of it; other fields are read and ignored
 * (the options travel in the query string). The same caps as a raw body: 413 past the size, and the file's own
 * checks (kind, zip directory, rows) follow as for any upload.
 */
function readMultipart(req: express.Request, limit: number): Promise<Upload> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + formOverheadBytes) {
    req.resume();
    return Promise.reject(new SpreadsheetFileError('TOO_LARGE', `The upload is ${declared} bytes; a file of at most ${limit} bytes is accepted.`));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit, fields: 20, fieldSize: 4096, parts: 25, headerPairs: 50 } });
    } catch {
      req.resume();
      reject(new BadInputError('The multipart/form-data body has no boundary in its Content-Type; let the browser (FormData) set the header.', 'file'));
      return;
    }
    let settled = false;
    let file: Upload | null = null;
    let reading: Promise<void> | null = null;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      reading = new Promise<void>((done) => {
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
        });
        stream.on('limit', () => {
          chunks.length = 0;
          fail(new SpreadsheetFileError('TOO_LARGE', `The file is larger than ${limit} bytes, the most accepted.`));
        });
        stream.on('close', () => {
          if (!settled) file = { body: Buffer.concat(chunks, size), fileName: info.filename || undefined };
          done();
        });
      });
    });
    parser.on('filesLimit', () => fail(new BadInputError('Send one file per upload.', 'file')));
    parser.on('partsLimit', () => fail(new BadInputError('The form has too many parts; send the file alone.', 'file')));
    parser.on('fieldsLimit', () => fail(new BadInputError('The form has too many fields; send the file alone.', 'file')));
    parser.on('error', () => fail(new BadInputError('The multipart/form-data body is malformed or cut short.', 'file')));
    parser.on('close', () => {
      void (reading ?? Promise.resolve()).then(() => {
        if (settled) return;
        if (!file) {
          fail(new BadInputError('The form carries no file: add the ledger as a file field, e.g. formData.append("file", input.files[0]).', 'file'));
          return;
        }
        settled = true;
        resolve(file);
      });
    });
    req.on('error', () => fail(new BadInputError('The upload was aborted before it ended.', 'file')));
    req.pipe(parser);
  });
}

/**
 * The uploaded file of POST /imports: the raw body (curl --data-binary, fetch(body: file)), or the one file of a
 * multipart/form-data form (a file input, FormData).
 */
export function readUpload(req: express.Request, limit: number): Promise<Upload> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return readMultipart(req, limit);
  if (type.startsWith('multipart/')) {
    req.resume();
    return Promise.reject(new SpreadsheetFileError('NOT_A_SPREADSHEET', `A ${type.split(';')[0]} body is not read; send the file as multipart/form-data (a form or FormData) or as the raw body.`));
  }
  return readRawBody(req, limit).then((body) => ({ body }));
}
