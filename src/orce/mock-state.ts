import { Context, Effect, Layer } from "effect"
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { Schema } from "effect"
import { OrceSnapshot } from "../../mock-orce/snapshot.ts"
import { MockOrceService } from "./mock-layer.ts"

export class MockStateError extends Schema.TaggedError<MockStateError>()("MockStateError", {
  path: Schema.String,
  message: Schema.String
}) {}

/**
 * Keeps the in-process mock ORCE's state in a file beside the staging database, so a resumed or repeated
 * run sees the ORCE it left behind. A run saves it before each chunk commits: after a crash the mock may
 * be ahead of the staging data (as a real ORCE would be), never behind it.
 */
export class MockOrceState extends Context.Service<MockOrceState, {
  readonly save: Effect.Effect<void, MockStateError>
}>()("orce-sync/orce/MockOrceState") {
  /** Nothing to keep: a real ORCE keeps its own state. */
  static readonly none = Layer.succeed(MockOrceState, { save: Effect.void })

  static readonly layer = (path: string) =>
    Layer.effect(
      MockOrceState,
      Effect.gen(function*() {
        const mock = yield* MockOrceService
        return {
          save: Effect.try({
            try: () => {
              mkdirSync(dirname(path), { recursive: true })
              const temporary = `${path}.tmp`
              writeFileSync(temporary, JSON.stringify(mock.store.exportSnapshot()))
              renameSync(temporary, path)
            },
            catch: (cause) => new MockStateError({ path, message: `Cannot save the mock ORCE state to ${path}: ${String(cause)}` })
          })
        }
      })
    )
}

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
