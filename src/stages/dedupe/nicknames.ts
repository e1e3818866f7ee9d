import { readFileSync } from "node:fs"
import { join } from "node:path"

const listPath = join(import.meta.dirname, "..", "..", "..", "data", "nicknames", "names.csv")

/** Given name → the names it is directly listed with, both ways; upper case, letters only. */
export type NicknameTable = ReadonlyMap<string, ReadonlySet<string>>

const letters = (name: string) => name.toUpperCase().replace(/[^A-Z]/g, "")

/**
 * Reads lines of "name,nickname,nickname…" (data/nicknames/names.csv). Only direct links count: chaining
 * lines would make every WILLIAM a ROBERT through BILL.
 */
export const nicknameTableFrom = (csv: string): NicknameTable => {
  const table = new Map<string, Set<string>>()
  const link = (a: string, b: string) => {
    let set = table.get(a)
    if (set === undefined) table.set(a, (set = new Set()))
    set.add(b)
  }
  for (const line of csv.split(/\r?\n/)) {
    const [name, ...nicknames] = line.split(",").map(letters)
    if (name === undefined || name === "") continue
    for (const nickname of nicknames) {
      if (nickname === "" || nickname === name) continue
      link(name, nickname)
      link(nickname, name)
    }
  }
  return table
}

let loaded: NicknameTable | undefined

/** The committed list, read once. */
export const nicknames = (): NicknameTable => (loaded ??= nicknameTableFrom(readFileSync(listPath, "utf8")))

/** Whether one first name is a listed nickname of the other (ROBERT and BOB). */
export const areNicknames = (table: NicknameTable, a: string, b: string): boolean =>
  a !== "" && b !== "" && (table.get(a)?.has(b) ?? false)
