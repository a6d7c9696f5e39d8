/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // One line for the whole run when the upstream mirror is absent (its tests are then skipped).
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Type checking is done once by `tsc --noEmit` in `npm test`; jest only transpiles.
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 60000,
  // The machine has 2 cores; jest's default (cores - 1) would run one worker. Two keep both cores busy.
  maxWorkers: 2,
};
