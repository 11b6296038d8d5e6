// Jest projects, one per test layer (ARCHITECTURE.md "Tests"). `npm test` runs them all.
// TypeScript is transpiled by ts-jest (type checking is `npm run typecheck`); the ESM-only
// @middy packages are transpiled to CommonJS too, because Jest's module system is CommonJS.
const transform = {
  '^.+\\.[tj]s$': [
    'ts-jest',
    {
      tsconfig: {
        module: 'commonjs',
        moduleResolution: 'node10',
        allowJs: true,
        isolatedModules: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        target: 'ES2023',
      },
      diagnostics: false,
    },
  ],
};
const shared = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // @middy packages export only an "import" condition; point Jest at their entry files.
  moduleNameMapper: { '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js' },
};
// The layers that talk to DynamoDB Local and s3rver share one instance of each, started
// once for the run by the global setup and always stopped by the global teardown.
const withServices = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...shared, ...withServices, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...shared, ...withServices, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...shared, ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
