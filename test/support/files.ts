import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

const directory = mkdtempSync(join(tmpdir(), "orce-sync-test-"))
let files = 0

// Each test file has its own directory (PGlite databases of half a gigabyte among them): removed when the file's
// tests are done, after the file's own afterAll hooks (which close those databases), so runs do not fill the disk.
afterAll(() => rmSync(directory, { recursive: true, force: true }))

/** Writes a throw-away file for one test and returns its path. */
export const tempFile = (content: string | Uint8Array, extension = ".csv"): string => {
  const path = join(directory, `file-${files++}${extension}`)
  writeFileSync(path, content)
  return path
}

export const tempPath = (name: string): string => join(directory, `${files++}-${name}`)

/** Makes a throw-away directory for one test and returns its path. */
export const tempDir = (name: string): string => {
  const path = tempPath(name)
  mkdirSync(path)
  return path
}
