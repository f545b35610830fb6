import { defineConfig } from 'vitest/config'
import base, { RESEARCH_REDACTION } from './vitest.mutate.config.js'

/**
 * The test sets of `npm run mutate:fast` (stryker.fast.config.mjs), chosen by MUTATE_SET. Each module of the
 * protection core is reached by almost every suite, so under vitest.mutate.config.ts a mutant of the marking
 * parser reruns database suites with minutes of set-up (the 10,000-delivery backlog) for nothing; these sets hold
 * the suites written for each group of modules. A score measured here is a lower bound of the full set's:
 * fewer tests can only kill fewer mutants.
 */
const SETS: Record<string, string[]> = {
  // pure modules: marking and classification parsing, marking lint rules, ids, REF parsing, precedence
  core: ['src/**/*.test.ts', 'test/format/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/protection/**/*.test.ts'],
  // service modules: the delivery worker and MRN allocation, on SQLite and PostgreSQL
  service: [
    'test/messaging/delivery-worker.test.ts',
    'test/messaging/preemption.test.ts',
    'test/messaging/mrn.test.ts',
    'test/messaging/workflow.test.ts',
    'test/store/sqlite-messaging-store.test.ts',
  ],
  // read access: how a cable is filed (cable-access), a reader's clearance (reader-access), the rule comparing them;
  // the in-process suites without a store (a suite that sets up the messaging service costs seconds per mutant)
  access: [
    'test/protection/**/*.test.ts',
    'test/archive/cable-access.test.ts',
    'test/archive/disguised-caveats.test.ts',
    'test/archive/cable-markings.test.ts',
    'test/format/garbled-mark.test.ts',
    // whether a cable with several texts is read in part (versionsAgree) and why a reader is not shown a portion
    // (decide); the research suites, which vitest.mutate.config.ts leaves out, test the same through the store
    'test/archive/versions-agree.test.ts',
    // the fail-open bugs of the portion code a reviewer planted (body-portions.ts, header-portions.ts, redact.ts)
    'test/archive/portion-fail-open.test.ts',
    // the portion code of the releasable rendering (issue 15): the research redaction suites, in process or through
    // an SQLite store in memory (CABLEGRAM_TEST_ENGINES below), and redactInPart
    ...RESEARCH_REDACTION.map((f) => `test/research/${f}.test.ts`),
    'test/archive/in-part.test.ts',
    'test/archive/portion-lines.test.ts',
    // the line readers of the portion code one line or segment at a time (issue 15): a class word opening a line
    // (leadingClassMark), marks inside a line and across a line end (innerMarks, splitMarks), routing lines, header
    // pieces and the marks of text outside the body (isRoutingLine, headerPieces, marksOfText); pure, milliseconds
    'test/archive/class-word-lead.test.ts',
    'test/archive/inner-marks.test.ts',
    // a mark broken across a line end at a mark's place, on the next line or past a page break (splitMarks)
    'test/archive/split-marks.test.ts',
    // the portions of the body line by line (bodyPortions)
    'test/archive/body-portions.test.ts',
    // the caveats recognised in a mark nobody can read (legibleCaveats), the controls after a mark's bracket
    // (markTail) at that mark's level, one mark or line at a time (issue 15, nineteenth run)
    'test/archive/legible-caveats.test.ts',
    'test/archive/header-lines.test.ts',
    // the placeholders of withheld portions written out whole (walkPortions' shownMark and withhold)
    'test/archive/placeholders.test.ts',
    // the merge and re-filing of filings (src/store/filing.ts) and the access a research tool searches with, in process
    'test/store/filing-merge.test.ts',
    'test/archive/research-access.test.ts',
  ],
  // the query → SQL compilers of both engines
  search: [
    'test/archive/phrase-search.test.ts',
    'test/archive/query-*.test.ts',
    'test/store/archive-contract.test.ts',
    'test/store/sqlite-store.test.ts',
    'test/access/rank-order.test.ts',
    'test/access/need-to-know.test.ts',
    'test/access/engines-access.test.ts',
    'test/protection/read-access.test.ts',
  ],
}

const set = process.env.MUTATE_SET ?? 'core'
if (!SETS[set]) throw new Error(`MUTATE_SET=${set} names no test set; one of ${Object.keys(SETS).join(', ')}`)
// MUTATE_TESTS (comma-separated files or globs) narrows the set to the suites written for one table: a static
// mutant (MUTATE_STATIC=1) has no covering test, so each one reruns every suite of the set (the core set's 924
// tests are about 20 s a mutant on this machine); a score from fewer suites is a lower bound again
const only = process.env.MUTATE_TESTS?.split(',').map((t) => t.trim()).filter(Boolean)

export default defineConfig({
  test: {
    ...base.test,
    include: only?.length ? only : SETS[set],
    exclude: [...(base.test?.exclude ?? []), 'test/lint/hostile.test.ts', 'test/lint/seed.test.ts'],
    // the access set's store suites run on SQLite alone (test/support/store-engines.ts): a fresh PostgreSQL
    // database per suite costs seconds per mutant, and no module of the set is engine code
    env: set === 'access' ? { ...base.test?.env, CABLEGRAM_TEST_ENGINES: 'sqlite' } : base.test?.env,
  },
})
