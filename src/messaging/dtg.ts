const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** The parts of a date-time group (spec §4.3), always in UTC. */
export interface DtgParts {
  day: string
  time: string
  month: string
  year: string
}

/**
 * Date-time group of an instant: `241936Z SEP 09` as parts. UTC whatever the machine's zone.
 *
 * @example
 *   dtgParts(new Date('2009-09-24T19:36:00Z')) // { day: '24', time: '1936', month: 'SEP', year: '09' }
 */
export function dtgParts(at: Date): DtgParts {
  return {
    day: pad(at.getUTCDate(), 2),
    time: pad(at.getUTCHours(), 2) + pad(at.getUTCMinutes(), 2),
    month: MONTHS[at.getUTCMonth()],
    year: pad(at.getUTCFullYear() % 100, 2),
  }
}

/** `241936Z SEP 09` */
export function formatDtg(at: Date): string {
  const p = dtgParts(at)
  return `${p.day}${p.time}Z ${p.month} ${p.year}`
}

/** FL3 filing time `JJJHHMM`: day of the year and UTC time (`2671955`). */
export function filingTime(at: Date): string {
  const start = Date.UTC(at.getUTCFullYear(), 0, 1)
  const day = Math.floor((at.getTime() - start) / 86_400_000) + 1
  return pad(day, 3) + pad(at.getUTCHours(), 2) + pad(at.getUTCMinutes(), 2)
}
