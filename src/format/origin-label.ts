/**
 * The archive's origin label for an FM address, as Cablegate writes it (`AMEMBASSY HARARE` → `Embassy Harare`,
 * `SECSTATE WASHDC` → `Secretary of State`). Used to show origins the way researchers know them and to compare
 * parsed cables with publisher metadata.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  'SECSTATE WASHDC': 'Secretary of State',
  'SECSTATE WASHINGTON DC': 'Secretary of State',
  'USMISSION USNATO': 'Mission USNATO',
  'USMISSION USUN NEW YORK': 'USUN New York',
  'USMISSION UNVIE VIENNA': 'UNVIE',
  'USEU BRUSSELS': 'USEU Brussels',
  'AIT TAIPEI': 'American Institute Taiwan, Taipei',
  'USDEL SECRETARY': 'US Delegation, Secretary',
  'RPO DUBAI': 'Iran RPO Dubai',
}

/** Place names the publisher writes in their current form. */
const RENAMED: Readonly<Record<string, string>> = { KIEV: 'KYIV', CALCUTTA: 'KOLKATA', BOMBAY: 'MUMBAI', MADRAS: 'CHENNAI' }

const PREFIXES: [RegExp, string][] = [
  [/^AMEMBASSY\s+/, 'Embassy '],
  [/^AMCONSUL\s+/, 'Consulate '],
  [/^USMISSION\s+/, 'US Mission '],
  [/^USINT\s+/, 'US Interests Section '],
  [/^USLO\s+/, 'Embassy '],
  [/^USOFFICE\s+/, 'US Office '],
  [/^REO\s+/, 'REO '],
  [/^IRAN RPO\s+/, 'Iran RPO '],
]

/**
 * The station a PLAD names (spec §2, address lines): upper case, runs of spaces folded, the office or attention
 * note after `//` dropped (`SECDEF WASHDC//USDP:PDUSDP/ISA:EUR//` → `SECDEF WASHDC`, `USDEL SECRETARY//MEXICO//`
 * → `USDEL SECRETARY`), trailing slashes and stops dropped, and the country code some writers put after an
 * embassy's or consulate's city dropped (`AMEMBASSY TRIPOLI LY` → `AMEMBASSY TRIPOLI`). Military and agency
 * PLADs keep their state or country code (`ODC ANKARA TU` is that station's name). Pure; never throws.
 */
export function pladStation(plad: string): string {
  let p = plad.toUpperCase().replace(/\/\/.*$/, '').replace(/\s+/g, ' ').trim()
  p = p.replace(/[\s/.,;:]+$/, '')
  return p.replace(/^(AMEMBASSY|AMCONSUL|USLO) (.+?) [A-Z]{2}$/, '$1 $2')
}

/** The archive's origin label of an FM address (see the module comment); the station from `pladStation`. */
export function archiveOriginLabel(plad: string): string {
  let p = pladStation(plad)
  p = p.replace(/\b([A-Z]+)$/, (w) => RENAMED[w] ?? w)
  if (SPECIAL[p]) return SPECIAL[p]
  for (const [re, label] of PREFIXES) if (re.test(p)) return label + titleCase(p.replace(re, ''))
  return titleCase(p)
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())
}
