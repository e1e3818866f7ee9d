import { Console, Effect, Layer } from "effect"
import { Command } from "effect/cli"
import { OrceTarget } from "../../orce/target.ts"
import { rebindOrce, readOrceBinding } from "../../runs/orce-binding.ts"
import { appLayer } from "../app-layer.ts"
import { count } from "../format.ts"
import { orceFlags, orceLayer, resolveRunSettings } from "../run-flags.ts"
import { settingsFlags } from "../settings-flags.ts"

const rebindCommand = Command.make(
  "rebind",
  { ...orceFlags, ...settingsFlags },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings(flags)
    yield* Effect.gen(function*() {
      const target = (yield* OrceTarget).description
      const before = yield* readOrceBinding()
      if (before?.orceTarget === target) {
        return yield* Console.log(`The staging database already synchronizes with ${target}; nothing changed.`)
      }
      const { customers } = yield* rebindOrce(target)
      yield* Console.log(
        `The staging database now synchronizes with ${target}` +
          (before === undefined ? "" : ` instead of ${before.orceTarget}`) +
          `: ${count(customers)} customers had their Relate ID cleared and are flagged for the next sync.`
      )
    }).pipe(Effect.provide(orceLayer(settings).pipe(Layer.provideMerge(appLayer(settings)))))
  })
).pipe(
  Command.withDescription(
    "Bind the staging database to another ORCE: clears every Relate ID and flags every customer for the next sync"
  ),
  Command.withExamples([
    { command: "orce-sync staging rebind --orce-url https://orce.example.com", description: "move staging to a real ORCE" }
  ])
)

export const stagingCommand = Command.make("staging").pipe(
  Command.withDescription("Manage the staging database"),
  Command.withSubcommands([rebindCommand])
)
