import { Effect, Stream } from "effect"
import { readCsv } from "./src/sources/csv/read-csv.ts"
const f = await Effect.runPromise(readCsv("/tmp/x.csv", { knownColumns: ["a","b","c"], requiredColumns: ["a"] }))
console.log(f.header)
console.log(await Effect.runPromise(Stream.runCollect(f.records)))
