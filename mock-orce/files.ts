import { existsSync } from "node:fs"
import { readFile, rename, writeFile } from "node:fs/promises"
import { Effect, Schema } from "effect"
import { FaultConfigFromJson, type FaultConfig } from "./faults.ts"
import { type OrceSnapshot, OrceSnapshotFromJson } from "./snapshot.ts"

/** Loading and saving the mock's JSON files, validated with Schema so a bad file fails at start, not mid-run. */

export class MockOrceFileError extends Schema.TaggedError<MockOrceFileError>()("MockOrceFileError", {
  path: Schema.String,
  message: Schema.String
}) {}

const readText = (path: string) =>
  Effect.tryPromise({
    try: () => readFile(path, "utf8"),
    catch: (cause) => new MockOrceFileError({ path, message: `Cannot read ${path}: ${String(cause)}` })
  })

const decodeFile = <A>(path: string, what: string, schema: Schema.Codec<A, string>) =>
  Effect.flatMap(readText(path), (text) =>
    Schema.decodeEffect(schema)(text).pipe(
      Effect.mapError((issue) => new MockOrceFileError({ path, message: `${path} is not a valid ${what}: ${issue.message}` }))
    ))

/** A snapshot file that does not exist yet is an empty start: the run will create it when it saves. */
export const loadSnapshotFile = (path: string): Effect.Effect<OrceSnapshot | undefined, MockOrceFileError> =>
  existsSync(path) ? decodeFile(path, "mock ORCE snapshot", OrceSnapshotFromJson) : Effect.succeed(undefined)

export const loadFaultsFile = (path: string): Effect.Effect<FaultConfig, MockOrceFileError> =>
  decodeFile(path, "fault configuration", FaultConfigFromJson)

/** Written to a temporary file first, so a stop in the middle never leaves half a dataset. */
export const saveSnapshotFile = (path: string, snapshot: OrceSnapshot): Effect.Effect<void, MockOrceFileError> =>
  Effect.tryPromise({
    try: async () => {
      const temporary = `${path}.tmp`
      await writeFile(temporary, JSON.stringify(snapshot, null, 2) + "\n")
      await rename(temporary, path)
    },
    catch: (cause) => new MockOrceFileError({ path, message: `Cannot write ${path}: ${String(cause)}` })
  })
