import type { PgMigration } from './migrations.js'

/**
 * The archive schema on PostgreSQL, as numbered steps frozen in time (never edit a released step).
 *
 * - Text columns compared or ordered use `COLLATE "C"`: byte order, as SQLite's BINARY, so both engines
 *   sort keys and dates the same whatever the database's locale.
 * - `cables` rows stay short (the facet and page columns only) so counting a large result reads few pages;
 *   the JSON lists a `show` needs live in `cable_details`, the deflated text in `cable_texts` (stored
 *   EXTERNAL: already compressed, PostgreSQL must not try again), the words in `cable_fts`.
 * - `cable_fts.fts` is one tsvector per cable built by the writer (see `pg-tsvector.ts`): the subject
 *   (weight A) and the body (D), what a bare word searches, so the GIN index answers a word alone without
 *   reading any vector; `to_fts` the addressees; `cables.subject_fts` the subject alone, small enough to
 *   stay in the row, used to order a ranked page cheaply.
 * - `facet_counts` holds, per facet value and per (level, caveat mask), how many cables have it; the writer
 *   keeps it current in the same transaction, so facets of the whole archive (a search with no
 *   condition) are a sum over a few thousand rows instead of a scan of millions.
 * - `cg_near` checks a NEAR group of three or more operands on one tsvector (two operands compile to tsquery
 *   distance operators): FTS5's rule, every operand within `n` tokens of the first one's end, in one field.
 */
export const PG_ARCHIVE_MIGRATIONS: readonly PgMigration[] = [
  {
    id: 'archive-001',
    sql: `
      CREATE TABLE cables (
        id bigserial PRIMARY KEY,
        key text COLLATE "C" NOT NULL UNIQUE,
        cable_id text COLLATE "C",
        raw_id text COLLATE "C",
        date text COLLATE "C",
        origin text,
        origin_key text COLLATE "C",
        precedence text COLLATE "C",
        classification text COLLATE "C",
        level smallint NOT NULL,
        caveat_mask integer NOT NULL,
        caveats text NOT NULL,
        subject text,
        tags text[] COLLATE "C" NOT NULL,
        error_count integer NOT NULL,
        text_bytes integer NOT NULL,
        subject_fts tsvector NOT NULL
      );
      CREATE INDEX cables_date ON cables (date NULLS FIRST, key);
      CREATE INDEX cables_date_desc ON cables (date DESC NULLS LAST, key);
      CREATE INDEX cables_origin_key ON cables (origin_key);
      CREATE INDEX cables_raw_id ON cables (raw_id);
      CREATE INDEX cables_level ON cables (level, caveat_mask, date);
      CREATE INDEX cables_precedence ON cables (precedence);
      CREATE TABLE cable_details (
        cable bigint PRIMARY KEY REFERENCES cables (id) ON DELETE CASCADE,
        captions jsonb NOT NULL,
        addressees jsonb NOT NULL,
        diagnostics jsonb NOT NULL,
        text_sha256 text NOT NULL
      );
      CREATE TABLE cable_texts (
        cable bigint PRIMARY KEY REFERENCES cables (id) ON DELETE CASCADE,
        text bytea NOT NULL
      );
      ALTER TABLE cable_texts ALTER COLUMN text SET STORAGE EXTERNAL;
      CREATE TABLE cable_fts (
        cable bigint PRIMARY KEY REFERENCES cables (id) ON DELETE CASCADE,
        fts tsvector NOT NULL,
        to_fts tsvector NOT NULL
      );
      -- compressed in the row rather than moved out of line: the planner then sees what a scan of the
      -- vectors costs and takes the GIN index for any selective word
      ALTER TABLE cable_fts ALTER COLUMN fts SET STORAGE MAIN;
      CREATE INDEX cable_fts_gin ON cable_fts USING gin (fts);
      CREATE INDEX cable_fts_to_gin ON cable_fts USING gin (to_fts);
      CREATE TABLE cable_tags (
        tag text COLLATE "C" NOT NULL,
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        PRIMARY KEY (tag, cable)
      );
      CREATE INDEX cable_tags_cable ON cable_tags (cable);
      CREATE TABLE cable_captions (
        caption text COLLATE "C" NOT NULL,
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        PRIMARY KEY (caption, cable)
      );
      CREATE INDEX cable_captions_cable ON cable_captions (cable);
      CREATE TABLE cable_refs (
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        ord integer NOT NULL,
        letter text,
        target text COLLATE "C",
        text text NOT NULL,
        PRIMARY KEY (cable, ord)
      );
      CREATE INDEX cable_refs_target ON cable_refs (target) WHERE target IS NOT NULL;
      CREATE TABLE cable_sources (
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        locator text COLLATE "C" NOT NULL,
        sha256 text NOT NULL,
        rendering text NOT NULL,
        imported_at text COLLATE "C" NOT NULL,
        metadata jsonb NOT NULL,
        -- the version this copy carried; NULL: the cable's only text
        version integer,
        PRIMARY KEY (cable, locator, sha256)
      );
      -- versions of a cable with several texts (rows only once a second text arrives; the shown one's text
      -- is NULL here and lives in cable_texts), as in the SQLite engine's archive-005
      CREATE TABLE cable_versions (
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        version integer NOT NULL,
        text_sha256 text NOT NULL,
        content_sha256 text NOT NULL,
        classification text,
        level smallint NOT NULL,
        caveats text NOT NULL,
        error_count integer NOT NULL,
        withheld_runs integer NOT NULL,
        text_bytes integer NOT NULL,
        first_seen text NOT NULL,
        text bytea,
        PRIMARY KEY (cable, version)
      );
      ALTER TABLE cable_versions ALTER COLUMN text SET STORAGE EXTERNAL;
      CREATE TABLE archive_snapshots (
        id text PRIMARY KEY,
        saved_at text NOT NULL,
        body text NOT NULL
      );
      CREATE TABLE facet_counts (
        facet text NOT NULL,
        value text COLLATE "C" NOT NULL,
        level smallint NOT NULL,
        caveat_mask integer NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (facet, value, level, caveat_mask)
      );
      -- the highest overflow bucket any lexeme uses (see pg-tsvector.ts): phrase queries expand to it
      CREATE TABLE fts_meta (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        max_bucket integer NOT NULL
      );
      INSERT INTO fts_meta (max_bucket) VALUES (0);
      CREATE FUNCTION cg_near(vec tsvector, fields text, ops text[], n integer) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        WITH toks AS (
          SELECT o.i AS op, w.k, rtrim(w.tok, '*') AS tok, w.tok LIKE '%*' AS pre
          FROM unnest(ops) WITH ORDINALITY AS o(txt, i), unnest(string_to_array(o.txt, ' ')) WITH ORDINALITY AS w(tok, k)
        ),
        lens AS (SELECT op, max(k)::integer AS len FROM toks GROUP BY op),
        lex AS (
          SELECT split_part(u.lexeme, '~', 1) AS lex, p.pos::integer AS pos, p.w
          FROM unnest(vec) AS u, unnest(u.positions, u.weights) AS p(pos, w)
          WHERE position(p.w IN fields) > 0
        ),
        hits AS (
          SELECT t.op, t.k, l.pos, l.w FROM toks t JOIN lex l ON l.lex = t.tok OR (t.pre AND starts_with(l.lex, t.tok))
        ),
        occ AS (
          SELECT h.op, h.pos AS s, h.w FROM hits h
          WHERE h.k = 1 AND NOT EXISTS (
            SELECT 1 FROM toks t WHERE t.op = h.op AND t.k > 1
              AND NOT EXISTS (SELECT 1 FROM hits h2 WHERE h2.op = h.op AND h2.k = t.k AND h2.pos = h.pos + t.k - 1)
          )
        )
        SELECT EXISTS (
          SELECT 1 FROM occ a JOIN lens la ON la.op = a.op
          WHERE NOT EXISTS (
            SELECT 1 FROM lens o WHERE o.op <> a.op AND NOT EXISTS (
              SELECT 1 FROM occ b WHERE b.op = o.op AND b.w = a.w AND b.s >= a.s AND b.s - a.s - la.len <= n
            )
          )
        )
      $fn$;
    `,
  },
  {
    // Captions became a facet: archives written before count each cable's distinct captions (the rows of
    // `cable_captions`, what `caption:X` selects) per level and caveat mask, as the writer now does. The
    // archive write lock (ARCHIVE_WRITE_LOCK in pg-writer.ts) keeps an import from moving the counts meanwhile;
    // a rerun sets, never adds.
    id: 'archive-002',
    sql: `
      SELECT pg_advisory_xact_lock(1667391858);
      INSERT INTO facet_counts (facet, value, level, caveat_mask, n)
        SELECT 'caption', cc.caption, c.level, c.caveat_mask, count(*)
        FROM cable_captions cc JOIN cables c ON c.id = cc.cable
        GROUP BY cc.caption, c.level, c.caveat_mask
      ON CONFLICT (facet, value, level, caveat_mask) DO UPDATE SET n = excluded.n;
    `,
  },
  {
    // Portion-level access (docs/search.md), as the SQLite engine's archive-006: archive settings, and the
    // portions of a cable a reader below its level may read, each with the level and caveat bits it demands,
    // its text and its words (`portionVector` in pg-tsvector.ts: the subject portion at weight A, a body one
    // at D, as in `cable_fts.fts`), under a GIN index. Rows exist only while the setting is on.
    id: 'archive-003',
    sql: `
      CREATE TABLE archive_settings (
        name text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE cable_portions (
        id bigserial PRIMARY KEY,
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        kind text NOT NULL,
        level smallint NOT NULL,
        caveat_mask integer NOT NULL,
        text text NOT NULL,
        fts tsvector NOT NULL
      );
      CREATE INDEX cable_portions_cable ON cable_portions (cable, level, caveat_mask);
      CREATE INDEX cable_portions_gin ON cable_portions USING gin (fts);
    `,
  },
  {
    // The date's provenance and the kind of each reference, as the SQLite engine's archive-007 (rows stored
    // before are marked `unknown`, the precision only where the written date shows it; a reference with a
    // cited id is a `cable`); importing the same text again fills in the parser's values (pg-writer.ts).
    id: 'archive-004',
    sql: `
      SELECT pg_advisory_xact_lock(1667391858);
      ALTER TABLE cables ADD COLUMN date_basis text COLLATE "C";
      ALTER TABLE cables ADD COLUMN date_precision text COLLATE "C";
      ALTER TABLE cables ADD COLUMN date_from jsonb;
      UPDATE cables SET date_basis = 'unknown', date_from = '[]', date_precision = CASE
        WHEN date IS NULL THEN NULL
        WHEN length(date) = 4 THEN 'year'
        WHEN length(date) = 7 THEN 'month'
        WHEN length(date) = 10 THEN 'day'
        WHEN length(date) > 10 AND substr(date, 11) <> 'T00:00:00Z' THEN 'minute'
        ELSE NULL END;
      ALTER TABLE cable_refs ADD COLUMN kind text NOT NULL DEFAULT 'unknown';
      UPDATE cable_refs SET kind = 'cable' WHERE target IS NOT NULL;
    `,
  },
  {
    // Faceted searches count in memory (pg-facet-index.ts) and read only `cable_fts` for a word query:
    // - `fts_meta.generation` goes up in every archive write (pg-writer.ts), so a process knows when the facet
    //   index it holds no longer describes the archive;
    // - the subject's vector moves from `cables` to `cable_fts`, beside the vectors a word query reads anyway,
    //   so ordering a ranked result (subject hits first) needs no visit to `cables` per match;
    // - the big vector `fts` moves out of line (EXTERNAL: TOAST, already compact), the small ones stay in the
    //   row (MAIN): a `cable_fts` row is then a few hundred bytes, and listing the cables the GIN index found
    //   reads one page per tens of matches instead of one per match. The UPDATE rewrites every row, so the
    //   vectors stored before move out too.
    id: 'archive-005',
    sql: `
      SELECT pg_advisory_xact_lock(1667391858);
      ALTER TABLE fts_meta ADD COLUMN generation bigint NOT NULL DEFAULT 0;
      ALTER TABLE cable_fts ADD COLUMN subject_fts tsvector;
      ALTER TABLE cable_fts ALTER COLUMN subject_fts SET STORAGE MAIN;
      ALTER TABLE cable_fts ALTER COLUMN to_fts SET STORAGE MAIN;
      ALTER TABLE cable_fts ALTER COLUMN fts SET STORAGE EXTERNAL;
      UPDATE cable_fts f SET subject_fts = c.subject_fts FROM cables c WHERE c.id = f.cable;
      ALTER TABLE cable_fts ALTER COLUMN subject_fts SET NOT NULL;
      ALTER TABLE cables DROP COLUMN subject_fts;
    `,
  },
  {
    // As the SQLite engine's archive-008: `tag:` and `caption:` of a cable read in part read the values its redacted
    // rendering shows (`cable_portions` rows of kind `tag` and `caption`), found by an index per kind. An archive
    // that had the setting on holds none until `cable archive-config portion-access on` is run again (fail closed).
    id: 'archive-006',
    sql: `
      CREATE INDEX cable_portions_tag ON cable_portions (text COLLATE "C", cable) WHERE kind = 'tag';
      CREATE INDEX cable_portions_caption ON cable_portions (text COLLATE "C", cable) WHERE kind = 'caption';
    `,
  },
  {
    // As the SQLite engine's archive-009: the date of a cable read in part, for a reader below its level, is the date
    // its redacted rendering gives (`cable_portions` rows of kind `date` and `date-source`), found by this index. An
    // archive that had the setting on holds none until `cable archive-config portion-access on` is run again, and
    // until then such a cable has no date for him (fail closed).
    id: 'archive-007',
    sql: `
      CREATE INDEX cable_portions_date ON cable_portions (cable, kind, level, caveat_mask) WHERE kind IN ('date', 'date-source');
    `,
  },
  {
    // As the SQLite engine's archive-011: version identity keeps line breaks (QA 14 F9); a migration cannot hash by
    // the new rule (no application code), so every stored `content_sha256` is emptied and the writer hashes a cable's
    // versions again from their stored texts when a copy of it next arrives (pg-writer.ts `freshIdentity`). Copies
    // the old rule merged and did not keep cannot be split (their texts are gone); importing them again does.
    id: 'archive-008',
    sql: `
      SELECT pg_advisory_xact_lock(1667391858);
      UPDATE cable_versions SET content_sha256 = '';
    `,
  },
  {
    // As the SQLite engine's archive-012: the parts model (QA 14 F6, docs/research.md "Sections"). Each text of a
    // section of a telegram sent in sections (or, beside sections, a whole text: `section` 0) is a row here; the
    // versions and the shown text are assembled from them by the writer (src/store/sections.ts). A source names the
    // part it carried (`part`: its `content_sha256`; NULL for any other source).
    id: 'archive-009',
    sql: `
      SELECT pg_advisory_xact_lock(1667391858);
      CREATE TABLE cable_parts (
        cable bigint NOT NULL REFERENCES cables (id) ON DELETE CASCADE,
        section integer NOT NULL,
        sections integer NOT NULL,
        content_sha256 text NOT NULL,
        text_sha256 text NOT NULL,
        classification text,
        level smallint NOT NULL,
        caveats text NOT NULL,
        error_count integer NOT NULL,
        withheld_runs integer NOT NULL,
        text_bytes integer NOT NULL,
        first_seen text NOT NULL,
        text bytea NOT NULL,
        PRIMARY KEY (cable, section, content_sha256)
      );
      ALTER TABLE cable_parts ALTER COLUMN text SET STORAGE EXTERNAL;
      ALTER TABLE cable_sources ADD COLUMN part text;
    `,
  },
  {
    // `subject:` reads `subject_fts` under its own GIN index instead of weight A of `fts`: a weight test made
    // PostgreSQL read every candidate's big out-of-line vector (every cable with the word anywhere), the subject's
    // small in-row vector answers alone. The writer stored the subject's first 256 tokens only (enough to order
    // ranked pages); it now stores them all, and a row that may have been cut (a position at or past 200) takes
    // the subject's part of `fts` (weight A: the same lexemes and positions). A vector too long to keep positions
    // (over 900 kB, pg-tsvector.ts) has no weights to filter: such a row keeps what it had.
    id: 'archive-010',
    sql: `
      SELECT pg_advisory_xact_lock(1667391858);
      UPDATE cable_fts f SET subject_fts = s.v
        FROM (SELECT cable, ts_filter(fts, '{a}') AS v FROM cable_fts
              WHERE EXISTS (SELECT 1 FROM unnest(subject_fts) u WHERE 200 <= ANY (u.positions))) s
        WHERE s.cable = f.cable AND length(s.v) > 0;
      CREATE INDEX cable_fts_subject_gin ON cable_fts USING gin (subject_fts);
    `,
  },
]
