import { defineConfig } from "vitest/config"
import { nodeOptions } from "./src/cli/node-options.ts"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests' Node runs PGlite as the CLI's does.
    execArgv: [...nodeOptions],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
