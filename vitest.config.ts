import { defineConfig } from 'vitest/config';
import { UNIT_TESTS } from './test/projects.ts';

const ALL_TESTS = 'test/**/*.test.ts';

// `npm test` runs both projects; `npm run test:unit` only the fast one. Unit test files share one module graph
// (isolate: false): loading the sources once instead of once per file is most of their time saved, and they
// keep no state outside their own objects (no fake timers, mocks or environment changes).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT_TESTS, isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [ALL_TESTS],
          exclude: UNIT_TESTS,
          globalSetup: ['test/support/build-once.ts'],
        },
      },
    ],
  },
});
