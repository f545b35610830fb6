import type { Migration } from './migrations.js'

/**
 * The archive schema, as numbered steps frozen in time: never edit a released step, add a new one.
 *
 * Text is stored deflated in its own table, so scans of `cables` for counts and facets read short rows
 * only; the full-text index is contentless (`content=''`) so the words are
 * not stored twice; snippets are cut from the inflated text. Tag, caption and reference rows are keyed by
 * value first because that is how queries reach them; the `cables` row keeps the same lists so a
 * replacement knows which rows to delete without a second index. The index buffers up to 64 MB of terms
 * per transaction and merges segments 8 at a time: about a quarter less work on a bulk import, and no
 * measurable cost to queries.
 */
export const ARCHIVE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'archive-001',
    up(db) {
      db.exec(`
        CREATE TABLE cables (
          rowid INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          id TEXT,
          raw_id TEXT,
          date TEXT,
          origin TEXT,
          origin_key TEXT,
          precedence TEXT,
          classification TEXT,
          level INTEGER NOT NULL,
          caveat_mask INTEGER NOT NULL,
          caveats TEXT NOT NULL,
          subject TEXT,
          captions TEXT NOT NULL,
          tags TEXT NOT NULL,
          addressees TEXT NOT NULL,
          diagnostics TEXT NOT NULL,
          error_count INTEGER NOT NULL,
          text_bytes INTEGER NOT NULL,
          text_sha256 TEXT NOT NULL
        );
        CREATE TABLE cable_texts (
          rowid INTEGER PRIMARY KEY,
          text BLOB NOT NULL
        );
        CREATE INDEX cables_date ON cables(date);
        CREATE INDEX cables_origin_key ON cables(origin_key);
        CREATE INDEX cables_raw_id ON cables(raw_id);
        CREATE TABLE cable_tags (
          tag TEXT NOT NULL,
          cable INTEGER NOT NULL,
          PRIMARY KEY (tag, cable)
        ) WITHOUT ROWID;
        CREATE TABLE cable_captions (
          caption TEXT NOT NULL,
          cable INTEGER NOT NULL,
          PRIMARY KEY (caption, cable)
        ) WITHOUT ROWID;
        CREATE TABLE cable_refs (
          cable INTEGER NOT NULL,
          ord INTEGER NOT NULL,
          letter TEXT,
          target TEXT,
          text TEXT NOT NULL,
          PRIMARY KEY (cable, ord)
        ) WITHOUT ROWID;
        CREATE INDEX cable_refs_target ON cable_refs(target) WHERE target IS NOT NULL;
        CREATE TABLE cable_sources (
          cable INTEGER NOT NULL,
          locator TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          rendering TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          metadata TEXT NOT NULL,
          PRIMARY KEY (cable, locator, sha256)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE cables_fts USING fts5(
          body, subject, addressees,
          content = '', contentless_delete = 1,
          tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO cables_fts (cables_fts, rank) VALUES ('hashsize', 67108864);
        INSERT INTO cables_fts (cables_fts, rank) VALUES ('automerge', 8);
      `)
    },
  },
  {
    // Facet and count scans visit one `cables` row per hit; the JSON lists and the text hash made those rows
    // several hundred bytes, so large result sets read a page per hit. They move to `cable_details`, read
    // only by `show` and by replacement, and `cables` rows become short enough to stay in the page cache.
    id: 'archive-002',
    up(db) {
      db.exec(`
        CREATE TABLE cable_details (
          rowid INTEGER PRIMARY KEY,
          captions TEXT NOT NULL,
          addressees TEXT NOT NULL,
          diagnostics TEXT NOT NULL,
          text_sha256 TEXT NOT NULL
        );
        INSERT INTO cable_details (rowid, captions, addressees, diagnostics, text_sha256)
          SELECT rowid, captions, addressees, diagnostics, text_sha256 FROM cables;
        ALTER TABLE cables DROP COLUMN captions;
        ALTER TABLE cables DROP COLUMN addressees;
        ALTER TABLE cables DROP COLUMN diagnostics;
        ALTER TABLE cables DROP COLUMN text_sha256;
      `)
    },
  },
  {
    // The first builds of archive-001 (one day, before it settled) kept the deflated text in `cables.text`
    // and had no `cable_texts`. Such a database moves its texts over here; any other is left as it is.
    id: 'archive-003',
    up(db) {
      const columns = db.prepare("SELECT name FROM pragma_table_info('cables')").pluck().all() as string[]
      if (!columns.includes('text')) return
      db.exec(`
        CREATE TABLE IF NOT EXISTS cable_texts (
          rowid INTEGER PRIMARY KEY,
          text BLOB NOT NULL
        );
        INSERT OR REPLACE INTO cable_texts (rowid, text) SELECT rowid, text FROM cables;
        ALTER TABLE cables DROP COLUMN text;
      `)
    },
  },
  {
    // `class>=SECRET` and the reader's access filter on a query with no other condition scanned every row
    // of `cables`; this index answers them alone (level, then the caveat bits, then the date a page is
    // ordered by), without reading a row.
    id: 'archive-004',
    up(db) {
      db.exec('CREATE INDEX IF NOT EXISTS cables_level ON cables(level, caveat_mask, date)')
    },
  },
  {
    // A cable may have several texts (a redacted and a later unredacted release, a corrected copy). Rows
    // appear only once a second text arrives, so a cable with one text costs nothing; the text of the version
    // the archive shows stays in `cable_texts` (`text` is NULL here) and every other one is kept deflated.
    // A source names the version it carried (NULL: the cable's only text, or imported before versions).
    id: 'archive-005',
    up(db) {
      db.exec(`
        CREATE TABLE cable_versions (
          cable INTEGER NOT NULL,
          version INTEGER NOT NULL,
          text_sha256 TEXT NOT NULL,
          content_sha256 TEXT NOT NULL,
          classification TEXT,
          level INTEGER NOT NULL,
          caveats TEXT NOT NULL,
          error_count INTEGER NOT NULL,
          withheld_runs INTEGER NOT NULL,
          text_bytes INTEGER NOT NULL,
          first_seen TEXT NOT NULL,
          text BLOB,
          PRIMARY KEY (cable, version)
        );
        ALTER TABLE cable_sources ADD COLUMN version INTEGER;
        CREATE TABLE archive_snapshots (
          id TEXT PRIMARY KEY,
          saved_at TEXT NOT NULL,
          body TEXT NOT NULL
        );
      `)
    },
  },
  {
    // Portion-level access (docs/search.md): archive settings, and the portions of a cable a reader below its
    // level may read, each with the level and caveat bits it demands, indexed in their own contentless
    // full-text table with the columns of `cables_fts` (addressees stays empty: no portion holds them).
    // Rows exist only while the setting is on; turning it on fills them.
    id: 'archive-006',
    up(db) {
      db.exec(`
        CREATE TABLE archive_settings (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        CREATE TABLE cable_portions (
          rowid INTEGER PRIMARY KEY,
          cable INTEGER NOT NULL,
          kind TEXT NOT NULL,
          level INTEGER NOT NULL,
          caveat_mask INTEGER NOT NULL,
          text TEXT NOT NULL
        );
        CREATE INDEX cable_portions_cable ON cable_portions(cable, level, caveat_mask);
        CREATE VIRTUAL TABLE cable_portions_fts USING fts5(
          body, subject, addressees,
          content = '', contentless_delete = 1,
          tokenize = 'unicode61 remove_diacritics 2'
        );
      `)
    },
  },
  {
    // The date's provenance and the kind of each reference (docs/data-model.md): a date inferred from a partial
    // record or taken from a container is never shown as read. Rows stored before have neither, and a
    // migration cannot re-parse (it never imports application code), so they are marked honestly: basis
    // `unknown`, the precision only where the written date shows it (`2000` year, `2000-09` month, `2000-09-27`
    // day, a time of day other than midnight minute; a midnight time could be a day-precise date); a reference
    // with a cited id is a `cable`, any other `unknown`. Importing the same text again fills in the parser's
    // values (sqlite-writer.ts).
    id: 'archive-007',
    up(db) {
      db.exec(`
        ALTER TABLE cables ADD COLUMN date_basis TEXT;
        ALTER TABLE cables ADD COLUMN date_precision TEXT;
        ALTER TABLE cables ADD COLUMN date_from TEXT;
        UPDATE cables SET date_basis = 'unknown', date_from = '[]', date_precision = CASE
          WHEN date IS NULL THEN NULL
          WHEN length(date) = 4 THEN 'year'
          WHEN length(date) = 7 THEN 'month'
          WHEN length(date) = 10 THEN 'day'
          WHEN length(date) > 10 AND substr(date, 11) <> 'T00:00:00Z' THEN 'minute'
          ELSE NULL END;
        ALTER TABLE cable_refs ADD COLUMN kind TEXT NOT NULL DEFAULT 'unknown';
        UPDATE cable_refs SET kind = 'cable' WHERE target IS NOT NULL;
      `)
    },
  },
  {
    // Portion-level access reads `tag:` and `caption:` of a cable read in part from the values its redacted
    // rendering shows, stored as `cable_portions` rows of kind `tag` and `caption` (docs/search.md): an index per
    // kind finds a value's cables. A migration cannot render cables (it never imports application code): an
    // archive that had the setting on holds no such rows until `cable archive-config portion-access on` is run
    // again, and until then a cable read in part shows and matches no TAGS or captions (fail closed).
    id: 'archive-008',
    up(db) {
      db.exec(`
        CREATE INDEX cable_portions_tag ON cable_portions(text, cable) WHERE kind = 'tag';
        CREATE INDEX cable_portions_caption ON cable_portions(text, cable) WHERE kind = 'caption';
      `)
    },
  },
  {
    // Portion-level access reads a cable's date for a reader who may read it only in part (`date:`, the year facet,
    // the histogram, date order, the date a hit shows) from the date its redacted rendering gives, stored as
    // `cable_portions` rows of kind `date` and `date-source` (docs/search.md): an index finds a cable's. A migration
    // cannot render cables: an archive that had the setting on holds no such rows until `cable archive-config
    // portion-access on` is run again, and until then a cable read in part has no date for him (fail closed).
    id: 'archive-009',
    up(db) {
      db.exec(`CREATE INDEX cable_portions_date ON cable_portions(cable, kind, level, caveat_mask) WHERE kind IN ('date', 'date-source');`)
    },
  },
  {
    // `cables.tags` joined by line feeds, so a multi-word TAGS entry (`HUMAN RIGHTS`) is stored as written (QA 13,
    // finding 06). Older lists were space-joined with no blank inside a tag, so the conversion is exact; the values
    // themselves keep the `HUMAN-RIGHTS` an older import wrote (the blank cannot be told from a written hyphen):
    // re-import into a new archive to get the entries as written (docs/search.md).
    id: 'archive-010',
    up(db) {
      db.exec(`UPDATE cables SET tags = replace(tags, ' ', char(10)) WHERE instr(tags, ' ') > 0;`)
    },
  },
  {
    // Version identity keeps line breaks (QA 14 F9, docs/research.md "Versions"): `content_sha256` computed by the
    // older rule (all white space one blank) would make a new copy that differs from a stored version only in its
    // lines a copy of it. A migration cannot hash by the new rule (it never imports application code, and the rule
    // reads the text with the parser), so it empties every stored hash (`STALE_CONTENT_SHA256`) and the writer hashes
    // a cable's versions again from their stored texts the next time a copy of that cable arrives, before comparing
    // (sqlite-writer.ts `freshIdentity`); nothing else reads the column. Versions already stored stay apart (the new
    // rule tells apart whatever the old one did); copies the old rule merged into a version and did not keep cannot be
    // split: their texts are gone, only their sources remain (importing them again adds each as the version it is).
    id: 'archive-011',
    up(db) {
      db.exec(`UPDATE cable_versions SET content_sha256 = '';`)
    },
  },
  {
    // The parts model (QA 14 F6, docs/research.md "Sections"): a telegram sent in sections and imported one record per
    // section is kept as sections of one version, not as versions. Each text of a section (or, beside sections, a
    // whole text: `section` 0) is a row here, deflated, with its filing and rank; the versions (`cable_versions`) and
    // the shown text are assembled from these rows by the writer (src/store/sections.ts). Rows appear only for a cable
    // that has a section, so nothing else costs anything. A source names the part it carried (`part`: its
    // `content_sha256`; NULL for any other source). A cable stored before as versions of its sections is kept in parts
    // from the next time a text of it arrives (a migration never parses texts).
    id: 'archive-012',
    up(db) {
      db.exec(`
        CREATE TABLE cable_parts (
          cable INTEGER NOT NULL,
          section INTEGER NOT NULL,
          sections INTEGER NOT NULL,
          content_sha256 TEXT NOT NULL,
          text_sha256 TEXT NOT NULL,
          classification TEXT,
          level INTEGER NOT NULL,
          caveats TEXT NOT NULL,
          error_count INTEGER NOT NULL,
          withheld_runs INTEGER NOT NULL,
          text_bytes INTEGER NOT NULL,
          first_seen TEXT NOT NULL,
          text BLOB NOT NULL,
          PRIMARY KEY (cable, section, content_sha256)
        );
        ALTER TABLE cable_sources ADD COLUMN part TEXT;
      `)
    },
  },
]
