// Unit specs live beside the code (src, *.spec.ts); integration tests on a real PostgreSQL under test/.
module.exports = {
  displayName: 'api',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^@nextpanel/shared$': '<rootDir>/../../libs/shared/src/index.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 30000,
  // Spawned simulators and API processes are stopped in afterAll, but a SIGKILLed child's pipes can
  // linger a moment; never let that hold a CI run open.
  forceExit: true,
};
