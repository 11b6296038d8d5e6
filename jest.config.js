// Jest projects, one per test layer (docs/design/architecture.md "Tests"). `npm test` runs them all.
// The code is ES modules, so Jest runs in its native ESM mode (`--experimental-vm-modules`,
// set by the npm scripts) and ts-jest emits ESM; type checking is `npm run typecheck`.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false, tsconfig: { isolatedModules: true } }],
};
const shared = {
  transform,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts', '<rootDir>/test/support/test-environment.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Relative imports name the emitted `.js` file (Node's ESM rule); Jest resolves the source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
// The layers that talk to DynamoDB Local and s3rver share one instance of each, started
// once for the run by the global setup and always stopped by the global teardown.
const withServices = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...shared, ...withServices, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...shared, ...withServices, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The logs of the whole e2e suite are searched for personal data (test/support/pii-log-guard.ts).
    { ...shared, ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/pii-log-guard.ts'] },
    // The web console in Debian's Chromium (playwright-core) against the local platform.
    // Its global setup also builds the console once (when stale) before any file opens it.
    {
      ...shared,
      ...withServices,
      globalSetup: '<rootDir>/test/browser/support/global-setup.js',
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
