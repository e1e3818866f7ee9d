import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { canonicalJson } from "./canonical-json.ts"
import type { Dataset } from "./dataset.ts"
import { type Difference, diffResults } from "./diff.ts"

/** Where a dataset keeps the results a replay must give. */
export const expectedDirectory = (dataset: Dataset) => join(dataset.directory, "expected")

const readText = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined)

/** The expected files a dataset holds now, by name. */
const expectedFiles = (dataset: Dataset): ReadonlyArray<string> => {
  const directory = expectedDirectory(dataset)
  return existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith(".json")).sort() : []
}

/**
 * The differences between a replay's results and the dataset's expected ones, file by file: none when every
 * file is byte-identical. A file expected but not produced, or produced but not expected, is one difference.
 */
export const compareWithExpected = (dataset: Dataset, results: Readonly<Record<string, unknown>>): ReadonlyArray<Difference> => {
  const directory = expectedDirectory(dataset)
  const names = [...new Set([...expectedFiles(dataset), ...Object.keys(results)])].sort()
  return names.flatMap((name) => {
    const text = readText(join(directory, name))
    const got = results[name]
    if (text === undefined || got === undefined) {
      return [{ file: name, who: "run", field: "(whole file)", expected: text === undefined ? undefined : "(present)", got: got === undefined ? undefined : "(present)" }]
    }
    if (text === canonicalJson(got)) return []
    const differences = diffResults(name, JSON.parse(text), JSON.parse(canonicalJson(got)))
    // Same values, other bytes (edited by hand): rewriting the file is all it takes.
    return differences.length > 0 ? differences : [{ file: name, who: "run", field: "(layout)", expected: "as written", got: "canonical JSON" }]
  })
}

/** Rewrites the expected results with these (after a deliberate change), dropping expected files no longer produced. */
export const writeExpected = (dataset: Dataset, results: Readonly<Record<string, unknown>>) => {
  const directory = expectedDirectory(dataset)
  mkdirSync(directory, { recursive: true })
  for (const name of expectedFiles(dataset)) if (!(name in results)) rmSync(join(directory, name))
  for (const [name, value] of Object.entries(results)) writeFileSync(join(directory, name), canonicalJson(value))
}
