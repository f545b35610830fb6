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

export function archiveOriginLabel(plad: string): string {
  // delegation PLADs carry a routing note (`USDEL SECRETARY//MEXICO//`); trailing country codes (`TRIPOLI LY`) go too
  let p = plad.toUpperCase().replace(/\/\/.*$/, '').replace(/\s+/g, ' ').trim()
  p = p.replace(/^(AMEMBASSY|AMCONSUL|USLO) (.+?) [A-Z]{2}$/, '$1 $2')
  p = p.replace(/\b([A-Z]+)$/, (w) => RENAMED[w] ?? w)
  if (SPECIAL[p]) return SPECIAL[p]
  for (const [re, label] of PREFIXES) if (re.test(p)) return label + titleCase(p.replace(re, ''))
  return titleCase(p)
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())
}
