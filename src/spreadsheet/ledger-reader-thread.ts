/**
 * Entry of the spreadsheet reader thread (see threadLedgerSource in ledger-batches.ts): reads the workbook it is
 * given and posts its rows in batches, waiting for the importer's acknowledgements.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReaderThreadCommand, ReaderThreadInput, runReaderThread } from './ledger-batches';
import { WorkbookMerges } from './sheet-source';

const input = (workerData as { input?: ReaderThreadInput } | null)?.input;
if (parentPort && input?.ledgerReaderThread) {
  const port = parentPort;
  let acks = 0;
  let waiting: (() => void) | null = null;
  let verify: (merges: WorkbookMerges) => void = () => undefined;
  const verified = new Promise<WorkbookMerges>((resolve) => (verify = resolve));
  port.on('message', (command: ReaderThreadCommand) => {
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
  void runReaderThread(input, (message) => port.postMessage(message), { wait }, verified).finally(() => port.unref());
}
