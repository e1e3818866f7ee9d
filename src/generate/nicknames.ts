// Formal first name → the short forms people give when they register a second time. Duplicates use it
// in both directions (ROBERT → BOB, BOB → ROBERT), as dedupe must recognise either.

const table: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["ROBERT", ["BOB", "ROB", "BOBBY"]],
  ["WILLIAM", ["BILL", "WILL", "BILLY"]],
  ["ELIZABETH", ["LIZ", "BETH", "BETTY", "LIZZIE"]],
  ["MARGARET", ["PEGGY", "MAGGIE", "MEG"]],
  ["RICHARD", ["DICK", "RICK", "RICH"]],
  ["JAMES", ["JIM", "JIMMY", "JAMIE"]],
  ["KATHERINE", ["KATE", "KATHY", "KATIE"]],
  ["CATHERINE", ["CATHY", "CATE"]],
  ["JOHN", ["JACK", "JOHNNY"]],
  ["JOSEPH", ["JOE", "JOEY"]],
  ["MICHAEL", ["MIKE", "MICKEY"]],
  ["THOMAS", ["TOM", "TOMMY"]],
  ["CHARLES", ["CHARLIE", "CHUCK"]],
  ["CHRISTOPHER", ["CHRIS", "KIT"]],
  ["DANIEL", ["DAN", "DANNY"]],
  ["MATTHEW", ["MATT"]],
  ["ANTHONY", ["TONY"]],
  ["DONALD", ["DON"]],
  ["STEVEN", ["STEVE"]],
  ["STEPHEN", ["STEVE"]],
  ["ANDREW", ["ANDY", "DREW"]],
  ["EDWARD", ["ED", "TED", "EDDIE"]],
  ["NICHOLAS", ["NICK"]],
  ["JONATHAN", ["JON"]],
  ["BENJAMIN", ["BEN"]],
  ["SAMUEL", ["SAM"]],
  ["ALEXANDER", ["ALEX"]],
  ["GREGORY", ["GREG"]],
  ["TIMOTHY", ["TIM"]],
  ["PATRICK", ["PAT"]],
  ["RONALD", ["RON"]],
  ["KENNETH", ["KEN"]],
  ["LAWRENCE", ["LARRY"]],
  ["JENNIFER", ["JENNY", "JEN"]],
  ["PATRICIA", ["PATTY", "TRISH", "PAT"]],
  ["SUSAN", ["SUE", "SUSIE"]],
  ["DEBORAH", ["DEBBIE", "DEB"]],
  ["REBECCA", ["BECKY"]],
  ["CHRISTINE", ["CHRIS", "TINA"]],
  ["VICTORIA", ["VICKY", "TORI"]],
  ["JACQUELINE", ["JACKIE"]],
  ["ABIGAIL", ["ABBY"]],
  ["SAMANTHA", ["SAM"]],
  ["ALEXANDRA", ["ALEX", "SANDRA"]],
  ["DOROTHY", ["DOT", "DOTTIE"]],
  ["KIMBERLY", ["KIM"]],
  ["PAMELA", ["PAM"]],
  ["JESSICA", ["JESS"]]
]

const byName = new Map<string, Array<string>>()
for (const [formal, shorts] of table) {
  byName.set(formal, [...(byName.get(formal) ?? []), ...shorts])
  for (const short of shorts) byName.set(short, [...(byName.get(short) ?? []), formal])
}

/** Upper-case formal names and nicknames that the generator may swap for each other. */
export const nicknameTable: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = table

/** The names a person called `firstName` (upper case) may also give; empty when there are none. */
export const alternativeFirstNames = (firstName: string): ReadonlyArray<string> => byName.get(firstName) ?? []

/** Formal names that have a nickname; pools favour them so that nickname duplicates occur. */
export const formalNames: ReadonlyArray<string> = table.map(([formal]) => formal)
