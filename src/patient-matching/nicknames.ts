/**
 * Given-name equivalences for US English (plus a few Spanish diminutives common on US claims):
 * each entry is a canonical given name and the nicknames, diminutives and alternate spellings that
 * stand for it on a claim or a roster. A name may belong to several entries (`AL` is short for
 * ALBERT, ALFRED, ALAN and ALEXANDER); two first names are nickname-equivalent when they share an
 * entry, never by chaining entries (ALEXANDER and SANDRA are not equivalent through SANDY).
 *
 * Names are stored normalized (upper case, no accents, no punctuation), as `nameTokens` produces them.
 */
const GIVEN_NAME_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  // Men's names
  ABRAHAM: ['ABE', 'ABRAM'],
  ALAN: ['AL', 'ALLAN', 'ALLEN'],
  ALBERT: ['AL', 'BERT', 'ALBIE'],
  ALEXANDER: ['ALEX', 'ALEC', 'AL', 'LEX', 'XANDER'],
  ALFRED: ['AL', 'ALF', 'FRED', 'FREDDIE'],
  ANDREW: ['ANDY', 'DREW'],
  ANTHONY: ['TONY', 'ANTONY'],
  ARTHUR: ['ART', 'ARTIE'],
  AUGUSTUS: ['GUS', 'AUGIE'],
  BARTHOLOMEW: ['BART'],
  BENJAMIN: ['BEN', 'BENNY', 'BENJI'],
  BRADLEY: ['BRAD'],
  BRIAN: ['BRYAN'],
  CAMERON: ['CAM'],
  CARL: ['KARL'],
  CHARLES: ['CHARLIE', 'CHARLEY', 'CHUCK', 'CHAS', 'CHAZ'],
  CHRISTOPHER: ['CHRIS', 'KIT', 'TOPHER'],
  CLIFFORD: ['CLIFF'],
  DANIEL: ['DAN', 'DANNY'],
  DAVID: ['DAVE', 'DAVEY', 'DAVY'],
  DOMINIC: ['DOM', 'DOMINICK'],
  DONALD: ['DON', 'DONNIE', 'DONNY'],
  DOUGLAS: ['DOUG'],
  EDWARD: ['ED', 'EDDIE', 'EDDY', 'NED', 'TED'],
  ELIJAH: ['ELI'],
  ERIC: ['ERIK'],
  ERNEST: ['ERNIE'],
  EUGENE: ['GENE'],
  EZEKIEL: ['ZEKE'],
  FRANCIS: ['FRANK', 'FRAN', 'FRANNIE'],
  FRANKLIN: ['FRANK'],
  FREDERICK: ['FRED', 'FREDDY', 'FREDDIE', 'FRITZ', 'FREDRICK'],
  GABRIEL: ['GABE'],
  GERALD: ['JERRY', 'GERRY'],
  GILBERT: ['GIL', 'BERT'],
  GREGORY: ['GREG'],
  HAROLD: ['HAL', 'HARRY'],
  HENRY: ['HANK', 'HARRY', 'HAL'],
  HERBERT: ['HERB', 'BERT'],
  JACOB: ['JAKE', 'JAKOB'],
  JAMES: ['JIM', 'JIMMY', 'JIMMIE', 'JAMIE'],
  JEFFREY: ['JEFF', 'GEOFFREY', 'GEOFF', 'JEFFERY'],
  JEROME: ['JERRY'],
  JOHN: ['JACK', 'JOHNNY', 'JOHNNIE', 'JON'],
  JONATHAN: ['JON', 'JONNY'],
  JOSEPH: ['JOE', 'JOEY'],
  JOSHUA: ['JOSH'],
  KENNETH: ['KEN', 'KENNY'],
  LAWRENCE: ['LARRY', 'LAURENCE'],
  LEONARD: ['LEN', 'LENNY', 'LEO'],
  LOUIS: ['LOU', 'LUIS', 'LEWIS'],
  MALCOLM: ['MAL'],
  MARK: ['MARC'],
  MARTIN: ['MARTY'],
  MATTHEW: ['MATT', 'MATTY'],
  MAXWELL: ['MAX'],
  MICHAEL: ['MIKE', 'MIKEY', 'MICKEY', 'MICK', 'MICHEAL'],
  MITCHELL: ['MITCH'],
  NATHAN: ['NATE'],
  NATHANIEL: ['NATE', 'NATHAN', 'NAT'],
  NICHOLAS: ['NICK', 'NICKY', 'NICO', 'NICOLAS'],
  NORMAN: ['NORM'],
  OLIVER: ['OLLIE'],
  PATRICK: ['PAT', 'PADDY'],
  PERCIVAL: ['PERCY'],
  PETER: ['PETE'],
  PHILIP: ['PHIL', 'PHILLIP'],
  RANDALL: ['RANDY', 'RANDAL'],
  RAYMOND: ['RAY'],
  REGINALD: ['REG', 'REGGIE'],
  RICHARD: ['RICK', 'RICKY', 'RICH', 'RICHIE', 'DICK'],
  ROBERT: ['BOB', 'BOBBY', 'ROB', 'ROBBIE', 'ROBBY', 'BERT'],
  RONALD: ['RON', 'RONNIE', 'RONNY'],
  RUSSELL: ['RUSS', 'RUSTY'],
  SAMUEL: ['SAM', 'SAMMY'],
  SEAN: ['SHAWN', 'SHAUN'],
  SEBASTIAN: ['SEB'],
  SIDNEY: ['SID', 'SYDNEY'],
  SOLOMON: ['SOL'],
  STANLEY: ['STAN'],
  STEVEN: ['STEPHEN', 'STEVE', 'STEVIE'],
  TERRENCE: ['TERRY', 'TERENCE'],
  THEODORE: ['TED', 'TEDDY', 'THEO'],
  THOMAS: ['TOM', 'TOMMY'],
  TIMOTHY: ['TIM', 'TIMMY'],
  TOBIAS: ['TOBY'],
  VINCENT: ['VINCE', 'VINNY'],
  VICTOR: ['VIC'],
  WALTER: ['WALT', 'WALLY'],
  WESLEY: ['WES'],
  WILFRED: ['WILL', 'FRED'],
  WILLIAM: ['BILL', 'BILLY', 'WILL', 'WILLY', 'WILLIE', 'LIAM'],
  ZACHARY: ['ZACH', 'ZACK', 'ZAC'],
  // Women's names
  ABIGAIL: ['ABBY', 'ABBIE', 'GAIL'],
  ALEXANDRA: ['ALEX', 'ALEXA', 'LEXI', 'SANDY'],
  ALLISON: ['ALLIE', 'ALI', 'ALISON'],
  ANGELA: ['ANGIE'],
  ANNE: ['ANN', 'ANNA', 'ANNIE', 'NAN'],
  BARBARA: ['BARB', 'BARBIE', 'BABS'],
  BEATRICE: ['BEA', 'TRIXIE'],
  CAROLINE: ['CARRIE', 'CARO'],
  CHRISTINA: ['CHRIS', 'CHRISSY', 'TINA', 'KRISTINA'],
  CHRISTINE: ['CHRIS', 'CHRISSY', 'TINA', 'KRISTINE'],
  CONSTANCE: ['CONNIE'],
  CYNTHIA: ['CINDY'],
  DEBORAH: ['DEB', 'DEBBIE', 'DEBBY', 'DEBRA'],
  DIANA: ['DIANE', 'DI'],
  DOROTHY: ['DOT', 'DOTTIE', 'DOLLY'],
  ELEANOR: ['ELLIE', 'NELL', 'NELLIE', 'NORA'],
  ELIZABETH: ['LIZ', 'LIZZIE', 'LIZZY', 'BETH', 'BETTY', 'BETSY', 'BESS', 'LIBBY', 'ELIZA', 'ELISABETH'],
  ELLEN: ['ELLIE'],
  EMILY: ['EMMY', 'EMILIE'],
  FLORENCE: ['FLO', 'FLOSSIE'],
  FRANCES: ['FRAN', 'FRANNIE', 'FRANNY'],
  GERTRUDE: ['GERTIE', 'TRUDY'],
  GWENDOLYN: ['GWEN', 'WENDY'],
  ISABEL: ['ISABELLA', 'ISABELLE', 'IZZY', 'BELLA'],
  JACQUELINE: ['JACKIE', 'JACKY', 'JACQUI'],
  JANET: ['JAN'],
  JANICE: ['JAN'],
  JENNIFER: ['JEN', 'JENNY', 'JENNI'],
  JESSICA: ['JESS', 'JESSIE'],
  JOSEPHINE: ['JO', 'JOSIE'],
  JUDITH: ['JUDY', 'JUDI'],
  KATHERINE: [
    'KATE',
    'KATIE',
    'KAT',
    'KATHY',
    'CATHY',
    'KITTY',
    'KAY',
    'CATHERINE',
    'KATHRYN',
    'KATHARINE',
    'CATHRYN',
  ],
  KATHLEEN: ['KATHY', 'KATE'],
  KIMBERLY: ['KIM', 'KIMMY', 'KIMBERLEY'],
  LAURA: ['LAURIE', 'LORI'],
  LILLIAN: ['LILY', 'LILLY', 'LIL'],
  MADELINE: ['MADDIE', 'MADDY', 'MADELYN'],
  MARGARET: ['PEGGY', 'PEG', 'MAGGIE', 'MEG', 'MARGE', 'MARGIE', 'GRETA'],
  MARY: ['MOLLY', 'POLLY', 'MAE', 'MAMIE'],
  MATILDA: ['TILLY', 'MATTIE'],
  MEGAN: ['MEG'],
  MELANIE: ['MEL'],
  MELISSA: ['MEL', 'MISSY', 'LISSA'],
  MICHELLE: ['SHELLY', 'SHELLEY', 'MICHELE'],
  MILDRED: ['MILLIE'],
  NICOLE: ['NIKKI', 'NICKI'],
  OLIVIA: ['LIV', 'LIVVY', 'OLLIE'],
  PAMELA: ['PAM'],
  PATRICIA: ['PAT', 'PATTY', 'PATSY', 'TRISH', 'TRICIA', 'TRISHA'],
  REBECCA: ['BECKY', 'BECCA'],
  RACHEL: ['RACHAEL'],
  SAMANTHA: ['SAM', 'SAMMY', 'SAMMIE'],
  SANDRA: ['SANDY', 'SANDI'],
  SARAH: ['SARA', 'SALLY', 'SADIE'],
  STEPHANIE: ['STEPH', 'STEFANIE'],
  SUSAN: ['SUE', 'SUSIE', 'SUZY'],
  SUZANNE: ['SUE', 'SUZY', 'SUSANNE'],
  TABITHA: ['TABBY'],
  THERESA: ['TERESA', 'TERRY', 'TERI', 'TESS', 'TESSA'],
  VALERIE: ['VAL'],
  VICTORIA: ['VICKY', 'VICKI', 'TORI'],
  VIRGINIA: ['GINNY', 'GINGER'],
  WINIFRED: ['WINNIE'],
  // Spanish diminutives seen on US claims
  ALEJANDRO: ['ALEX', 'ALEJO'],
  EDUARDO: ['LALO'],
  ENRIQUE: ['KIKE'],
  FRANCISCO: ['PACO', 'PANCHO', 'CISCO'],
  GUADALUPE: ['LUPE', 'LUPITA'],
  JESUS: ['CHUY'],
  JOSE: ['PEPE', 'CHEPE'],
};

/** name → the canonical names of every entry it belongs to (itself included when it is canonical), sorted. */
const CANONICALS_BY_NAME: ReadonlyMap<string, readonly string[]> = buildCanonicalIndex();

function buildCanonicalIndex(): Map<string, readonly string[]> {
  const sets = new Map<string, Set<string>>();
  const add = (name: string, canonical: string): void => {
    let set = sets.get(name);
    if (!set) {
      set = new Set();
      sets.set(name, set);
    }
    set.add(canonical);
  };
  for (const [canonical, variants] of Object.entries(GIVEN_NAME_VARIANTS)) {
    add(canonical, canonical);
    for (const variant of variants) add(variant, canonical);
  }
  const index = new Map<string, readonly string[]>();
  for (const [name, set] of sets) index.set(name, Object.freeze([...set].sort()));
  return index;
}

/**
 * The canonical given names a (normalized) first name stands for, sorted: `BILL` → `['WILLIAM']`,
 * `AL` → `['ALAN', 'ALBERT', 'ALEXANDER', 'ALFRED']`, `WILLIAM` → `['WILLIAM']`. A name not in the
 * table stands for itself: `ZEPHYR` → `['ZEPHYR']`.
 */
export function canonicalGivenNames(name: string): readonly string[] {
  return CANONICALS_BY_NAME.get(name) ?? [name];
}

/** Whether two normalized first names share a canonical given name (`BILL`/`WILL`, `PEGGY`/`MARGARET`). */
export function areNicknameEquivalent(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const ca = canonicalGivenNames(a);
  const cb = canonicalGivenNames(b);
  return ca.some((name) => cb.includes(name));
}

/** Every (variant, canonical) pair of the table, sorted: what the table knows, for tests and docs. */
export function nicknamePairs(): Array<readonly [variant: string, canonical: string]> {
  const pairs: Array<readonly [string, string]> = [];
  for (const [canonical, variants] of Object.entries(GIVEN_NAME_VARIANTS)) {
    for (const variant of variants) pairs.push([variant, canonical]);
  }
  return pairs.sort((x, y) => (x[0] === y[0] ? compareText(x[1], y[1]) : compareText(x[0], y[0])));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
