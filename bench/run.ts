// `npm run bench -- <name> [args…]` runs bench/<name>.ts; each case prints one JSON line on stdout.
import { existsSync, readdirSync } from "node:fs"

const [name] = process.argv.slice(2)
const available = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts")
  .map((file) => file.slice(0, -3))

if (name === undefined || !existsSync(new URL(`./${name}.ts`, import.meta.url))) {
  console.error(`Name a benchmark: npm run bench -- <name>, one of: ${available.join(", ")}`)
  process.exit(2)
}
await import(`./${name}.ts`)
