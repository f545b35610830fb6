import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Synthetic cables of an invented post, QUORIN, with known research answers (docs/research.md):
 * - 08QUORIN11 in two releases: `r1/` withholds a name (XXXXXXXXXXXX), `r2/` restores it as "Minister Zorbek
 *   Talliv" (versions 1 and 2; the word diff removes one word and adds three);
 * - 2008 serials 11, 20 and 40 held; 40 cites QUORIN 30 and 09STATE500 cites 08 QUORIN 45, which no release holds (the gap map of
 *   QUORIN 2008: serials 11–45, 3 held, 2 cited, 32 missing, known-but-missing 08QUORIN30 and 08QUORIN45);
 * - 08QUORIN40 is SECRET//NOFORN with a (C) and an (S//NF) paragraph (a CONFIDENTIAL rendering with NOFORN
 *   withholds the second; one without NOFORN withholds every portion);
 * - people: Ambassador Ada B. Nobody signs the three QUORIN cables (and classifies 11 and 20); Peter Quint
 *   (key QUINT P) is a participant of 08QUORIN11 and classifies 08QUORIN40;
 * - network: AMEMBASSY QUORIN → SECSTATE WASHDC (3 cables), → AMEMBASSY VELLORA (info, 1); SECSTATE WASHDC →
 *   AMEMBASSY QUORIN (09STATE500).
 */
const cable = (o: { dtg: string; to: string[]; info?: string[]; serial: number; origin: string; from: string; cls: string; caption?: string; subject: string; ref?: string; body: string; signer: string }) =>
  [
    `R ${o.dtg}`,
    `FM ${o.from}`,
    ...o.to.map((t, i) => `${i ? '' : 'TO '}${t} 0001`),
    ...(o.info ?? []).map((t, i) => `${i ? '' : 'INFO '}${t} 0002`),
    '',
    `${o.cls} ${o.origin} ${String(o.serial).padStart(6, '0')}`,
    '',
    ...(o.caption ? [o.caption, ''] : []),
    'E.O. 12958: DECL: 01/01/2019',
    'TAGS: PREL XY',
    `SUBJECT: ${o.subject}`,
    '',
    ...(o.ref ? [o.ref, ''] : []),
    o.body,
    '',
    o.signer,
    '',
  ].join('\n')

const QUORIN11 = (name: string) =>
  cable({
    dtg: '031200Z FEB 08', from: 'AMEMBASSY QUORIN', to: ['SECSTATE WASHDC'], info: ['AMEMBASSY VELLORA'], serial: 11, origin: 'QUORIN', cls: 'C O N F I D E N T I A L', signer: 'NOBODY',
    subject: '(C) INVENTED CABINET GOSSIP',
    body: `Classified By: Ambassador Ada B. Nobody, reasons 1.4 (b) and (d).\n\n1. (C) Participants:\n\nU.S.\nAmbassador Nobody\nPeter Quint, Political Officer (notetaker)\n\n2. (C) ${name} told poloff the cabinet would fall.`,
  })

export const RELEASE_1: Record<string, string> = {
  '08QUORIN11.txt': QUORIN11('XXXXXXXXXXXX'),
  '08QUORIN20.txt': cable({
    dtg: '151200Z MAR 08', from: 'AMEMBASSY QUORIN', to: ['SECSTATE WASHDC'], serial: 20, origin: 'QUORIN', cls: 'C O N F I D E N T I A L', signer: 'NOBODY',
    subject: '(C) INVENTED HARBOUR TALKS',
    body: 'Classified By: Ambassador Ada B. Nobody, reasons 1.4 (d).\n\n1. (C) The harbour talks resumed.',
  }),
  '08QUORIN40.txt': cable({
    dtg: '151200Z MAY 08', from: 'AMEMBASSY QUORIN', to: ['SECSTATE WASHDC'], serial: 40, origin: 'QUORIN', cls: 'S E C R E T', caption: 'NOFORN', signer: 'NOBODY',
    subject: '(C) INVENTED ELECTION OUTLOOK',
    ref: 'REF: A. QUORIN 30 B. QUORIN 20',
    body: 'Classified By: Political Officer Peter Quint, reasons 1.4 (b).\n\n1. (C) The election is set for June.\n\n2. (S//NF) A clandestine source expects the vote to be rigged.',
  }),
  '09STATE500.txt': cable({
    dtg: '041200Z MAR 09', from: 'SECSTATE WASHDC', to: ['AMEMBASSY QUORIN'], serial: 500, origin: 'STATE', cls: 'UNCLAS', signer: 'CLINTON',
    subject: 'INVENTED GUIDANCE',
    // a year-less QUORIN 45 in 08QUORIN40 would be QUORIN's 2007 cable (a later serial of its own post, spec §6)
    ref: 'REF: 08 QUORIN 45',
    body: '1. (U) Guidance follows.',
  }),
}

export const RELEASE_2: Record<string, string> = { '08QUORIN11.txt': QUORIN11('Minister Zorbek Talliv') }

/** A cable released later (08QUORIN50): a snapshot of `origin:QUORIN` saved before it lists it as added. */
export const LATE_RELEASE: Record<string, string> = {
  '08QUORIN50.txt': cable({
    dtg: '101200Z JUN 08', from: 'AMEMBASSY QUORIN', to: ['SECSTATE WASHDC'], serial: 50, origin: 'QUORIN', cls: 'C O N F I D E N T I A L', signer: 'NOBODY',
    subject: '(C) INVENTED LATE REPORT',
    body: '1. (C) A late report.',
  }),
}

/** Writes the releases into `dir/r1`, `dir/r2` and `dir/late` and returns their folders. */
export function writeReleases(dir: string): { r1: string; r2: string; late: string } {
  const out = { r1: join(dir, 'r1'), r2: join(dir, 'r2'), late: join(dir, 'late') }
  for (const [folder, files] of [
    [out.r1, RELEASE_1],
    [out.r2, RELEASE_2],
    [out.late, LATE_RELEASE],
  ] as const) {
    mkdirSync(folder, { recursive: true })
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text)
  }
  return out
}
