import type { Config } from 'jest';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { createConnection } from 'mysql2/promise';

/**
 * `npm test` runs the unit specs once, then every end-to-end suite on SQLite and, when MariaDB answers at
 * TEST_MYSQL_URL (default mariadb://root@127.0.0.1:3306/test), the same suites again on MariaDB.
 */
const mysqlUrl = process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';

async function mariaDbAnswers(): Promise<boolean> {
  try {
    const connection = await createConnection({ uri: mysqlUrl, connectTimeout: 3000 });
    await connection.query('SELECT 1');
    await connection.end();
    return true;
  } catch (error) {
    const line = '!'.repeat(100);
    process.stderr.write(
      `\n${line}\n!! MariaDB does not answer at ${mysqlUrl.replace(/\/\/[^@]*@/, '//***@')} (${(error as Error).message}).\n` +
        `!! The end-to-end suites run on SQLite ONLY. Start MariaDB (see .ci/run) or set TEST_MYSQL_URL.\n${line}\n\n`,
    );
    if (process.env.REQUIRE_MYSQL === 'true') throw new Error('REQUIRE_MYSQL=true but MariaDB does not answer');
    return false;
  }
}

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Suites that need a Redis server (several processes woken through pub/sub). */
const redisSuites = ['<rootDir>/test/e2e/live-cluster.spec.ts', '<rootDir>/test/e2e/live-redis.spec.ts'];

/** Sends PING over a plain socket; true when Redis answers +PONG (or asks for a password: it is there). */
function redisAnswers(): Promise<boolean> {
  const url = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

async function redisOrWarn(): Promise<boolean> {
  if (await redisAnswers()) return true;
  const line = '!'.repeat(100);
  process.stderr.write(
    `\n${line}\n!! Redis does not answer at ${redisUrl.replace(/\/\/[^@]*@/, '//***@')}.\n` +
      `!! The suites of several processes woken through Redis (live-cluster, live-redis) do NOT run. Start redis-server (see .ci/run) or set TEST_REDIS_URL.\n${line}\n\n`,
  );
  if (process.env.REQUIRE_REDIS === 'true') throw new Error('REQUIRE_REDIS=true but Redis does not answer');
  return false;
}

const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Suites that drive a real browser. */
const browserSuites = ['<rootDir>/test/e2e/screen-page.spec.ts'];

function browserOrWarn(): boolean {
  if (existsSync(browserPath)) return true;
  const line = '!'.repeat(100);
  process.stderr.write(
    `\n${line}\n!! No browser at ${browserPath}. The page test in a real browser (screen-page) does NOT run.\n` +
      `!! Install Debian's chromium (see .ci/run) or set CHROMIUM_PATH.\n${line}\n\n`,
  );
  if (process.env.REQUIRE_BROWSER === 'true') throw new Error(`REQUIRE_BROWSER=true but there is no browser at ${browserPath}`);
  return false;
}

const transform: Config['transform'] = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };

export default async (): Promise<Config> => {
  const withRedis = await redisOrWarn();
  const withBrowser = browserOrWarn();
  const leftOut = [...(withRedis ? [] : redisSuites), ...(withBrowser ? [] : browserSuites)].map((suite) => suite.replace('<rootDir>', ''));
  const e2e = (name: string, setup: string) => ({
    displayName: name,
    testEnvironment: 'node',
    transform,
    testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', ...leftOut],
    // reflect-metadata first, as src/main.ts loads it: a spec may import an entity before the app.
    setupFiles: ['reflect-metadata', setup],
  });
  const projects: Config['projects'] = [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      // screen/src: the wall screen's own logic (formatting, ticker lines, cursor handling).
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/contract/**/*.spec.ts', '<rootDir>/screen/src/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
    },
    e2e('sqlite', '<rootDir>/test/utils/use-sqlite.ts'),
  ];
  if (process.env.TEST_DB !== 'sqlite' && (await mariaDbAnswers())) projects.push(e2e('mariadb', '<rootDir>/test/utils/use-mariadb.ts'));
  return { projects, testTimeout: 60_000, maxWorkers: process.env.CI ? 2 : '50%' };
};
