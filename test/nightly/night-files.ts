import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { deltaExport, nightExports } from "../../data/datasets/nightly-exports.ts"
import { tempDir } from "../support/files.ts"

/** A night's export directory, as `orce-sync nightly` reads it. */
export const exportDir = (files: Readonly<Record<string, string>>) => {
  const directory = tempDir("exports")
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

const csv = (header: string, rows: ReadonlyArray<ReadonlyArray<string | number>>) =>
  [header, ...rows.map((row) => row.join(","))].join("\n") + "\n"

/** Rows of a later night's sites, site uses and activity exports, in the columns the first night's have. */
export interface SiteRows {
  readonly sites?: ReadonlyArray<ReadonlyArray<string | number>>
  readonly uses?: ReadonlyArray<ReadonlyArray<string | number>>
  readonly activity?: ReadonlyArray<ReadonlyArray<string | number>>
}

/** A later night's delta of sites, site uses and activity (and no customer changed): the files it holds and their names. */
export const siteDeltaNight = (rows: SiteRows) => {
  const files = {
    ...(rows.sites === undefined ? {} : { "sites.csv": csv("site_id,customer_number,operating_unit,street,city,state,postal_code,country", rows.sites) }),
    ...(rows.uses === undefined ? {} : { "site-uses.csv": csv("site_use_id,site_id,use_type,location,primary", rows.uses) }),
    ...(rows.activity === undefined ? {} : { "activity.csv": csv("activity_id,kind,site_use_id,document,amount", rows.activity) })
  }
  return { directory: exportDir({ "customers.csv": deltaExport([]), ...files }), names: ["customers.csv", ...Object.keys(files)] }
}

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
