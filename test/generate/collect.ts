import { type GeneratedCustomer, type GeneratedProfile, generateExport, type GenerateOptions } from "../../src/generate/generate-export.ts"

/** Every record of a (small) export, split by kind: fine in tests, never in the generator itself. */
export const collect = (options: GenerateOptions) => {
  const customers: Array<GeneratedCustomer> = []
  const profiles: Array<GeneratedProfile> = []
  for (const record of generateExport(options)) {
    if (record._tag === "Customer") customers.push(record)
    else profiles.push(record)
  }
  return { customers, profiles }
}
