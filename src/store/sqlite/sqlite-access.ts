import type { Access } from '../store.js'
import { ALL_CAVEATS_MASK, caveatMask, lackedCaveats } from '../caveat-mask.js'
import { somePortionSql, wholeSql } from './sqlite-portions.js'

/** Caveats whose cables only named principals read. */
const PRINCIPALS_ONLY = ['NODIS', 'EXDIS']

/** `list` (a comma-joined column) names `value`: one instr() on the padded list. */
function listHas(list: string, value: string): string {
  return `instr(',' || ${list} || ',', ',${value},') > 0`
}

/**
 * THE access rule of the SQLite engine as one SQL condition over `cables c`, its parameters appended to
 * `params` in order. Level and caveats of the archive row always. In an operator database
 * (`access.needToKnow`) a cable released here is judged by its release record (`msg_cable m`), never by
 * the archive row alone: the record's level and caveats must be within the reader's too, NODIS/EXDIS in
 * the record means named principals only (`msg_principal`), and otherwise the reader's post originated it
 * (`m.origin_post`), received it (`msg_delivery`, collective members included) or the record carries the
 * SIPDIS caption. The archive row is checked as well, so a row that says more than the record still counts.
 * A cable not released here is an imported one: visible with the archive-reader role. See `NeedToKnow` for
 * the rule in words. With `access.portions` (portion-level access on), a cable with a portion the reader may
 * read passes the level and caveat test of the archive row too; the release record's test still applies.
 *
 * @example
 *   const params: unknown[] = []
 *   `SELECT count(*) FROM cables c WHERE ${accessCondition(access, params)}`
 */
export function accessCondition(access: Access, params: unknown[]): string {
  // portion-level access (the caller checked the archive has it on): a cable he may read whole, or one with a
  // portion he may read; need to know below still applies in full
  const portions = access.portions === true
  if (!portions) params.push(access.level, ALL_CAVEATS_MASK & ~caveatMask(access.caveats))
  const cleared = portions ? `(${wholeSql(access)} OR ${somePortionSql(access)})` : 'c.level <= ? AND (c.caveat_mask & ?) = 0'
  const n = access.needToKnow
  if (!n) return cleared
  // caveat names are fixed identifiers from CAVEAT_BITS, never user input: inlined, not parameters
  const lacked = lackedCaveats(access.caveats).map((k) => `AND NOT ${listHas('m.caveats', k)}`).join(' ')
  const principalsOnly = PRINCIPALS_ONLY.map((k) => listHas('m.caveats', k)).join(' OR ')
  params.push(n.archiveReader ? 1 : 0, access.level, n.user, n.post, n.post)
  return `${cleared} AND CASE
      WHEN NOT EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key) THEN ?
      ELSE EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key AND m.level <= ? ${lacked} AND CASE
        WHEN ${principalsOnly} THEN EXISTS (SELECT 1 FROM msg_principal p WHERE p.cable_id = m.id AND p.user_name = ?)
        ELSE m.origin_post = ? OR ${listHas('m.captions', 'SIPDIS')}
          OR EXISTS (SELECT 1 FROM msg_delivery d WHERE d.cable_id = m.id AND d.post = ? AND d.delivered_at IS NOT NULL)
        END)
    END`
}
