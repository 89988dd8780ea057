// Unit specs live beside the code (src, *.spec.ts); HTTP-level specs against real simulators under test/.
// isolatedModules (set in tsconfig.json) makes ts-jest transpile only, which keeps the suite fast.
// The spawn-simulator spec runs the built dist/apps/nextpanel-sim/main.js, hence `test` dependsOn `build`.
module.exports = {
  displayName: 'nextpanel-sim',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 10000,
};
