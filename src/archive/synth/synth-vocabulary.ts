/**
 * Word lists for synthetic cables: posts with their routing indicators, TAGS, captions and the common
 * words of diplomatic reporting, written for this project (no cable text is copied). The post list follows
 * the spread of origins in released archives: a few large posts send most of the traffic.
 */

/** [PLAD, routing indicator, MRN origin, weight]. */
export const POSTS: [string, string, string, number][] = [
  ['SECSTATE WASHDC', 'RUEHC', 'STATE', 30],
  ['AMEMBASSY BAGHDAD', 'RUEHGB', 'BAGHDAD', 10],
  ['AMEMBASSY ANKARA', 'RUEHAK', 'ANKARA', 6],
  ['AMEMBASSY TOKYO', 'RUEHKO', 'TOKYO', 6],
  ['AMEMBASSY BEIJING', 'RUEHBJ', 'BEIJING', 6],
  ['AMEMBASSY KABUL', 'RUEHBUL', 'KABUL', 5],
  ['AMEMBASSY PARIS', 'RUEHFR', 'PARIS', 5],
  ['AMEMBASSY LONDON', 'RUEHLO', 'LONDON', 5],
  ['AMEMBASSY MOSCOW', 'RUEHMO', 'MOSCOW', 5],
  ['AMEMBASSY BRASILIA', 'RUEHBR', 'BRASILIA', 4],
  ['AMEMBASSY CAIRO', 'RUEHEG', 'CAIRO', 4],
  ['AMEMBASSY HARARE', 'RUEHSB', 'HARARE', 3],
  ['AMEMBASSY SAN JOSE', 'RUEHSJ', 'SANJOSE', 3],
  ['AMEMBASSY TRIPOLI', 'RUEHTRO', 'TRIPOLI', 3],
  ['AMEMBASSY REYKJAVIK', 'RUEHRK', 'REYKJAVIK', 2],
  ['AMEMBASSY MANAMA', 'RUEHMK', 'MANAMA', 2],
  ['AMEMBASSY DUSHANBE', 'RUEHDBU', 'DUSHANBE', 2],
  ['AMEMBASSY NAIROBI', 'RUEHNR', 'NAIROBI', 3],
  ['AMEMBASSY MADRID', 'RUEHMD', 'MADRID', 3],
  ['AMEMBASSY BERLIN', 'RUEHRL', 'BERLIN', 4],
  ['AMCONSUL SAO PAULO', 'RUEHSO', 'SAOPAULO', 2],
  ['AMCONSUL JERUSALEM', 'RUEHJM', 'JERUSALEM', 2],
  ['USMISSION USNATO', 'RUEHNO', 'USNATO', 3],
  ['USMISSION USUN NEW YORK', 'RUCNDT', 'USUNNEWYORK', 3],
  ['USMISSION UNVIE VIENNA', 'RUEHUNV', 'UNVIEVIENNA', 2],
]

/** Tags any cable may carry besides its topic's. */
export const TAG_POOL = ['PREL', 'PREL', 'PGOV', 'PINR', 'OVIP', 'KPAO', 'ECON', 'PINS']

export const COUNTRY_TAGS = ['IZ', 'TU', 'JA', 'CH', 'AF', 'FR', 'UK', 'RS', 'BR', 'EG', 'ZI', 'CS', 'LY', 'IC', 'BA', 'TI', 'KE', 'SP', 'GM', 'IS', 'IR', 'PK', 'KN', 'IN']

export const WORDS = (
  'government minister officials embassy ambassador meeting discussed said noted stated agreed concerns support ' +
  'policy cooperation regional political president party issue issues plan process proposal draft law ' +
  'reported according sources contact contacts poloff econoff counselor deputy chief mission united states ' +
  'washington council committee commission ministry foreign affairs interior national international public ' +
  'statement visit delegation conference bilateral relations leadership leader leaders coalition cabinet ' +
  'spokesman advisor officer director general strategy strategic priority initiative dialogue framework ' +
  'implementation request requested response responded expressed emphasized highlighted stressed welcomed ' +
  'rejected difficult important significant key major new recent current future previous senior local ' +
  'provincial federal central northern southern capital city province region country countries partners ' +
  'community business companies sector private week month year years days today january february march ' +
  'april june july august september october november december however although because while despite ' +
  'therefore also still only'
).split(' ')

/** Subjects a cable is mostly about: its TAGS and the words that carry it (so each word is rare overall). */
export const TOPICS: { tags: string[]; words: string[] }[] = [
  { tags: ['KNNP', 'PARM', 'MNUC'], words: 'nuclear enrichment uranium reactor inspectors safeguards centrifuges proliferation iaea fuel plutonium resolution sanctions compliance verification'.split(' ') },
  { tags: ['PGOV', 'KDEM'], words: 'election elections vote votes ballot candidates campaign parliament opposition polling turnout fraud observers constitution referendum'.split(' ') },
  { tags: ['ECON', 'EFIN'], words: 'economy economic growth inflation budget deficit bank banks currency debt imf fiscal reform markets prices'.split(' ') },
  { tags: ['ETRD', 'EINV'], words: 'trade exports imports tariffs investment investors wto customs agreement negotiations market access quotas'.split(' ') },
  { tags: ['PTER', 'ASEC'], words: 'terrorism terrorist terrorists counterterrorism attack attacks bombing extremists militants threat cells financing'.split(' ') },
  { tags: ['PHUM', 'KWMN'], words: 'human rights detention detainees torture prisoners activists freedom press journalists abuses trafficking victims'.split(' ') },
  { tags: ['ENRG', 'EPET'], words: 'energy oil gas pipeline electricity power refinery production petroleum supply crude reserves'.split(' ') },
  { tags: ['MARR', 'MOPS'], words: 'military forces troops defense training equipment operations army navy exercises ceasefire weapons'.split(' ') },
  { tags: ['CVIS', 'CASC', 'SMIG'], words: 'visa visas consular citizens passport migration refugees asylum deportation border applicants'.split(' ') },
  { tags: ['SNAR', 'KCRM'], words: 'narcotics drug drugs cocaine trafficking police corruption court judicial prosecutor investigation arrests'.split(' ') },
  { tags: ['SENV', 'TBIO'], words: 'environment climate emissions forest water pollution science technology research health disease vaccine'.split(' ') },
  { tags: ['EAID', 'PREF'], words: 'assistance aid humanitarian development donors funding projects reconstruction food relief infrastructure'.split(' ') },
]

const SYLLABLES = 'ka ri mo ta sa ne lu vi do ba ze ro mi ha pe go fu ti la nu so de ya we'.split(' ')

/** Rare words (names of places, people, projects): a long tail, as real text has, built from syllables. */
export const RARE_WORDS: string[] = Array.from({ length: 20000 }, (_, i) => {
  let w = ''
  let n = i + 7
  for (let k = 0; k < 3 || n > 0; k++) {
    w += SYLLABLES[n % SYLLABLES.length]
    n = Math.floor(n / SYLLABLES.length)
  }
  return w
})

export const GLUE = ['the', 'the', 'the', 'of', 'of', 'and', 'and', 'to', 'to', 'in', 'in', 'a', 'on', 'for', 'with', 'that', 'is', 'was', 'by', 'as', 'at', 'from', 'this', 'would', 'has', 'have', 'not', 'be', 'will', 'their']

export const NAMES = ['AHMED', 'GARCIA', 'IVANOV', 'SMITH', 'TANAKA', 'MULLER', 'DUBOIS', 'SILVA', 'CHEN', 'OKAFOR', 'HASSAN', 'KOWALSKI', 'NOVAK', 'ROSSI', 'JOHANSSON', 'MOYO', 'PEREZ', 'KHAN', 'LEE', 'SATO']

export const SIGNERS = ['CLINTON', 'RICE', 'POWELL', 'CROCKER', 'EIKENBERRY', 'RIVKIN', 'SUSMAN', 'SCOBEY', 'RICE', 'HILL', 'BEYRLE', 'HUNTSMAN']
