import { defineConfig } from 'vitest/config'

/**
 * The test set `npm run mutate` runs against each mutant: every in-process test of the protection core.
 * Left out: suites that spawn `bin/cable.js` (they run the compiled dist/, which Stryker does not mutate)
 * and the corpus and crash suites (minutes each, and they kill nothing the unit tests do not).
 */
/**
 * The suites of test/research that test the portion code of the releasable rendering (body-portions.ts,
 * header-portions.ts, redact.ts's walk, in-part.ts) in process or through an archive store: the access mutation set
 * runs them (issue 15); the other research suites test research tools and are left out.
 */
export const RESEARCH_REDACTION = [
  'redact',
  'redact-*',
  'control-markings',
  'cr-line-ends',
  'portion-access-versions',
  'portion-access-unkeyed',
]

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
      // research tools: they read the protection core but test other modules; the redaction suites
      // (RESEARCH_REDACTION) test the portion code of the releasable rendering and stay in (the corpus ones go)
      `test/research/!(${RESEARCH_REDACTION.join('|')}).test.ts`,
      'test/research/*corpus*.test.ts',
      'test/http/**/e2e*.test.ts',
      // reads the sources' line numbers, which the sandbox's instrumented copies do not keep
      'test/architecture/mutation-ranges.test.ts',
      'node_modules/**',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
