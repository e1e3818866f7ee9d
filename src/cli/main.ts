import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect } from "effect"
import { Command } from "effect/cli"
import { generateCommand } from "./commands/generate.ts"
import { loadCommand } from "./commands/load.ts"
import { mapCommand } from "./commands/map.ts"
import { mergeCommand } from "./commands/merge.ts"
import { mockOrceCommand } from "./commands/mock-orce.ts"
import { nightlyCommand } from "./commands/nightly.ts"
import { dedupeCommand } from "./commands/dedupe.ts"
import { orceCommand } from "./commands/orce.ts"
import { exportCommand } from "./commands/export.ts"
import { replayCommand } from "./commands/replay.ts"
import { resumeCommand } from "./commands/resume.ts"
import { runsCommand } from "./commands/runs.ts"
import { stagingCommand } from "./commands/staging.ts"
import { syncCommand } from "./commands/sync.ts"
import { exitCodeOf, messageOf } from "./exit-codes.ts"
import { runMain } from "./run-main.ts"

const orceSync = Command.make("orce-sync").pipe(
  Command.withDescription(
    "Keeps Order Administration customers in step with Oracle Retail Customer Engagement, and merges duplicates."
  ),
  Command.withSubcommands([
    exportCommand,
    syncCommand,
    nightlyCommand,
    resumeCommand,
    replayCommand,
    runsCommand,
    loadCommand,
    dedupeCommand,
    mapCommand,
    generateCommand,
    mergeCommand,
    mockOrceCommand,
    orceCommand,
    stagingCommand
  ])
)

// A reader that stops early (`orce-sync … | head`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
})

const program = Command.run(orceSync, { version: "0.1.0" }).pipe(Effect.provide(NodeServices.layer))

runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => {
    const message = messageOf(exit)
    if (message !== undefined) process.stderr.write(`orce-sync: ${message}\n`)
    onExit(exitCodeOf(exit))
  }
})
