// What every journal migration shares: its shape, and the triggers that make a table append-only.
export interface Migration {
  version: number
  description: string
  sql: string
}

export const appendOnlyTriggers = (tables: readonly string[]) =>
  tables
    .map(
      (t) => `
CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE on ${t} refused'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE on ${t} refused'); END;`,
    )
    .join('\n')
