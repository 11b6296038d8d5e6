// The cursor key has no built-in fallback (lambdas/shared/store/cursor-key.ts): tests that list
// without a local platform (which would generate one) sign with this.
process.env.CURSOR_SECRET ??= 'test-cursor-key';
