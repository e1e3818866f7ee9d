import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { checkOrce } from "../../orce/check.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"
import { UsageError } from "../usage-error.ts"

const checkCommand = Command.make(
  "check",
  {
    orceUrl: Flag.String("orce-url").pipe(Flag.withDescription("ORCE's base URL (default: ORCE_URL)"), Flag.optional),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags, { ORCE_URL: flags.orceUrl })
    if (settings.orceUrl === undefined) {
      return yield* new UsageError({ message: "No ORCE to check: pass --orce-url or set ORCE_SYNC_ORCE_URL." })
    }
    yield* Console.log(yield* checkOrce({ ...settings, orceUrl: settings.orceUrl }))
  })
).pipe(
  Command.withDescription(
    "Connect to ORCE, authenticate and make one harmless call (retrieve by an alternate key no customer holds); " +
      "say what works, or what to fix (URL, TLS, credentials, security user, version). Exit 0 when it works, 1 when not."
  ),
  Command.withExamples([{ command: "orce-sync orce check --orce-url https://orce.example.com/orce", description: "check a tenant" }])
)

export const orceCommand = Command.make("orce").pipe(
  Command.withDescription("Talk to ORCE directly"),
  Command.withSubcommands([checkCommand])
)
