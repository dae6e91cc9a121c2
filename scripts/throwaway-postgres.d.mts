// Types for throwaway-postgres.mjs, so TypeScript tests can start a cluster.
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** The temporary folder holding the cluster (and its log, `log`). */
  readonly folder: string;
  /** Shuts the cluster down at once and removes its folder. */
  stop(): Promise<void>;
}
/** The folder holding initdb and pg_ctl; undefined when PostgreSQL is not installed. */
export function postgresBinaries(): string | undefined;
export function startThrowawayPostgres(): Promise<ThrowawayPostgres>;
