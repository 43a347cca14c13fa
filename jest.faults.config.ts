import type { Config } from 'jest';

/**
 * `npm run test:faults`: the service as a real process (NODE_ENV=production) against a MariaDB of the suite's own,
 * which the suites kill, freeze and restart (issue 12). One suite at a time: each starts its own servers.
 */
const config: Config = {
  displayName: 'faults',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testMatch: ['<rootDir>/test/faults/**/*.spec.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
  // The suites spawn servers and kill them; a socket the kernel has not closed yet must not keep jest waiting.
  forceExit: true,
};

export default config;
