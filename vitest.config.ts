import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src-shared/**/*.test.ts',
      'src-main/**/*.test.ts',
      'src-server/**/*.test.ts',
      'src-cli/**/*.test.ts',
      'src-renderer/**/*.test.{ts,tsx}',
      'test/integration/**/*.test.ts',
      'test/electron/**/*.test.ts',
      'test/cli/**/*.test.ts',
      'test/pdf/**/*.test.ts',
      'test/sync/**/*.test.ts',
      'test/security/**/*.test.ts',
    ],
    testTimeout: 20000,
  },
});
