import type { Access } from '../store.js'
import { ALL_CAVEATS_MASK, caveatMask } from './caveat-mask.js'

/** Caveats whose cables only named principals read. */
const PRINCIPALS_ONLY = caveatMask(['NODIS', 'EXDIS'])

/**
 * THE access rule of the SQLite engine as one SQL condition over `cables c`, its parameters appended to
 * `params` in order. Level and caveats always; in an operator database (`access.needToKnow`) also need to
 * know, decided from the messaging tables of the same file: `msg_cable` (released here, with its
 * originating post), `msg_delivery` (delivered to a post), `msg_principal` (named principals) and the
 * archive's own caption rows (SIPDIS). See `NeedToKnow` for the rule in words.
 *
 * @example
 *   const params: unknown[] = []
 *   `SELECT count(*) FROM cables c WHERE ${accessCondition(access, params)}`
 */
export function accessCondition(access: Access, params: unknown[]): string {
  params.push(access.level, ALL_CAVEATS_MASK & ~caveatMask(access.caveats))
  const cleared = 'c.level <= ? AND (c.caveat_mask & ?) = 0'
  const n = access.needToKnow
  if (!n) return cleared
  params.push(n.archiveReader ? 1 : 0, PRINCIPALS_ONLY, n.user, n.post, n.post)
  return `${cleared} AND CASE
      WHEN NOT EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key) THEN ?
      WHEN (c.caveat_mask & ?) <> 0 THEN EXISTS (SELECT 1 FROM msg_principal p WHERE p.cable_id = c.key AND p.user_name = ?)
      ELSE EXISTS (SELECT 1 FROM msg_cable m WHERE m.id = c.key AND m.origin_post = ?)
        OR EXISTS (SELECT 1 FROM msg_delivery d WHERE d.cable_id = c.key AND d.post = ? AND d.delivered_at IS NOT NULL)
        OR EXISTS (SELECT 1 FROM cable_captions k WHERE k.caption = 'SIPDIS' AND k.cable = c.rowid)
    END`
}
