import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, sleep } from './private-mariadb';

/** Where the service's source is: this tree, or FAULTS_SERVICE_DIR (to measure another checkout, e.g. the code before a fix). */
export const serviceDir = process.env.FAULTS_SERVICE_DIR ?? path.resolve(__dirname, '..', '..', '..');

export const adminPassword = 'fault-suite-admin-password';

/**
 * The service as a real child process (node + ts-node, as `npm run dev` runs it) with NODE_ENV=production, on a
 * free loopback port, against the given database. Its logs go to a file in a temporary directory.
 */
export class ServiceProcess {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'ledger-faults-service-'));
  port = 0;
  private child: ChildProcess | null = null;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> | null = null;

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child!.pid!;
  }

  get logs(): string {
    return readFileSync(path.join(this.dir, 'service.log'), 'utf8');
  }

  async start(timeoutMs = 120_000): Promise<void> {
    this.port = await freePort();
    const log = createWriteStream(path.join(this.dir, 'service.log'));
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: serviceDir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATA_DIR: path.join(this.dir, 'data'),
        JWT_SECRET: 'fault-suite-secret-0123456789abcdef0123456789',
        ADMIN_PASSWORD: adminPassword,
        SEED_DEMO: 'true',
        LOG_LEVEL: 'info',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    const child = this.child;
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${this.logs.slice(-3000)}`);
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the service did not answer /healthz within ${timeoutMs} ms:\n${this.logs.slice(-3000)}`);
  }

  signal(signal: NodeJS.Signals): void {
    this.child!.kill(signal);
  }

  async dispose(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await Promise.race([this.exit, sleep(5000)]);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
