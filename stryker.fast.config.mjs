import { readFileSync } from 'node:fs'

/**
 * `npm run mutate:<set>` (MUTATE_SET=core|service|search|access): the modules of stryker.config.json in four
 * groups, each against the suites written for it (vitest.mutate-fast.config.ts) and with its own incremental file
 * and report folder. docs/testing.md gives the figures and when to use which.
 */
const MODULES = {
  core: [
    'src/format/classification.ts',
    'src/format/marking.ts',
    'src/lint/rules/txt-portions.ts',
    'src/lint/rules/txt-captions.ts',
    'src/format/ids.ts',
    'src/format/references.ts',
    // REF parsing outside references.ts: the ids completed from the cable's own (finishReferences) and a REF block
    // read on across a page break (refContinuation)
    'src/format/parse.ts:473-525',
    'src/format/text.ts:361-380',
    'src/format/precedence.ts',
    'src/format/compose.ts:79-79',
  ],
  service: [
    'src/messaging/delivery-worker.ts',
    'src/messaging/release.ts:55-62',
    'src/store/sqlite/messaging-workflow-sql.ts:85-99',
    'src/store/postgres/pg-messaging-store.ts:214-226',
  ],
  // who may read a cable: its level and caveats as filed, the reader's clearance, the rule that compares them
  // (cableAccess is statedAccess raised by filedAccess, redact.ts lines 200-215: the portions the rendering reads;
  // overallOf, 174-179, the level unmarked text counts at;
  // decideAccess, 59-63, whether a reader sees a portion; storedPortions and versionAgreement, 103-162, which portions of a cable with
  // several texts are read in part: measured with the research suites that reach them, docs/testing.md)
  access: [
    'src/messaging/access.ts',
    'src/archive/cable-access.ts',
    'src/archive/stated-access.ts',
    // restrictive caveats the header spells past the caption reader, which statedAccess demands
    'src/archive/disguised-caveats.ts',
    'src/archive/redact.ts:59-63',
    'src/archive/redact.ts:103-162',
    'src/archive/redact.ts:174-179',
    'src/archive/redact.ts:200-215',
    'src/archive/reader-access.ts',
    // the portion code of the releasable rendering (issue 15's fresh check): what a portion mark demands
    // (readPortionMark) and the level and caveats the body's marks raise a cable to (raisedBy). The rest of
    // body-portions.ts and header-portions.ts is tested by test/research, which no mutation set runs (docs/testing.md)
    'src/format/body-portions.ts:29-35',
    'src/format/body-portions.ts:428-441',
    'src/store/caveat-mask.ts',
    'src/messaging/precedence.ts',
  ],
  // the query → SQL translation of both engines, whole (compileQuery and the single conditions below it in SQLite;
  // compilePgQuery, accessSql and the Compiler in PostgreSQL) and the SQLite access rule. A first run is over an
  // hour: docs/testing.md measures it in line ranges, one function or a few per run
  search: ['src/store/sqlite/sqlite-search.ts', 'src/store/postgres/pg-search.ts', 'src/store/sqlite/sqlite-access.ts'],
}

const set = process.env.MUTATE_SET ?? 'core'
if (!MODULES[set]) throw new Error(`MUTATE_SET=${set} names no module group; one of ${Object.keys(MODULES).join(', ')}`)
const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'))
delete base.$schema
delete base._comment

export default {
  ...base,
  vitest: { configFile: 'vitest.mutate-fast.config.ts', related: true },
  mutate: MODULES[set],
  // MUTATE_STATIC=1 also tests the static mutants (module-level tables and patterns such as a REF year's), each
  // against every test of the group: give it the lines of such a table only (docs/testing.md, tenth run)
  ignoreStatic: process.env.MUTATE_STATIC !== '1',
  concurrency: 1,
  incrementalFile: `reports/mutation/${set}/stryker-incremental.json`,
  tempDirName: `.stryker-tmp-${set}`,
  // the sandboxes of other groups running at the same time are no part of the project
  ignorePatterns: ['.stryker-tmp-*', 'reports'],
  htmlReporter: { fileName: `reports/mutation/${set}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${set}/mutation.json` },
}
