import { Effect, Schema, Stream } from "effect"
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import { type CheckpointError, chunkStep } from "../../batch/chunk-step.ts"
import type { ListenerError } from "../../batch/listeners.ts"
import type { Step } from "../../batch/step.ts"
import { AppSettings } from "../../config/app-settings.ts"
import type { Database, DatabaseError } from "../../db/database.ts"
import type { OrderDecision } from "../../domain/order-decision.ts"
import type { Reject } from "../../domain/reject.ts"
import type { OrceClient } from "../../orce/client.ts"
import type { OrceUnauthorized } from "../../orce/errors.ts"
import { writeRejects } from "../../runs/run-ledger.ts"
import { SourceError } from "../../sources/record-source.ts"
import { writeOrderDecisions } from "./order-decisions.ts"
import { type ParsedLine, parseOrderLine } from "./order-message.ts"
import { processOrderMessage } from "./process-message.ts"

/** Where the step is: after this line of the order messages. */
export const OrderCheckpoint = Schema.Struct({ line: Schema.Int })

/** Messages per committed chunk: they run one at a time anyway, each seeing what the ones before it wrote. */
const messagesPerChunk = 100

/** The file's lines from line `after + 1` on, numbered from 1, read as a stream: memory stays one chunk's worth (REL-3). */
const readLines = (file: string, after: number) =>
  Stream.fromAsyncIterable(
    createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity }),
    (cause) => new SourceError({ source: file, message: `Cannot read the order messages in ${file}: ${String(cause)}` })
  ).pipe(
    Stream.zipWithIndex,
    Stream.map(([text, index]) => ({ text, line: index + 1 })),
    Stream.drop(after)
  )

export type OrderStepRequirements = OrceClient | AppSettings | Database
export type OrderStepError = OrceUnauthorized | DatabaseError | SourceError | ListenerError | CheckpointError

/**
 * The order messages of a file (NDJSON, one customer block per line) through the ORD decisions, in file order,
 * a chunk at a time: a bad line becomes a reject naming its line and reason (VAL-1), a good one a decision with
 * the ORCE calls it made. Messages run one after another, since a message may create the OACS customer the
 * next one finds. Blank lines are skipped. A message's ORCE calls are made in its chunk's transaction: its OACS
 * writes and its decision then commit together, and the next message reads what it wrote.
 */
export const orderMessagesStep = (file: string): Step<OrderStepError, OrderStepRequirements> =>
  chunkStep<ReadonlyArray<ParsedLine>, ReadonlyArray<ParsedLine>, typeof OrderCheckpoint.Type, OrceUnauthorized | SourceError, OrderStepRequirements>({
    name: "order-messages",
    unit: "messages",
    checkpoint: OrderCheckpoint,
    start: { line: 0 },
    read: (from) =>
      readLines(file, from.line).pipe(
        Stream.grouped(messagesPerChunk),
        Stream.map((lines) => ({
          items: lines.filter(({ text }) => text.trim() !== "").map(({ text, line }) => parseOrderLine(file, line, text)),
          checkpoint: { line: lines.at(-1)!.line }
        }))
      ),
    process: (items) => Effect.succeed(items),
    write: (items, context) =>
      Effect.gen(function*() {
        const settings = yield* AppSettings
        const rejects: Array<Reject> = []
        const decisions: Array<OrderDecision> = []
        let rejected = 0
        for (const item of items) {
          if (!item.ok) {
            rejected++
            rejects.push(...item.rejects)
            continue
          }
          decisions.push(yield* processOrderMessage(item.message, context.runId, settings))
        }
        yield* writeRejects(context.runId, JSON.stringify(rejects))
        yield* writeOrderDecisions(context.runId, decisions)
        const outcomes: Record<string, number> = {}
        for (const decision of decisions) {
          outcomes[decision.rule] = (outcomes[decision.rule] ?? 0) + 1
          // Prefixed: the report's own `deferred` and `failed` count sync customers, with their lists.
          outcomes[`message-${decision.outcome}`] = (outcomes[`message-${decision.outcome}`] ?? 0) + 1
        }
        return {
          read: items.length,
          written: decisions.length,
          rejected,
          failed: decisions.filter((decision) => decision.outcome === "failed").length,
          outcomes
        }
      })
  })
