import { type Kysely, sql } from "kysely"

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per step per run (a step execution): where the step is, what it counted, and its checkpoint,
  // which each chunk commits together with its writes. The only checkpoint store: runs.checkpoint stays
  // only so that a run ledger written by an earlier version can still be resumed.
  await sql`
    CREATE TABLE step_executions (
      run_id       text        NOT NULL REFERENCES runs ON DELETE CASCADE,
      step         text        NOT NULL,
      position     integer     NOT NULL,
      status       text        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
      chunks       integer     NOT NULL DEFAULT 0,
      read_count   integer     NOT NULL DEFAULT 0,
      write_count  integer     NOT NULL DEFAULT 0,
      reject_count integer     NOT NULL DEFAULT 0,
      fail_count   integer     NOT NULL DEFAULT 0,
      outcomes     jsonb       NOT NULL DEFAULT '{}',
      checkpoint   jsonb,
      started_at   timestamptz NOT NULL,
      ended_at     timestamptz,
      PRIMARY KEY (run_id, step)
    )`.execute(db)

  // What a resumed run needs to build its job again (input files or tables), and the ORCE it talks to.
  await sql`ALTER TABLE runs ADD COLUMN parameters jsonb`.execute(db)
  await sql`ALTER TABLE runs ADD COLUMN orce_target text`.execute(db)

  // The ORCE whose Relate IDs the staging database holds: one row, set by the first run that talks to ORCE
  // (bound_by: its run ID) or by `orce-sync staging rebind`.
  await sql`
    CREATE TABLE orce_binding (
      only_row    boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
      orce_target text        NOT NULL,
      bound_at    timestamptz NOT NULL,
      bound_by    text        NOT NULL
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS orce_binding, step_executions`.execute(db)
  await sql`ALTER TABLE runs DROP COLUMN IF EXISTS parameters, DROP COLUMN IF EXISTS orce_target`.execute(db)
}
