import type { Config } from 'jest';
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

const transform: Config['transform'] = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };

export default async (): Promise<Config> => {
  const e2e = (name: string, setup: string) => ({
    displayName: name,
    testEnvironment: 'node',
    transform,
    testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
    setupFiles: [setup],
  });
  const projects: Config['projects'] = [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/contract/**/*.spec.ts'],
    },
    e2e('sqlite', '<rootDir>/test/utils/use-sqlite.ts'),
  ];
  if (process.env.TEST_DB !== 'sqlite' && (await mariaDbAnswers())) projects.push(e2e('mariadb', '<rootDir>/test/utils/use-mariadb.ts'));
  return { projects, testTimeout: 60_000, maxWorkers: process.env.CI ? 2 : '50%' };
};
