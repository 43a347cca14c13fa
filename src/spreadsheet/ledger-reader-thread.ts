/**
 * Entry of the spreadsheet reader thread (see threadLedgerSource in ledger-batches.ts): loads the reader, says it is
 * ready, then reads the one workbook it is sent and posts its rows in batches, waiting for the importer's
 * acknowledgements.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReaderMessage, ReaderThreadCommand, runReaderThread } from './ledger-batches';
import { WorkbookMerges } from './sheet-source';

if (parentPort && (workerData as { ledgerReaderThread?: boolean } | null)?.ledgerReaderThread) {
  const port = parentPort;
  let acks = 0;
  let waiting: (() => void) | null = null;
  let verify: (merges: WorkbookMerges) => void = () => undefined;
  const verified = new Promise<WorkbookMerges>((resolve) => (verify = resolve));
  let started = false;
  port.on('message', (command: ReaderThreadCommand) => {
    if (command !== 'ack' && 'input' in command) {
      if (started) return;
      started = true;
      void runReaderThread(command.input, (message) => port.postMessage(message), { wait }, verified).finally(() => port.unref());
      return;
    }
    if (command !== 'ack') {
      verify(command.merges);
      return;
    }
    acks += 1;
    const w = waiting;
    waiting = null;
    w?.();
  });
  const wait = async (): Promise<void> => {
    while (acks === 0) await new Promise<void>((resolve) => (waiting = resolve));
    acks -= 1;
  };
  port.postMessage({ type: 'ready' } satisfies ReaderMessage);
}
