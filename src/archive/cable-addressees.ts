import { containerStation } from '../format/container-stations.js'
import type { Addressee, Cable } from '../format/model.js'
import { parseCable } from '../format/parse.js'
import type { AddresseeRecord, StoredCable } from '../store/store.js'
import { isWithheldAddressee, readableAddressees } from './withheld-addressees.js'

/**
 * A cable's addressees as the research tools read them, the one reading `cable route` and `cable network` share
 * (QA 10 F3): the TO and INFO lines its text lets the reader read (`readableAddressees`: a rendering's placeholders
 * are no addressees, the TO lines after one have no readable role), and, when the text has no TO line and the
 * cable's container record states its addressees (a CFPF `to_field`, a cables.csv `To` column: the import's
 * `ADDRESSEES_FROM_CONTAINER`), those: `toFromContainer` then says the TO list is the container's, which the route
 * marks inferred. A container name that is no station (`containerStation`: a stray quote, a spreadsheet formula)
 * is never read, whenever the archive was imported.
 *
 * A reader in part reads his rendering (`readableCable`): it holds no diagnostics, so no container addressee is read
 * for him (which addressees the container states depends on the whole cable: fail closed).
 */
export interface CableAddressees {
  to: Addressee[]
  info: Addressee[]
  /** Address lines of the text are withheld from the reader (`readableAddressees`). */
  withheld: boolean
  /** Addressees whose XMT exclusions may be among the lines withheld (`readableAddressees`). */
  exclusionsWithheld: Addressee[]
  /** The TO list is the container record's (the text has no TO line). */
  toFromContainer: boolean
}

/** The import's note that the text has no TO line and the container's addressees were read (src/format/parse.ts). */
const FROM_CONTAINER = 'ADDRESSEES_FROM_CONTAINER'

const asAddressee = (a: Pick<AddresseeRecord, 'name' | 'route' | 'precedence'>): Addressee => ({ route: a.route, name: a.name, precedence: a.precedence as Addressee['precedence'], serial: null, excluded: null })

/**
 * The addressees of a stored cable (or a reader's rendering of one) as the research tools read them (see
 * `CableAddressees`). `parsed`: the plain parse of `cable.text` when the caller has it (the route replays it whole:
 * XMT exclusions, PASS TO); without it the stored lists are the text's (the parser's reading at import) unless one
 * holds a placeholder or the container's list is in them, when the text is parsed again. Pure but for that parse.
 *
 * @example
 *   cableAddressees(await store.getCable('75QUORIN411'))
 *   // { to: [SECSTATE WASHDC, AMEMBASSY VELLORA], info: [], withheld: false, toFromContainer: true }
 */
export function cableAddressees(cable: Pick<StoredCable, 'text' | 'addressees' | 'diagnostics'>, parsed?: Pick<Cable, 'to' | 'info' | 'segments'>): CableAddressees {
  const container = cable.diagnostics.some((d) => d.code === FROM_CONTAINER)
  const stored = (role: AddresseeRecord['role']) => cable.addressees.filter((a) => a.role === role)
  const lines = parsed ?? (container || cable.addressees.some((a) => isWithheldAddressee(a.name)) ? parseCable(cable.text, { plain: true }) : { to: stored('to').map(asAddressee), info: stored('info').map(asAddressee) })
  const read = readableAddressees(lines)
  if (!container || read.to.length > 0 || read.withheld) return { ...read, toFromContainer: false }
  const to = stored('to').flatMap((a) => {
    const name = containerStation(a.name)
    return name ? [asAddressee({ ...a, name })] : []
  })
  return { ...read, to, toFromContainer: to.length > 0 }
}
