#!/usr/bin/env node
// The CLI is written in TypeScript that Node 24 runs as is (type stripping); this shim only finds it.
import "../src/cli/main.ts"
