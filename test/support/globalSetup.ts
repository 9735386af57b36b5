import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { resolveChromium } from '../../src/services/scraper/browser.js';
import { NGINX_BINARY } from './nginx.js';
import { startTemporaryPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server shared by the test run; each file makes its own database. */
    postgresUrl: string;
  }
}

/**
 * The system packages the tests drive for real. Missing, each would fail its own tests with
 * whatever error it raises; this says at once which to install.
 */
function missingPackages(): string[] {
  const missing: string[] = [];
  try {
    resolveChromium(process.env.CHROMIUM_PATH);
  } catch {
    missing.push('chromium');
  }
  if (!existsSync(NGINX_BINARY)) missing.push('nginx');
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    missing.push('openssl');
  }
  return missing;
}

/** One real PostgreSQL server for the whole run; removed afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = missingPackages();
  if (missing.length > 0) {
    throw new Error(`the tests need Debian's ${missing.join(', ')}: apt-get install ${missing.join(' ')} (bash .ci/run installs them and runs the tests)`);
  }
  const postgres = await startTemporaryPostgres({ fsync: false, maxConnections: 300 });
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
