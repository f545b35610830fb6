import { readFileSync } from 'node:fs'

/**
 * `npm run mutate:<set>` (MUTATE_SET=core|service|search|access): the modules of stryker.config.json in four
 * groups, each against the suites written for it (vitest.mutate-fast.config.ts) and with its own incremental file
 * and report folder. docs/testing.md gives the figures and when to use which.
 */
export const MODULES = {
  core: [
    'src/format/classification.ts',
    'src/format/marking.ts',
    'src/lint/rules/txt-portions.ts',
    'src/lint/rules/txt-captions.ts',
    'src/format/ids.ts',
    'src/format/references.ts',
    // REF parsing outside references.ts: the ids completed from the cable's own (finishReferences) and a REF block
    // read on across a page break (refContinuation)
    'src/format/parse.ts:488-540',
    'src/format/text.ts:361-380',
    'src/format/precedence.ts',
    'src/format/compose.ts:79-79',
    // what a class line's controls state (classLineMarking, and the parse that files them: readFields' class-line
    // block) and the caption lines spelt past the caption reader (spelledCaptions, controlsNobodyReads): issue 15,
    // eighteenth run, test/format/class-line-marking, caption-spelling-lines, test/lint/class-line-controls-lint
    'src/format/class-line.ts:101-132',
    'src/format/fields.ts:73-96',
    'src/format/caption-spellings.ts',
  ],
  service: [
    'src/messaging/delivery-worker.ts',
    'src/messaging/release.ts:57-62',
    'src/store/sqlite/messaging-workflow-sql.ts:85-99',
    'src/store/postgres/pg-messaging-store.ts:214-226',
  ],
  // who may read a cable: its level and caveats as filed, the reader's clearance, the rule that compares them
  // (cableAccess is statedAccess raised by redact.ts's filedAccess: the portions the rendering reads; overallOf, the
  // level unmarked text counts at; decideAccess, whether a reader sees a portion; storedPortions and versionAgreement,
  // which portions of a cable with several texts are read in part. What each file:a-b entry covers is named in
  // stryker.ranges.json, which test/architecture/mutation-ranges.test.ts checks)
  access: [
    'src/messaging/access.ts',
    'src/archive/cable-access.ts',
    'src/archive/stated-access.ts',
    // restrictive caveats the header spells past the caption reader, which statedAccess demands
    'src/archive/disguised-caveats.ts',
    'src/archive/redact.ts:59-63',
    'src/archive/redact.ts:103-166',
    'src/archive/redact.ts:178-183',
    'src/archive/redact.ts:204-222',
    'src/archive/reader-access.ts',
    // the portion code of the releasable rendering (issue 15's fresh check): what a portion mark demands
    // (readPortionMark) and the level and caveats the body's marks raise a cable to (raisedBy)
    'src/format/body-portions.ts:31-37',
    'src/format/body-portions.ts:779-796',
    // what the releasable rendering shows a reader below the cable line by line (issue 15, measured with the
    // research redaction suites now in the set): a capital letter read as a list's enumerator or an acronym's
    // initials rather than a mark, signature lines shown as they stand, the decisions of redact.ts's
    // walk (a portion's, the marks inside one, text outside the body) and redactInPart. Not configured yet (docs/
    // testing.md): the rest of body-portions.ts and header-portions.ts and of the walk
    'src/format/body-portions.ts:513-522',
    'src/format/body-portions.ts:532-544',
    'src/archive/header-portions.ts:269-276',
    // what a reader in part is shown of the header zone's routing lines (isRoutingLine) and the mark a class word
    // opening a line stands for (leadingClassMark): issue 15, test/archive/header-lines and class-word-lead
    'src/archive/header-portions.ts:237-250',
    'src/format/body-portions.ts:133-173',
    // the marks inside a line and across a line end (innerMarks, splitMarks), the marks of text outside the body
    // (marksOfText) and what of a header segment is shown (headerPieces, lineIsHeader, classifiedByLength)
    'src/format/body-portions.ts:260-347',
    'src/format/body-portions.ts:454-503',
    // the portions of the body line by line: where each starts, its mark, the marks inside it and around it
    // (bodyPortions: test/archive/body-portions, issue 15's eighteenth run)
    'src/format/body-portions.ts:667-773',
    'src/archive/header-portions.ts:81-110',
    'src/archive/header-portions.ts:140-176',
    'src/archive/header-portions.ts:279-314',
    'src/archive/header-portions.ts:357-408',
    'src/archive/redact.ts:265-287',
    'src/archive/redact.ts:300-317',
    'src/archive/redact.ts:373-406',
    // the mark a placeholder carries (shownMark) and the placeholder line itself (withhold): test/archive/placeholders
    'src/archive/redact.ts:341-348',
    'src/archive/redact.ts:361-369',
    'src/archive/in-part.ts',
    // issue 15, eighteenth run: the floor a statement of the whole cable nobody reads sets every portion (the walk's
    // wholeUnread, floorLevel), the controls after a mark's bracket (markTail), the access a research tool searches
    // with (researchAccess) and how the filings of sources and versions merge and are re-filed (filing.ts)
    'src/archive/redact.ts:258-260',
    'src/format/body-portions.ts:219-237',
    'src/archive/portion-access.ts:27-29',
    'src/store/filing.ts',
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
  // MUTATE_REPORT=<name>: the reports of one run apart (reports/mutation/<group>/<name>.json and .html), so that
  // runs side by side keep their own
  htmlReporter: { fileName: `reports/mutation/${set}/${process.env.MUTATE_REPORT ?? 'index'}.html` },
  jsonReporter: { fileName: `reports/mutation/${set}/${process.env.MUTATE_REPORT ?? 'mutation'}.json` },
}
