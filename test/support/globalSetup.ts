import type { TestProject } from 'vitest/node';
import { startTemporaryPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server shared by the test run; each file makes its own database. */
    postgresUrl: string;
  }
}

/** One real PostgreSQL server for the whole run; removed afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTemporaryPostgres({ fsync: false, maxConnections: 300 });
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
