import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Debian puts the server in /usr/sbin, which is not on every PATH. */
const mariadbd = existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : 'mariadbd';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A MariaDB server of the suite's own, in a temporary directory on its own port and socket, so the suite may
 * kill and freeze it. The machine's MariaDB (3306) is never touched.
 */
export class PrivateMariaDb {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'ledger-faults-mariadb-'));
  port = 0;
  private child: ChildProcess | null = null;

  get url(): string {
    return `mariadb://root@127.0.0.1:${this.port}/ledger`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('MariaDB is not running');
    return this.child.pid;
  }

  async install(): Promise<void> {
    this.port = await freePort();
    const user = process.getuid?.() === 0 ? ['--user=root'] : [];
    await promisify(execFile)('mariadb-install-db', ['--no-defaults', `--datadir=${this.dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db', ...user], { timeout: 60_000 });
    await this.start();
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 3000 });
    await connection.query('CREATE DATABASE ledger CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await connection.end();
  }

  /** Starts mariadbd on the data directory (again after a kill) and waits until it answers; returns when it does. */
  async start(): Promise<number> {
    const user = process.getuid?.() === 0 ? ['--user=root'] : [];
    this.child = spawn(
      mariadbd,
      [
        '--no-defaults',
        `--datadir=${this.dir}/data`,
        `--port=${this.port}`,
        `--socket=${this.dir}/sock`,
        `--pid-file=${this.dir}/pid`,
        `--log-error=${this.dir}/error.log`,
        '--bind-address=127.0.0.1',
        '--innodb-buffer-pool-size=32M',
        '--innodb-flush-log-at-trx-commit=1',
        '--skip-log-bin',
        ...user,
      ],
      { stdio: 'ignore' },
    );
    const started = Date.now();
    for (let attempt = 0; attempt < 300; attempt++) {
      if (await this.answers(500)) return Date.now();
      if (this.child.exitCode !== null) throw new Error(`mariadbd exited with ${this.child.exitCode}; see ${this.dir}/error.log`);
      await sleep(100);
    }
    throw new Error(`MariaDB did not answer within ${Date.now() - started} ms; see ${this.dir}/error.log`);
  }

  /** Whether `SELECT 1` is answered within `ms`. */
  async answers(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const attempt = (async () => {
      const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: ms });
      try {
        await connection.query({ sql: 'SELECT 1', timeout: ms });
        return true;
      } finally {
        connection.destroy();
      }
    })().catch(() => false);
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms + 100);
    });
    const answer = await Promise.race([attempt, late]);
    clearTimeout(timer);
    return answer;
  }

  /** Runs one statement on the private server (checks only). */
  async query<T = unknown>(sql: string, values: unknown[] = []): Promise<T> {
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', database: 'ledger', connectTimeout: 3000 });
    try {
      const [rows] = await connection.query(sql, values);
      return rows as T;
    } finally {
      await connection.end();
    }
  }

  freeze(): void {
    process.kill(this.pid, 'SIGSTOP');
  }

  thaw(): void {
    process.kill(this.pid, 'SIGCONT');
  }

  /** kill -9, and waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await Promise.race([gone, sleep(10_000)]);
  }

  async dispose(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      try {
        process.kill(this.child.pid!, 'SIGCONT');
      } catch {
        // already gone
      }
      await this.kill();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
