import { Effect, Layer, Schema } from "effect"
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { ChunkListeners, ListenerError } from "../src/batch/listeners.ts"
import { MockOrceService } from "./in-process-layer.ts"
import { OrceSnapshot } from "./snapshot.ts"

export class MockStateError extends Schema.TaggedError<MockStateError>()("MockStateError", {
  path: Schema.String,
  message: Schema.String
}) {}

/**
 * Keeps the in-process mock ORCE's state in a file, so a resumed or repeated run sees the ORCE it left behind.
 * A chunk listener saves it just before each chunk commits: after a crash the mock may be ahead of the
 * staging data (as a real ORCE would be), never behind it.
 */
export const savedStateLayer = (path: string) =>
  Layer.effect(
    ChunkListeners,
    Effect.gen(function*() {
      const mock = yield* MockOrceService
      const save = Effect.try({
        try: () => {
          mkdirSync(dirname(path), { recursive: true })
          const temporary = `${path}.tmp`
          writeFileSync(temporary, JSON.stringify(mock.store.exportSnapshot()))
          renameSync(temporary, path)
        },
        catch: (cause) => new ListenerError({ message: `Cannot save the mock ORCE state to ${path}: ${String(cause)}` })
      })
      return [{ beforeCommit: () => save }]
    })
  )

/** The state saved by an earlier run, if any. */
export const readMockState = (path: string) =>
  Effect.try({
    try: () => existsSync(path) ? Schema.decodeUnknownSync(OrceSnapshot)(JSON.parse(readFileSync(path, "utf8"))) : undefined,
    catch: (cause) =>
      new MockStateError({
        path,
        message: `The mock ORCE state in ${path} cannot be read (${String(cause)}); delete it to start from an empty ORCE.`
      })
  })
