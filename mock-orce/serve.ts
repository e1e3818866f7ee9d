import { Effect, Redacted, type Scope } from "effect"
import { steppingClock } from "./clock.ts"
import { loadFaultsFile, loadSnapshotFile, type MockOrceFileError, saveSnapshotFile } from "./files.ts"
import { mockOrceHandlers } from "./handlers.ts"
import { MockOrce } from "./mock-orce.ts"
import { type MockOrceServer, startMockOrceServer } from "./server.ts"

/** `orce-sync mock-orce`: the standalone mock ORCE as an Effect that runs until interrupted. */

export interface ServeMockOrceOptions {
  readonly port: number
  readonly host?: string
  /** Dataset to start from; it is also where the state is saved on stop, unless `saveSnapshot` says otherwise. */
  readonly snapshot?: string
  /** Where to save the state on stop; defaults to `snapshot`. Nothing is saved when neither is given. */
  readonly saveSnapshot?: string
  /** Fault configuration file (MOCK-4). */
  readonly faults?: string
  /** NDJSON traffic log to append to (MOCK-5). */
  readonly traffic?: string
  readonly token: string | Redacted.Redacted<string>
  /** HTTP Basic accepted besides the bearer token. */
  readonly basicAuth?: { readonly user: string; readonly password: Redacted.Redacted<string> }
  /** The OAuth 2 client its token endpoint knows. */
  readonly oauthClient?: { readonly clientId: string; readonly clientSecret: Redacted.Redacted<string> }
  readonly securityUserId?: string
  readonly seed?: string
  readonly lookupLimit?: number
  /** ISO instant: dates come from a clock starting there and stepping a second per change, not from the system clock. */
  readonly clockStart?: string
}

export interface RunningMockOrce {
  readonly mock: MockOrce
  readonly server: MockOrceServer
}

/** Serves an existing mock over loopback in the current scope; closing the scope closes the server and the traffic log. */
export const listenMockOrce = (
  mock: MockOrce,
  options: { readonly port: number; readonly host?: string | undefined }
): Effect.Effect<MockOrceServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() =>
      startMockOrceServer(mockOrceHandlers(mock), {
        port: options.port,
        handlerBaseUrl: mock.baseUrl,
        ...(options.host === undefined ? {} : { host: options.host })
      })
    ),
    (server) => Effect.promise(async () => {
      await server.close()
      await mock.traffic.close()
    })
  )

/** Starts the server in the current scope; closing the scope stops it, then saves the snapshot if asked. */
export const startMockOrce = Effect.fn("startMockOrce")(function*(
  options: ServeMockOrceOptions
): Effect.fn.Return<RunningMockOrce, MockOrceFileError, Scope.Scope> {
  const snapshot = options.snapshot === undefined ? undefined : yield* loadSnapshotFile(options.snapshot)
  const faults = options.faults === undefined ? undefined : yield* loadFaultsFile(options.faults)
  const mock = new MockOrce({
    token: typeof options.token === "string" ? options.token : Redacted.value(options.token),
    ...(options.securityUserId === undefined ? {} : { securityUserId: options.securityUserId }),
    ...(options.basicAuth === undefined ? {} : { basicAuth: { user: options.basicAuth.user, password: Redacted.value(options.basicAuth.password) } }),
    ...(options.oauthClient === undefined
      ? {}
      : { oauthClient: { clientId: options.oauthClient.clientId, clientSecret: Redacted.value(options.oauthClient.clientSecret) } }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.lookupLimit === undefined ? {} : { lookupLimit: options.lookupLimit }),
    ...(options.clockStart === undefined ? {} : { now: steppingClock(options.clockStart) }),
    ...(snapshot === undefined ? {} : { snapshot }),
    ...(faults === undefined ? {} : { faults }),
    ...(options.traffic === undefined ? {} : { traffic: { path: options.traffic } })
  })
  const saveTo = options.saveSnapshot ?? options.snapshot
  // Registered before the server so that it runs after the server has closed: no request changes the saved state.
  yield* Effect.addFinalizer(() =>
    Effect.gen(function*() {
      if (saveTo !== undefined) {
        yield* saveSnapshotFile(saveTo, mock.store.exportSnapshot()).pipe(
          Effect.tap(() => Effect.logInfo(`Mock ORCE state saved to ${saveTo}`)),
          Effect.catch((error) => Effect.logError(error.message))
        )
      }
      if (mock.traffic.writeError !== undefined) {
        yield* Effect.logError(`Mock ORCE traffic log incomplete: ${mock.traffic.writeError.message}`)
      }
      yield* Effect.logInfo("Mock ORCE stopped")
    })
  )
  const server = yield* listenMockOrce(mock, options)
  yield* Effect.logInfo(`Mock ORCE listening on ${server.url} (${mock.store.size} customers)`)
  return { mock, server }
})

/**
 * Runs the standalone mock until interrupted (the caller maps SIGINT/SIGTERM to interruption); on interruption
 * the server stops and the snapshot is saved.
 */
export const serveMockOrce = (options: ServeMockOrceOptions): Effect.Effect<never, MockOrceFileError> =>
  Effect.scoped(Effect.flatMap(startMockOrce(options), () => Effect.never))
