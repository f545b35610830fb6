/**
 * Words of the titles and offices that precede or follow names in cables ("Ambassador", "DCM",
 * "Political Minister Counselor", "Charge d'Affaires a.i.", "A/S", "Poloff"), upper-cased.
 * It also holds the few words a signature line can carry before the name (`END TEXT. CLINTON`). A name is what
 * is left once leading title words are taken off. Data, not a rule: add a word when a cable shows a new one.
 * Misspellings (`POLITIAL`, `MINSTER`) need no entry: `isTitleWord` in people.ts matches within one edit.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  `AMBASSADOR AMB AMBASSADOR-DESIGNATE DCM A/DCM CDA CHARGE CHARGÉ D'AFFAIRES D AFFAIRES A.I. AI
  POLOFF POLOFFS POLCOUNS POL/C POL ECONOFF ECONCOUNS ECON MINCOUNS MC PAO RSO DATT CONGEN CG PO
  POLITICAL ECONOMIC COMMERCIAL CONSULAR PUBLIC MANAGEMENT DEFENSE MILITARY LEGAL AGRICULTURAL
  MINISTER COUNSELOR COUNSELLOR OFFICER OFFICERS CONSUL GENERAL PRINCIPAL DEPUTY CHIEF OF MISSION ACTING
  ASSISTANT SECRETARY UNDER U/S A/S DAS PDAS SPECIAL DIRECTOR SENIOR PRESIDENT VICE PRIME FOREIGN
  ADMIRAL ADM GEN LTG MG BG COL LTC MAJ CAPT DR DR. MR MR. MRS MRS. MS MS. SENATOR SEN REP REPRESENTATIVE
  CONGRESSMAN CONGRESSWOMAN SPEAKER ENVOY COORDINATOR ADVISER ADVISOR ATTACHE ATTACHÉ HEAD FIRST SECOND THIRD
  PERMANENT UN UNGA SCA WHA EUR EAP AF NEA INL ISN DRL PM IO EEB FOR AFFAIRS AND THE STATE EMBASSY NOTETAKER
  INTERPRETER KING QUEEN PRINCE SHEIKH EMIR SULTAN GOVERNOR MAYOR JUSTICE JUDGE
  END TEXT TEXT. END. CHIEF STAFF POLMINCOUNS ECONMINCOUNS SECTION USAID NAS AIT USEU USAU USOSCE CJCS EST EPOL POLEC ECOPOL POLECON
  POLMIL POL-MIL ECOPOLOFF COMMUNICATIONS ECONOMICS FINANCE INTERIOR DEFENCE PARLIAMENT TRANSLATOR ATTORNEY
  REAR LT LIEUTENANT MIN SPOKESMAN SPOKESPERSON EXEC EXECUTIVE HON HONORABLE
  H.E S.E EXCELLENCY EXCELLENCIES HIGHNESS MAJESTY RT MADAME MME MLLE PROF PROFESSOR UNDERSECRETARY
  LCDR CDR RDML VADM COMMISSIONER FM FONMIN NSC SRAP ADMINISTRATOR POLCOUNSELOR ELECT`.split(/\s+/).filter(Boolean),
)

/**
 * Acronyms of offices, bureaus and posts that titles carry (`SCA Notetaker`, `DCM`, `EUR Desk Officer`): in a title
 * written all in capitals they keep their capitals while the words round them are put in title case. Organisation
 * TAGS codes (data/tags.tsv, kind organization: `UN`, `UNGA`, `NATO`) count too without an entry here, and so do
 * codes with a slash (`A/S`, `SCA/CEN`) and words of three letters or more without a vowel (`NSC`, `PRM`) that are
 * no courtesy title (`COURTESY_ABBREVIATIONS`). Upper-cased; data, not a rule: add one when a cable shows a new one.
 */
export const ACRONYM_WORDS: ReadonlySet<string> = new Set(
  `DCM CDA PAO RSO DATT CG PO DAS PDAS SCA WHA EUR EAP AF NEA INL ISN DRL PM IO EEB INR NAS AIT USEU USAU USOSCE
  USUN USNATO CJCS NSC SRAP USG GOI MFA MOD MOI EU OSCE DOD DOS DOJ DHS FBI CIA USTR OMB CENTCOM EUCOM`.split(/\s+/).filter(Boolean),
)

/** Courtesy titles and ranks written short without a vowel that are words, not acronyms: `MRS.` is `Mrs.`, `DR` is `Dr`. */
export const COURTESY_ABBREVIATIONS: ReadonlySet<string> = new Set('MR MRS MS DR LT RT ST SGT'.split(' '))

/**
 * Words that close or open a block of cable text (`END COMMENT.`, `END TEXT.`, `BEGIN SUMMARY`): a signature
 * line that starts with one is a marker, not a name, and a "name" made of one is no person.
 */
export const MARKER_WORDS: ReadonlySet<string> = new Set(
  'END BEGIN COMMENT COMMENTS SUMMARY TEXT NOTE QUOTE UNQUOTE LIST POINTS TALKING'.split(' '),
)

/** Words that join a title to its office (`Minister for Foreign Affairs`) and never belong to a name. */
export const CONNECTIVE_WORDS: ReadonlySet<string> = new Set('FOR OF THE AND TO IN ON UPON BASED WITH FROM ABOUT AT BY'.split(' '))

/**
 * Common English short forms of first names and the full names they stand for (`TOM THOMAS`: Tom is Thomas),
 * upper-cased, so `Tom Kelly` and `Thomas P. Kelly` stay one person while `Peter Quint` and `Paul Quint` are two.
 * Short forms that are the start of the full name (`Greg`, `Matt`, `Alex`) need no entry: a first name that
 * begins another is the same name. Data, not a rule: add a pair when a cable shows a new one.
 */
export const NAME_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
  `TOM:THOMAS KATHY:KATHLEEN,KATHERINE,CATHERINE KATE:KATHLEEN,KATHERINE,CATHERINE CATHY:CATHERINE RICK:RICHARD
  DICK:RICHARD RICH:RICHARD RICHIE:RICHARD CHUCK:CHARLES CHARLIE:CHARLES STEVE:STEPHEN,STEVEN FRANK:FRANCIS,FRANKLIN
  BILL:WILLIAM WILL:WILLIAM BILLY:WILLIAM BOB:ROBERT ROB:ROBERT BOBBY:ROBERT BERT:ROBERT,ALBERT,HERBERT JIM:JAMES
  JIMMY:JAMES JACK:JOHN JOHNNY:JOHN TONY:ANTHONY,ANTONY PEGGY:MARGARET MAGGIE:MARGARET MEG:MARGARET BETH:ELIZABETH
  BETSY:ELIZABETH LIZ:ELIZABETH LIZA:ELIZABETH TED:EDWARD,THEODORE NED:EDWARD ED:EDWARD,EDWIN,EDMUND EDDIE:EDWARD
  HANK:HENRY HARRY:HENRY LARRY:LAWRENCE,LAURENCE JERRY:GERALD,JEROME GERRY:GERALD SANDY:ALEXANDER,SANDRA
  MIKE:MICHAEL MICKEY:MICHAEL DAVE:DAVID JOE:JOSEPH JOEY:JOSEPH SUE:SUSAN,SUZANNE NANCY:ANN,ANNE PATTY:PATRICIA
  TRISH:PATRICIA PAT:PATRICK,PATRICIA NICK:NICHOLAS NIKKI:NICOLE SAM:SAMUEL,SAMANTHA BEN:BENJAMIN CHRIS:CHRISTOPHER,CHRISTINE
  ANDY:ANDREW DREW:ANDREW JON:JONATHAN NATE:NATHAN,NATHANIEL PETE:PETER RAY:RAYMOND RON:RONALD RONNIE:RONALD
  DON:DONALD DONNY:DONALD WALT:WALTER GENE:EUGENE JEFF:JEFFREY,GEOFFREY GEOFF:GEOFFREY,JEFFREY HAL:HAROLD,HENRY
  ALEX:ALEXANDER,ALEJANDRO,ALEXANDRA JUDY:JUDITH JENNY:JENNIFER DEBBIE:DEBORAH,DEBRA BARB:BARBARA BECKY:REBECCA VICKY:VICTORIA`
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const [short, full] = pair.split(':')
      return [short, full.split(',')] as const
    }),
)

/**
 * Words of running prose that no name holds (verbs, pronouns, conjunctions, sentence adverbs; not those that are
 * also names: `He`, `Can`, `May`, `Will`, `More`, `Do`), upper-cased: a "name" holding one is a line of prose, in capitals or not (`LEFT ARE STILL ACTIVE`, `Gerber urged the US`).
 * Data, not a rule: add a word when prose shows a new one.
 */
export const PROSE_WORDS: ReadonlySet<string> = new Set(
  `IS ARE WAS WERE BE BEEN BEING AM HAS HAVE HAD DOES DID WOULD SHALL SHOULD COULD MIGHT MUST
  SAID SAYS SAY TOLD ASKED NOTED ADDED AGREED URGED EXPLAINED STRESSED ARGUED SAID THAT WHICH WHO WHOM WHOSE
  WHAT WHEN WHERE WHILE WHY HOW IF THIS THESE THOSE SHE IT WE THEY HIM HER HIS ITS OUR THEIR THEM YOU
  NOT ALSO BUT OR NOR AS THAN THEN THUS HOWEVER ALTHOUGH THOUGH BECAUSE SINCE UNTIL VERY MOST SOME ANY
  ALL EACH BOTH SUCH ONLY JUST EVEN STILL ALREADY`
    .split(/\s+/)
    .filter(Boolean),
)

/**
 * Words of organisations, places and headings that no person's name holds (`Development Institute`, `UNSC Team`,
 * `United Kingdom`, `Swiss Department`): a "name" holding one is a participant list's heading or the wrapped end
 * of an entry's title, no person. Upper-cased; data, not a rule.
 */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set(
  `INSTITUTE INSTITUTION DEPARTMENT MINISTRY TEAM KINGDOM STATES REPUBLIC NATIONS BANK OFFICE COUNCIL COMMITTEE
  UNIVERSITY FOUNDATION AGENCY MISSION GOVERNMENT ASSOCIATION ASSOCIATES ORGANISATION ORGANIZATION UNION
  COMMISSION DIVISION BUREAU CENTER CENTRE PROGRAM PROGRAMME FUND GROUP COMPANY CORPORATION LTD LTDA PLC INC
  NEWSPAPER PARTY DELEGATION DIRECTORATE SECRETARIAT AUTHORITY SERVICE SERVICES FORCES ARMY NAVY POLICE
  PARLIAMENTARY COALITION ALLIANCE`
    .split(/\s+/)
    .filter(Boolean),
)

/** Lower-case particles of names (`Joachim von Braun`, `Pieter de Gooijer`, `Hamad bin Jassim`): no sign of prose. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(
  'de da del della dei degli di do dos das du van von der den ter ten le la les bin bint ibn abu al el y e und'.split(' '),
)
