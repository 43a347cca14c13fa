import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LedgerReader, LedgerRow, LedgerSheet } from './ledger-reader';
import { CellLocation, FileProblem, ImportIssue, SpreadsheetFileError } from './spreadsheet-error';
import { detectKind, readSpreadsheet, SpreadsheetLimits, verifyWorkbook, WorkbookMerges } from './sheet-source';

/** Rows converted by the reader and the issues it found since the previous batch, in file order. */
export interface LedgerBatch {
  rows: LedgerRow[];
  issues: ImportIssue[];
}

/**
 * Where an importer takes a file's rows from, a batch at a time. `next()` gives null once the file is read; then
 * `skippedSheets` is complete. The first `next()` runs the byte, zip and inflate checks (a refused file throws there).
 * `close()` stops the reading (and its thread) early; it is safe to call at any time, more than once.
 */
export interface LedgerSource {
  next(): Promise<LedgerBatch | null>;
  readonly skippedSheets: string[];
  close(): Promise<void>;
}

/**
 * Reads a file and yields a batch each time `chunkSize` rows have collected (and once more at the end, with the
 * file's last rows and issues). Pure: no database. Runs in the importer's thread or in the reader thread alike.
 */
export async function* ledgerBatches(
  file: Buffer,
  limits: SpreadsheetLimits,
  csvName: string | undefined,
  chunkSize: number,
  reader: LedgerReader,
  verified?: Promise<WorkbookMerges>,
): AsyncGenerator<LedgerBatch> {
  for await (const events of readSpreadsheet(file, limits, csvName, verified)) {
    for (const event of events) {
      reader.handle(event);
      if (reader.rows.length >= chunkSize) yield { issues: reader.takeIssues(), rows: reader.takeRows() };
    }
  }
  reader.finish();
  yield { issues: reader.takeIssues(), rows: reader.takeRows() };
}

/** The file read in the calling thread (CSV files and small workbooks). */
export function inlineLedgerSource(file: Buffer, limits: SpreadsheetLimits, csvName: string | undefined, chunkSize: number): LedgerSource {
  const reader = new LedgerReader(limits.maxRows);
  const batches = ledgerBatches(file, limits, csvName, chunkSize, reader);
  let done = false;
  return {
    skippedSheets: reader.skippedSheets,
    async next() {
      if (done) return null;
      const step = await batches.next();
      if (step.done) {
        done = true;
        return null;
      }
      return step.value;
    },
    async close() {
      done = true;
      await batches.return(undefined);
    },
  };
}

// ---- The reader thread -------------------------------------------------------------------------------------------

/** What the reader thread is given. */
export interface ReaderThreadInput {
  ledgerReaderThread: true;
  file: Uint8Array;
  limits: SpreadsheetLimits;
  csvName: string | undefined;
  chunkSize: number;
  inFlight: number;
}

/** A row as posted: its sheet as the index of a sheet posted before (or with) it. */
type WireRow = Omit<LedgerRow, 'sheet'> & { sheet: number | LedgerSheet };

/** A refused file's error, as posted between threads (an Error's class does not survive the copy). */
export type WireError = { file: true; problem: FileProblem; message: string; location: CellLocation } | { file: false; message: string; stack?: string };

/** Messages of the reader thread ('ready': its code is loaded and it waits for a file). */
export type ReaderMessage =
  | { type: 'ready' }
  | { type: 'batch'; sheets: Array<[number, LedgerSheet]>; rows: WireRow[]; issues: ImportIssue[]; skippedSheets: string[] | null }
  | { type: 'error'; error: WireError };

export function toWireError(error: unknown): WireError {
  if (error instanceof SpreadsheetFileError) return { file: true, problem: error.problem, message: error.message, location: error.location };
  const e = error instanceof Error ? error : new Error(String(error));
  return { file: false, message: e.message, stack: e.stack };
}

function fromWireError(error: WireError): Error {
  if (error.file) return new SpreadsheetFileError(error.problem, error.message, error.location);
  const e = new Error(`spreadsheet reader thread: ${error.message}`);
  if (error.stack) e.stack = `${e.message}\n(reader thread) ${error.stack}`;
  return e;
}

/**
 * The reader thread's work: read the file, post every batch (sheets by index, each sheet once, before its first
 * row), and wait for the importer's acknowledgement whenever `inFlight` batches are unacknowledged, so the thread
 * never runs more than that far ahead of the database writes. The parent checks the zip meanwhile and hands over
 * the merged ranges (`verified`); rows wait for them.
 */
export async function runReaderThread(
  input: ReaderThreadInput,
  post: (message: ReaderMessage) => void,
  acks: { wait(): Promise<void> },
  verified: Promise<WorkbookMerges>,
): Promise<void> {
  const file = Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength);
  const reader = new LedgerReader(input.limits.maxRows);
  const sheetIndex = new Map<LedgerSheet, number>();
  let unacknowledged = 0;
  try {
    const batches = ledgerBatches(file, input.limits, input.csvName, input.chunkSize, reader, verified);
    let pending: LedgerBatch | null = null;
    // One batch is held back so the last one can carry skippedSheets (known only once the file is read).
    for await (const batch of batches) {
      if (pending) {
        post(toMessage(pending, null));
        unacknowledged += 1;
        while (unacknowledged >= input.inFlight) {
          await acks.wait();
          unacknowledged -= 1;
        }
      }
      pending = batch;
    }
    post(toMessage(pending ?? { rows: [], issues: [] }, reader.skippedSheets));
  } catch (error) {
    post({ type: 'error', error: toWireError(error) });
  }

  function toMessage(batch: LedgerBatch, skippedSheets: string[] | null): ReaderMessage {
    const sheets: Array<[number, LedgerSheet]> = [];
    const rows: WireRow[] = batch.rows as unknown as WireRow[];
    for (const row of rows) {
      const sheet = row.sheet as LedgerSheet;
      let index = sheetIndex.get(sheet);
      if (index === undefined) {
        index = sheetIndex.size;
        sheetIndex.set(sheet, index);
        sheets.push([index, sheet]);
      }
      row.sheet = index;
    }
    return { type: 'batch', sheets, rows, issues: batch.issues, skippedSheets };
  }
}

/** Code of the thread: loads the reader module, compiled or (under ts-node and ts-jest) TypeScript. */
const bootstrap = `
const { workerData } = require('node:worker_threads');
if (workerData.tsNode) require(workerData.tsNode).register({ transpileOnly: true, projectSearchDir: workerData.projectDir });
require(workerData.entry);
`;

/** The reader module's file next to this one, with this file's extension (.ts under ts-node/ts-jest, .js when compiled). */
function threadEntry(): { entry: string; tsNode: string | null; projectDir: string } {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `ledger-reader-thread${ext}`);
  return { entry, tsNode: ext === '.ts' ? require.resolve('ts-node') : null, projectDir: path.resolve(__dirname, '../..') };
}

/** What the importer's thread sends the reader thread: the file, an acknowledged batch, or the checked zip's merged ranges. */
export type ReaderThreadCommand = { input: ReaderThreadInput } | 'ack' | { merges: WorkbookMerges };

/** A reader thread, started; it reads the file it is then sent. */
function startReaderThread(limits: SpreadsheetLimits): Worker {
  return new Worker(bootstrap, {
    eval: true,
    workerData: { ...threadEntry(), ledgerReaderThread: true },
    stdout: false,
    stderr: false,
    ...(limits.readerHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: limits.readerHeapMb, maxYoungGenerationSizeMb: readerYoungGenerationMb } } : {}),
  });
}

/**
 * A reader thread kept started ahead, when the service asks for it (main.ts): starting a thread and loading exceljs
 * and the reader takes 0.3–0.5 s, which an import then does not wait for. One at a time; the import that takes it
 * starts the next when it ends. Idle, it holds its loaded code (about 20 MB) and does not keep the process alive.
 */
export const readerThreads = {
  spare: null as { worker: Worker; heapMb: number | undefined; ready: Promise<void> } | null,
  limits: null as SpreadsheetLimits | null,

  /** Keeps one thread started from now on; resolves once it has loaded its code. */
  keepOneReady(limits: SpreadsheetLimits): Promise<void> {
    this.limits = limits;
    return this.refill();
  },

  refill(): Promise<void> {
    if (!this.limits) return Promise.resolve();
    if (this.spare) return this.spare.ready;
    const worker = startReaderThread(this.limits);
    worker.unref();
    const ready = new Promise<void>((resolve) => {
      const onMessage = (message: ReaderMessage) => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('exit', () => resolve());
    });
    // An idle thread that fails is dropped; the next import starts its own.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      if (this.spare?.worker === worker) this.spare = null;
    });
    this.spare = { worker, heapMb: this.limits.readerHeapMb, ready };
    return ready;
  },

  /** The spare thread if it fits these limits, else a new one. */
  take(limits: SpreadsheetLimits): Worker {
    const spare = this.spare;
    if (spare && spare.heapMb === limits.readerHeapMb) {
      this.spare = null;
      spare.worker.ref();
      return spare.worker;
    }
    return startReaderThread(limits);
  },

  /** Stops keeping a thread ready (service shutdown). */
  async stop(): Promise<void> {
    this.limits = null;
    const spare = this.spare;
    this.spare = null;
    await spare?.worker.terminate();
  },
};

/**
 * The file read and converted in a worker thread while the importer checks and writes the previous batches: the
 * exceljs parse and the database writes overlap on two cores. At most `inFlight` batches wait for the importer.
 * The zip checks (verifyWorkbook) run here while the thread starts up and parses the shared strings; no batch is
 * handed out before they pass, and when they fail their error is the answer, whatever the thread found.
 */
export function threadLedgerSource(file: Buffer, limits: SpreadsheetLimits, csvName: string | undefined, chunkSize: number, inFlight = 3): LedgerSource {
  // A copy the thread owns (the caller's buffer may share its memory with others); moved, not copied again.
  const copy = new Uint8Array(file.byteLength);
  copy.set(file);
  const input: ReaderThreadInput = { ledgerReaderThread: true, file: copy, limits, csvName, chunkSize, inFlight };
  const worker = readerThreads.take(limits);
  worker.postMessage({ input } satisfies ReaderThreadCommand, [copy.buffer]);

  const queue: Array<Exclude<ReaderMessage, { type: 'ready' }>> = [];
  let failure: Error | null = null;
  let finished = false;
  let waiting: (() => void) | null = null;
  const wake = () => {
    const w = waiting;
    waiting = null;
    w?.();
  };
  worker.on('message', (message: ReaderMessage) => {
    if (message.type === 'ready') return;
    queue.push(message);
    wake();
  });
  worker.on('error', (error: Error & { code?: string }) => {
    failure ??=
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new SpreadsheetFileError(
            'TOO_LARGE',
            `Reading this workbook needs more than the ${limits.readerHeapMb} MB the import may use (it holds the workbook's shared text); split the file, or ask the office to raise SPREADSHEET_READER_HEAP_MB.`,
          )
        : new Error(`spreadsheet reader thread failed: ${error.message}`);
    wake();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`spreadsheet reader thread stopped (exit code ${code}) before the end of the file`);
    wake();
  });

  // Settles once the checks are done: the merged ranges go to the thread, or the reading stops.
  const verification = verifyWorkbook(file, limits).then(
    (merges) => {
      worker.postMessage({ merges } satisfies ReaderThreadCommand);
      return null;
    },
    (error: unknown) => {
      void worker.terminate();
      return error instanceof Error ? error : new Error(String(error));
    },
  );

  const sheets = new Map<number, LedgerSheet>();
  const skippedSheets: string[] = [];
  let closed = false;
  let verified = false;
  return {
    skippedSheets,
    async next() {
      if (finished || closed) return null;
      if (!verified) {
        const refused = await verification;
        verified = true;
        if (refused) {
          finished = true;
          throw refused;
        }
      }
      while (!queue.length) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (waiting = resolve));
      }
      const message = queue.shift()!;
      if (message.type === 'error') {
        finished = true;
        throw fromWireError(message.error);
      }
      if (message.skippedSheets) {
        finished = true;
        skippedSheets.push(...message.skippedSheets);
      } else {
        worker.postMessage('ack' satisfies ReaderThreadCommand);
      }
      for (const [index, sheet] of message.sheets) sheets.set(index, sheet);
      const rows = message.rows as unknown as LedgerRow[];
      for (const row of rows) row.sheet = sheets.get(row.sheet as unknown as number)!;
      return { rows, issues: message.issues };
    },
    async close() {
      closed = true;
      await worker.terminate();
      await verification;
      void readerThreads.refill();
    },
  };
}

/** Workbooks from this size on are read in a thread of their own; smaller ones are not worth starting it. */
export const readerThread: { minBytes: number } = { minBytes: 512 * 1024 };

/**
 * The reader thread's young generation, in MB. Rows die young (a batch is posted and dropped), so a small young
 * generation costs little time and keeps the thread's memory near what it holds.
 */
const readerYoungGenerationMb = 16;

/** The source for a file: a worker thread for larger .xlsx workbooks, the calling thread otherwise. */
export function ledgerSource(file: Buffer, limits: SpreadsheetLimits, csvName: string | undefined, chunkSize: number): LedgerSource {
  // Refusals that need no parsing (size, kind) are thrown here, in the caller's thread, as before.
  if (file.length > limits.maxBytes) return inlineLedgerSource(file, limits, csvName, chunkSize);
  if (detectKind(file) === 'xlsx' && file.length >= readerThread.minBytes) return threadLedgerSource(file, limits, csvName, chunkSize);
  return inlineLedgerSource(file, limits, csvName, chunkSize);
}
