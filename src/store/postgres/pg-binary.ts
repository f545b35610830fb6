/**
 * Query parameters in PostgreSQL's binary format. `pg` sends a `Buffer` parameter as binary, so the server
 * reads it with the type's receive function instead of parsing text: a `bytea[]` of deflated texts then
 * travels as its bytes rather than as hex twice their size, and a `tsvector[]` is copied rather than parsed.
 */

/** Type OIDs of PostgreSQL's built-in types (fixed across versions). */
export const PG_OID = { bytea: 17, tsvector: 3614 } as const

/**
 * A one-dimensional array in `array_recv`'s format, of elements each already in its type's binary format
 * (null: SQL NULL). Pass it for a parameter cast to that array type (`$1::bytea[]`).
 *
 * @example
 *   await client.query('SELECT cardinality($1::bytea[])', [binaryArray(PG_OID.bytea, [Buffer.from('x')])])
 */
export function binaryArray(elementOid: number, elements: readonly (Uint8Array | null)[]): Buffer {
  let size = 20
  for (const e of elements) size += 4 + (e?.byteLength ?? 0)
  const out = Buffer.allocUnsafe(size)
  let at = out.writeInt32BE(1, 0) // dimensions
  at = out.writeInt32BE(elements.some((e) => e === null) ? 1 : 0, at)
  at = out.writeUInt32BE(elementOid, at)
  at = out.writeInt32BE(elements.length, at)
  at = out.writeInt32BE(1, at) // lower bound
  for (const e of elements) {
    if (e === null) {
      at = out.writeInt32BE(-1, at)
      continue
    }
    at = out.writeInt32BE(e.byteLength, at)
    out.set(e, at)
    at += e.byteLength
  }
  return out
}
