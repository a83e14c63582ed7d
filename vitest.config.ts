import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: pure code, whose files share one module registry per worker
 * (`isolate: false`); importing the domain, RxDB and pdfmake afresh for every file was half of
 * their run time (these folders: 244 s → 116 s on the 2-core machine). `system`: files that mock
 * `electron`, start servers and CLIs, or watch process-wide state, each in its own fresh
 * module registry as before.
 */
export default defineConfig({
  test: {
    testTimeout: 20000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: [
            'src-shared/**/*.test.ts',
            'src-server/**/*.test.ts',
            'src-cli/**/*.test.ts',
            'src-renderer/**/*.test.{ts,tsx}',
            'test/integration/**/*.test.ts',
            'test/pdf/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: [
            'src-main/**/*.test.ts',
            'test/electron/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/sync/**/*.test.ts',
            'test/security/**/*.test.ts',
          ],
        },
      },
    ],
  },
});
