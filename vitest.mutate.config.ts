import { defineConfig } from 'vitest/config'

/**
 * The test set `npm run mutate` runs against each mutant: every in-process test of the protection core.
 * Left out: suites that spawn `bin/cable.js` (they run the compiled dist/, which Stryker does not mutate)
 * and the corpus and crash suites (minutes each, and they kill nothing the unit tests do not).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      'test/**/cli*.test.ts',
      'test/cli/**',
      'test/corpus/**',
      'test/**/corpus-*.test.ts',
      'test/**/kill-*.test.ts',
      'test/**/*crash*.test.ts',
      'test/**/smoke.test.ts',
      'test/web/**',
      // research tools: they read the protection core but test other modules
      'test/research/**',
      'test/http/**/e2e*.test.ts',
      'node_modules/**',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
