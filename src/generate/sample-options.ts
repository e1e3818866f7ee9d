/** The options data/sample/ is generated with; test/generate/sample.test.ts checks the files still match. */
export const sampleOptions = { customers: 1000, seed: 42, duplicateRate: 0.05 } as const
