import { Console, Effect, Option, Redacted } from "effect"
import { Command, Flag } from "effect/cli"
import { startMockOrce } from "../../../mock-orce/index.ts"
import { mockToken } from "../../../mock-orce/in-process-layer.ts"
import { tokenPath } from "../../../mock-orce/authority.ts"
import { customerServicesPath } from "../../orce/soap/schema.ts"
import { settingsLayer } from "../app-layer.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const optionalString = (name: string, description: string) =>
  Flag.String(name).pipe(Flag.withDescription(description), Flag.optional)

export const mockOrceCommand = Command.make(
  "mock-orce",
  {
    port: Flag.Int("port").pipe(Flag.withDescription("port on 127.0.0.1 (0: any free port)"), Flag.withDefault(7300)),
    snapshot: optionalString("snapshot", "JSON dataset to start from; saved back on stop unless --save-snapshot"),
    saveSnapshot: optionalString("save-snapshot", "where to save the state when stopped"),
    faults: optionalString("faults", "JSON fault plan: latency, 5xx rate, timeouts, drops, listed failures (MOCK-4)"),
    traffic: optionalString("traffic", "NDJSON file to append every request and response to (MOCK-5)"),
    seed: optionalString("seed", "seed of customer IDs and faults (default: fixed)"),
    lookupLimit: Flag.Int("lookup-limit").pipe(
      Flag.withDescription("search results above this fail with the lookup-limit error"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    const token = settings.orceToken ?? Redacted.make(mockToken)
    yield* Effect.scoped(
      Effect.gen(function*() {
        const { mock, server } = yield* startMockOrce({
          port: flags.port,
          host: "127.0.0.1",
          token,
          securityUserId: settings.securityUserId,
          ...(settings.orceUser === undefined || settings.orcePassword === undefined
            ? {}
            : { basicAuth: { user: settings.orceUser, password: settings.orcePassword } }),
          ...(settings.orceClientId === undefined || settings.orceClientSecret === undefined
            ? {}
            : { oauthClient: { clientId: settings.orceClientId, clientSecret: settings.orceClientSecret } }),
          ...Option.match(flags.snapshot, { onNone: () => ({}), onSome: (snapshot) => ({ snapshot }) }),
          ...Option.match(flags.saveSnapshot, { onNone: () => ({}), onSome: (saveSnapshot) => ({ saveSnapshot }) }),
          ...Option.match(flags.faults, { onNone: () => ({}), onSome: (faults) => ({ faults }) }),
          ...Option.match(flags.traffic, { onNone: () => ({}), onSome: (traffic) => ({ traffic }) }),
          ...Option.match(flags.seed, { onNone: () => ({}), onSome: (seed) => ({ seed }) }),
          ...Option.match(flags.lookupLimit, { onNone: () => ({}), onSome: (lookupLimit) => ({ lookupLimit }) })
        })
        yield* Console.log(`Mock ORCE listening on ${server.url} with ${mock.store.size} customers.`)
        yield* Console.log(
          `Customer Services v3.1: ${server.url}${customerServicesPath} (WSDL at ?wsdl); OAuth 2 tokens: ${server.url}${tokenPath}.`
        )
        yield* Console.log(
          settings.orceToken === undefined
            ? `Bearer token: ${mockToken} (set ORCE_SYNC_ORCE_TOKEN to choose another; ORCE_USER/ORCE_PASSWORD and ` +
              `ORCE_CLIENT_ID/ORCE_CLIENT_SECRET are accepted too when set). Stop with Ctrl-C.`
            : "Bearer token: ORCE_TOKEN from the environment. Stop with Ctrl-C."
        )
        return yield* Effect.never
      })
    ).pipe(Effect.provide(settingsLayer(settings)))
  })
).pipe(
  Command.withDescription("Run the mock ORCE (Customer Services v3.1 over SOAP) as a standalone HTTP server on 127.0.0.1 until stopped"),
  Command.withExamples([
    {
      command: "orce-sync mock-orce --port 7300 --snapshot qa/orce.json --traffic qa/traffic.ndjson",
      description: "serve a dataset and record the traffic"
    }
  ])
)
