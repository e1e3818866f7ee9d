#!/usr/bin/env -S node --max-semi-space-size=32
// The CLI is TypeScript that Node 24 runs as is (type stripping). On an older Node, hand over to the
// Node 24 that the `node` dev dependency installed, with the same young generation (see "Memory" in
// README.md; package.json's scripts start Node the same way).
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url))
const [major] = process.versions.node.split(".").map(Number)
if (major >= 24) {
  await import(main)
} else {
  const bundled = fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url))
  if (!existsSync(bundled)) {
    console.error(`orce-sync needs Node 24; this is Node ${process.versions.node}. Run npm ci first, or install Node 24.`)
    process.exit(2)
  }
  const result = spawnSync(bundled, [...process.execArgv, main, ...process.argv.slice(2)], { stdio: "inherit" })
  process.exit(result.status ?? 1)
}
