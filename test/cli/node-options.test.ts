import { assert, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { nodeOptions } from "../../src/cli/node-options.ts"
import config from "../../vitest.config.ts"

const root = new URL("../../", import.meta.url)
const scripts: Record<string, string> = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).scripts
const shebang = readFileSync(new URL("bin/orce-sync.js", root), "utf8").split("\n")[0]!

/** The options a command line gives Node before its script. */
const optionsOf = (command: string) => command.match(/\bnode((?: --[\w-]+(?:=\S+)?)*) /)?.[1]?.trim()

it("the CLI, its npm scripts, the benchmarks and the tests start Node with the same options: young generation capped, no wasm code GC", () => {
  const expected = nodeOptions.join(" ")
  assert.include(expected, "--max-semi-space-size=32")
  assert.include(expected, "--no-wasm-code-gc")
  assert.strictEqual(optionsOf(`${shebang.replace("#!/usr/bin/env -S ", "")} `), expected, "bin/orce-sync.js")
  for (const script of ["start", "orce-sync", "bench"]) {
    assert.strictEqual(optionsOf(scripts[script]!), expected, `npm run ${script}`)
  }
  assert.deepStrictEqual(config.test?.execArgv, [...nodeOptions], "vitest.config.ts")
  // This very test runs in a Node started with them.
  for (const option of nodeOptions) assert.include(process.execArgv, option)
})
