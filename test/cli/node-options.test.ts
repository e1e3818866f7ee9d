import { assert, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const root = new URL("../../", import.meta.url)
const scripts: Record<string, string> = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).scripts
const shebang = readFileSync(new URL("bin/orce-sync.js", root), "utf8").split("\n")[0]!

/** The options a command line gives Node before its script. */
const nodeOptions = (command: string) => command.match(/\bnode((?: --[\w-]+(?:=\S+)?)*) /)?.[1]?.trim()

it("the CLI, its npm scripts and the benchmarks start Node with the same options, the young generation capped", () => {
  const options = nodeOptions(`${shebang.replace("#!/usr/bin/env -S ", "")} `)
  assert.include(options, "--max-semi-space-size=32")
  for (const script of ["start", "orce-sync", "bench"]) {
    assert.strictEqual(nodeOptions(scripts[script]!), options, `npm run ${script}`)
  }
})
