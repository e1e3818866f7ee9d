import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

/** One dataset's replay as a JUnit test case. */
export interface ReplayCase {
  readonly name: string
  readonly pipeline: string
  readonly seconds: number
  /** Differences as lines; empty when the replay equals its expected results. */
  readonly differences: ReadonlyArray<string>
  /** Why the replay could not run at all (a bad dataset, a run that failed). */
  readonly error?: string | undefined
}

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 cannot hold at all, shown as escapes rather than making the file unreadable.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\"", "&quot;")
    .replaceAll("'", "&apos;")

/**
 * The replays as JUnit XML, the report format CI systems read: one <testsuite> "orce-sync replay", one
 * <testcase> per dataset (classname: its pipeline), a <failure> listing the differences, an <error> for a
 * replay that could not run.
 */
export const junitXml = (cases: ReadonlyArray<ReplayCase>): string => {
  const failures = cases.filter((entry) => entry.error === undefined && entry.differences.length > 0).length
  const errors = cases.filter((entry) => entry.error !== undefined).length
  const total = cases.reduce((sum, entry) => sum + entry.seconds, 0)
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="orce-sync replay" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${total.toFixed(3)}">`,
    `  <testsuite name="orce-sync replay" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${total.toFixed(3)}">`
  ]
  for (const entry of cases) {
    const open = `    <testcase name="${escapeXml(entry.name)}" classname="replay.${escapeXml(entry.pipeline)}" time="${entry.seconds.toFixed(3)}"`
    if (entry.error !== undefined) {
      lines.push(`${open}>`, `      <error message="${escapeXml(entry.error)}"/>`, `    </testcase>`)
    } else if (entry.differences.length > 0) {
      lines.push(
        `${open}>`,
        `      <failure message="${entry.differences.length} differences from the expected results">${escapeXml(entry.differences.join("\n"))}</failure>`,
        `    </testcase>`
      )
    } else {
      lines.push(`${open}/>`)
    }
  }
  lines.push(`  </testsuite>`, `</testsuites>`)
  return lines.join("\n") + "\n"
}

export const writeJunit = (path: string, cases: ReadonlyArray<ReplayCase>) => {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, junitXml(cases))
}
