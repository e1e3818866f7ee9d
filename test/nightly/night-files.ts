import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { deltaExport, nightExports } from "../../data/datasets/nightly-exports.ts"
import { tempPath } from "../support/files.ts"

/** A night's export directory, as `orce-sync nightly` reads it. */
export const exportDir = (files: Readonly<Record<string, string>>) => {
  const directory = tempPath("exports")
  mkdirSync(directory)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text)
  return directory
}

export const people = 40
export const duplicates = 6

/** The first night: every export, duplicates across customers, sites and activity. */
export const firstNight = () => exportDir(nightExports(people, duplicates))

/** A later night's delta: `changed` customers with a new street, and profile rows as given. */
export const deltaNight = (changed: ReadonlyArray<number>, profiles: ReadonlyArray<string> = []) =>
  exportDir({
    "customers.csv": deltaExport(changed),
    ...(profiles.length === 0 ? {} : { "profiles.csv": ["customer_number,profile_description,value", ...profiles].join("\n") + "\n" })
  })

/** The exports of a directory as the nightly job's parameters name them. */
export const exportsOf = (directory: string, names: ReadonlyArray<string> = ["customers.csv", "profiles.csv", "sites.csv", "site-uses.csv", "activity.csv"]) => {
  const spec = (name: string) => names.includes(name) ? { file: join(directory, name) } : undefined
  return {
    customers: { file: join(directory, "customers.csv") },
    profiles: spec("profiles.csv"),
    sites: spec("sites.csv"),
    siteUses: spec("site-uses.csv"),
    activity: spec("activity.csv")
  }
}
