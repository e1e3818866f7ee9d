// Which 3-digit ZIP prefixes (USPS sectional centers, SCF) belong to which state. Faker's own
// postcode_by_state ranges are not SCF-exact (its only NY ZIP, 06390, has the CT prefix 063, and its AL
// range spans the unassigned 353), so generated ZIPs are drawn from this table instead. It lists only
// prefixes assigned to the state, leaving out unassigned and military ones, so it is a subset of any
// SCF table the validator (VAL-5) may use.

const range = (from: number, to: number): Array<number> =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

const prefixes: Record<string, ReadonlyArray<number>> = {
  MA: range(10, 27),
  RI: [28, 29],
  NH: range(30, 38),
  ME: range(39, 49),
  VT: [50, 51, 52, 53, 54, 56, 57, 58, 59],
  CT: range(60, 69),
  NJ: range(70, 89),
  NY: range(100, 149),
  PA: range(150, 196),
  DE: [197, 198, 199],
  DC: [200, 202, 203, 204, 205],
  MD: [206, 207, 208, 209, 210, 211, 212, 214, 215, 216, 217, 218, 219],
  VA: [201, ...range(220, 246)],
  WV: range(247, 268),
  NC: range(270, 289),
  SC: range(290, 299),
  GA: [...range(300, 319), 398, 399],
  FL: [...range(320, 339), 341, 342, 344, 346, 347, 349],
  AL: [350, 351, 352, ...range(354, 369)],
  TN: range(370, 385),
  MS: range(386, 397),
  KY: [...range(400, 418), ...range(420, 427)],
  OH: range(430, 459),
  IN: range(460, 479),
  MI: range(480, 499),
  IA: [...range(500, 516), ...range(520, 528)],
  WI: [530, 531, 532, 534, 535, 537, 538, 539, ...range(540, 549)],
  MN: [550, 551, ...range(553, 567)],
  SD: range(570, 577),
  ND: range(580, 588),
  MT: range(590, 599),
  IL: [...range(600, 620), ...range(622, 629)],
  MO: [630, 631, ...range(633, 641), ...range(644, 658)],
  KS: [660, 661, 662, ...range(664, 679)],
  NE: [680, 681, ...range(683, 693)],
  LA: [700, 701, ...range(703, 708), ...range(710, 714)],
  AR: range(716, 729),
  OK: [730, 731, ...range(734, 741), ...range(743, 749)],
  TX: [...range(750, 770), ...range(772, 799), 885],
  CO: range(800, 816),
  WY: range(820, 831),
  ID: range(832, 838),
  UT: range(840, 847),
  AZ: [850, 852, 853, 855, 856, 857, 859, 860, 863, 864, 865],
  NM: [870, 871, 873, 874, 875, 877, 878, 879, 880, 881, 882, 883, 884],
  NV: [889, 890, 891, 893, 894, 895, 897, 898],
  CA: [...range(900, 908), ...range(910, 928), ...range(930, 961)],
  HI: [967, 968],
  OR: range(970, 979),
  WA: [...range(980, 986), ...range(988, 994)],
  AK: range(995, 999)
}

/** State code → its 3-digit ZIP prefixes, zero-padded ("010"). */
export const usZipPrefixesByState: ReadonlyMap<string, ReadonlyArray<string>> = new Map(
  Object.entries(prefixes).map(([state, list]) => [state, list.map((p) => String(p).padStart(3, "0"))])
)

/** Every US state code the generator uses (50 states and DC). */
export const usStates: ReadonlyArray<string> = [...usZipPrefixesByState.keys()]

/** Is `zip` (5 digits or ZIP+4) in a sectional center of `state`? */
export const zipMatchesState = (zip: string, state: string): boolean =>
  /^\d{5}(-\d{4})?$/.test(zip) && (usZipPrefixesByState.get(state)?.includes(zip.slice(0, 3)) ?? false)
