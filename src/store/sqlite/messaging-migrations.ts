import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import type { Migration } from './migrations.js'

/**
 * Messaging schema: directory, drafts, MRN counters, released cables, delivery queue, inboxes,
 * subscriptions and the audit log. Frozen SQL, applied after the archive's migrations by the shared runner
 * (`runMigrations`, ledger `schema_migrations`); never edit a step that has shipped, add a new one.
 */
const steps: readonly { name: string; sql: string }[] = [
  {
    name: '001-directory',
    sql: `
      CREATE TABLE msg_post (
        plad TEXT PRIMARY KEY,
        route TEXT,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT ''
      );
      CREATE UNIQUE INDEX msg_post_origin ON msg_post(origin);
      CREATE TABLE msg_office (
        post TEXT NOT NULL REFERENCES msg_post(plad),
        code TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (post, code)
      );
      CREATE TABLE msg_collective (
        plad TEXT PRIMARY KEY,
        route TEXT,
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE msg_collective_member (
        collective TEXT NOT NULL REFERENCES msg_collective(plad),
        post TEXT NOT NULL REFERENCES msg_post(plad),
        inferred INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (collective, post)
      );
      CREATE TABLE msg_user (
        name TEXT PRIMARY KEY,
        full_name TEXT NOT NULL DEFAULT '',
        post TEXT NOT NULL REFERENCES msg_post(plad),
        office TEXT,
        roles TEXT NOT NULL,
        clearance INTEGER NOT NULL,
        caveats TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1
      );`,
  },
  {
    name: '002-workflow',
    sql: `
      CREATE TABLE msg_draft (
        id INTEGER PRIMARY KEY,
        origin_post TEXT NOT NULL REFERENCES msg_post(plad),
        drafter TEXT NOT NULL REFERENCES msg_user(name),
        fields TEXT NOT NULL,
        clearers TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'released')),
        corrects TEXT,
        cable_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE msg_clearance (
        draft_id INTEGER NOT NULL REFERENCES msg_draft(id),
        clearer TEXT NOT NULL REFERENCES msg_user(name),
        at INTEGER NOT NULL,
        PRIMARY KEY (draft_id, clearer)
      );
      CREATE TABLE msg_approval (
        draft_id INTEGER PRIMARY KEY REFERENCES msg_draft(id),
        approver TEXT NOT NULL REFERENCES msg_user(name),
        at INTEGER NOT NULL
      );
      CREATE TABLE msg_mrn_counter (
        origin TEXT NOT NULL,
        year INTEGER NOT NULL,
        last_serial INTEGER NOT NULL,
        PRIMARY KEY (origin, year)
      );
      CREATE TABLE msg_mcn_counter (
        origin_post TEXT NOT NULL,
        post TEXT NOT NULL,
        last_mcn INTEGER NOT NULL,
        PRIMARY KEY (origin_post, post)
      );`,
  },
  {
    name: '003-release-delivery',
    sql: `
      CREATE TABLE msg_cable (
        id TEXT PRIMARY KEY,
        draft_id INTEGER NOT NULL UNIQUE REFERENCES msg_draft(id),
        origin TEXT NOT NULL,
        year INTEGER NOT NULL,
        serial INTEGER NOT NULL,
        origin_post TEXT NOT NULL,
        precedence TEXT NOT NULL,
        level INTEGER NOT NULL,
        caveats TEXT NOT NULL,
        subject TEXT NOT NULL,
        tags TEXT NOT NULL,
        captions TEXT NOT NULL,
        dtg TEXT NOT NULL,
        text TEXT NOT NULL,
        json TEXT NOT NULL,
        corrects TEXT,
        released_by TEXT NOT NULL,
        released_at INTEGER NOT NULL,
        UNIQUE (origin, year, serial)
      );
      -- A released cable is immutable: corrections are new cables that reference it.
      CREATE TRIGGER msg_cable_no_update BEFORE UPDATE ON msg_cable
        BEGIN SELECT RAISE(ABORT, 'released cables are immutable'); END;
      CREATE TRIGGER msg_cable_no_delete BEFORE DELETE ON msg_cable
        BEGIN SELECT RAISE(ABORT, 'released cables are immutable'); END;
      CREATE TABLE msg_delivery (
        id INTEGER PRIMARY KEY,
        cable_id TEXT NOT NULL REFERENCES msg_cable(id),
        post TEXT NOT NULL REFERENCES msg_post(plad),
        role TEXT NOT NULL CHECK (role IN ('action', 'info')),
        precedence TEXT NOT NULL,
        rank INTEGER NOT NULL,
        queued_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        delivered_at INTEGER,
        UNIQUE (cable_id, post)
      );
      -- The worker's queue: pending items only, highest precedence (lowest rank) first, then age.
      CREATE INDEX msg_delivery_queue ON msg_delivery(rank, queued_at, id) WHERE delivered_at IS NULL;
      CREATE TABLE msg_inbox (
        delivery_id INTEGER PRIMARY KEY REFERENCES msg_delivery(id),
        post TEXT NOT NULL,
        cable_id TEXT NOT NULL,
        role TEXT NOT NULL,
        precedence TEXT NOT NULL,
        rank INTEGER NOT NULL,
        delivered_at INTEGER NOT NULL,
        acknowledged_by TEXT,
        acknowledged_at INTEGER
      );
      CREATE INDEX msg_inbox_post ON msg_inbox(post, rank, delivered_at);`,
  },
  {
    name: '004-subscriptions-audit',
    sql: `
      CREATE TABLE msg_subscription (
        id INTEGER PRIMARY KEY,
        user TEXT NOT NULL REFERENCES msg_user(name),
        kind TEXT NOT NULL CHECK (kind IN ('tag', 'caption', 'keyword')),
        value TEXT NOT NULL,
        UNIQUE (user, kind, value)
      );
      CREATE TABLE msg_audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'refused')),
        cable_id TEXT,
        draft_id INTEGER,
        post TEXT,
        detail TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX msg_audit_cable ON msg_audit(cable_id);
      CREATE INDEX msg_audit_actor ON msg_audit(actor, at);
      -- The audit log is append-only: the database itself refuses to rewrite history.
      CREATE TRIGGER msg_audit_no_update BEFORE UPDATE ON msg_audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER msg_audit_no_delete BEFORE DELETE ON msg_audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  },
  {
    // logins for the HTTP API: only hashes of passwords, session and API tokens are stored
    name: '005-auth',
    sql: `
      CREATE TABLE msg_password (
        user TEXT PRIMARY KEY REFERENCES msg_user(name),
        hash TEXT NOT NULL,
        set_at INTEGER NOT NULL
      );
      CREATE TABLE msg_session (
        token_sha256 TEXT PRIMARY KEY,
        user TEXT NOT NULL REFERENCES msg_user(name),
        csrf TEXT NOT NULL,
        address TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX msg_session_user ON msg_session(user);
      CREATE TABLE msg_api_token (
        id INTEGER PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        user TEXT NOT NULL REFERENCES msg_user(name),
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER
      );
      CREATE TABLE msg_login_failure (
        key TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX msg_login_failure_key ON msg_login_failure(key, at);
      CREATE TABLE msg_read_count (
        user TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('read', 'export')),
        window_start INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user, kind, window_start)
      );`,
  },
  {
    // Need to know: the principals named for a NODIS or EXDIS cable at release (docs/messaging.md).
    // Tamper evidence: INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers, so
    // every insert that would collide with a released cable or an audit entry is refused before it
    // runs; the audit log becomes a hash chain (prev_hash, hash; src/store/audit-chain.ts) with its head
    // and length kept in msg_audit_head. Entries written before this step are chained here, in id order.
    name: '006-principals-tamper-evidence',
    sql: `
      CREATE TABLE msg_principal (
        cable_id TEXT NOT NULL REFERENCES msg_cable(id),
        user_name TEXT NOT NULL REFERENCES msg_user(name),
        PRIMARY KEY (cable_id, user_name)
      );
      CREATE TRIGGER msg_principal_no_update BEFORE UPDATE ON msg_principal
        BEGIN SELECT RAISE(ABORT, 'principals are fixed at release'); END;
      CREATE TRIGGER msg_principal_no_delete BEFORE DELETE ON msg_principal
        BEGIN SELECT RAISE(ABORT, 'principals are fixed at release'); END;
      CREATE TRIGGER msg_principal_no_replace BEFORE INSERT ON msg_principal
        WHEN EXISTS (SELECT 1 FROM msg_principal p WHERE p.cable_id = NEW.cable_id AND p.user_name = NEW.user_name)
        BEGIN SELECT RAISE(ABORT, 'principals are fixed at release'); END;
      CREATE TRIGGER msg_cable_no_replace BEFORE INSERT ON msg_cable
        WHEN EXISTS (SELECT 1 FROM msg_cable c WHERE c.id = NEW.id OR c.draft_id = NEW.draft_id OR (c.origin = NEW.origin AND c.year = NEW.year AND c.serial = NEW.serial))
        BEGIN SELECT RAISE(ABORT, 'released cables are immutable'); END;
      ALTER TABLE msg_audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE msg_audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      CREATE TRIGGER msg_audit_no_replace BEFORE INSERT ON msg_audit
        WHEN EXISTS (SELECT 1 FROM msg_audit a WHERE a.id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TABLE msg_audit_head (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        entries INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER msg_audit_head_no_delete BEFORE DELETE ON msg_audit_head
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  },
  {
    // A password an admin sets for someone else is temporary: its holder must choose his own at the next
    // login (docs/messaging.md, "Administration never widens the admin's own access").
    name: '007-password-must-change',
    sql: `ALTER TABLE msg_password ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));`,
  },
]

/** `entryHash` of src/store/audit-chain.ts, frozen here as the migration shipped it. */
function chainHash(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex')
}

/** Step 006 chains the entries already in the log (the triggers forbid UPDATE, so they step aside). */
function chainExisting(db: Database.Database): void {
  const rows = db.prepare('SELECT id, at, actor, action, outcome, cable_id, draft_id, post, detail FROM msg_audit ORDER BY id').raw().all() as unknown[][]
  let prev = '0'.repeat(64)
  if (rows.length) {
    db.exec('DROP TRIGGER msg_audit_no_update')
    const set = db.prepare('UPDATE msg_audit SET prev_hash = ?, hash = ? WHERE id = ?')
    let expected = 1
    for (const r of rows) {
      // ids must run 1, 2, 3…: renumber nothing, but chain only an unbroken log (a gap is a deletion)
      if (r[0] !== expected++) throw new Error(`msg_audit: entry ${expected - 1} is missing; the log cannot be chained`)
      const hash = chainHash([prev, ...r])
      set.run(prev, hash, r[0])
      prev = hash
    }
    db.exec(`CREATE TRIGGER msg_audit_no_update BEFORE UPDATE ON msg_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`)
  }
  db.prepare('INSERT INTO msg_audit_head (one, entries, hash) VALUES (1, ?, ?)').run(rows.length, prev)
}

/** The messaging steps in the shared migration format (`messaging-001-directory`, …). */
export const MESSAGING_MIGRATIONS: readonly Migration[] = steps.map((step) => ({
  id: `messaging-${step.name}`,
  up: (db) => {
    db.exec(step.sql)
    if (step.name === '006-principals-tamper-evidence') chainExisting(db)
  },
}))
