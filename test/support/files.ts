import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const directory = mkdtempSync(join(tmpdir(), "orce-sync-test-"))
let files = 0

/** Writes a throw-away file for one test and returns its path. */
export const tempFile = (content: string | Uint8Array, extension = ".csv"): string => {
  const path = join(directory, `file-${files++}${extension}`)
  writeFileSync(path, content)
  return path
}

export const tempPath = (name: string): string => join(directory, `${files++}-${name}`)
