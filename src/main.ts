import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startHookbot, roles, type Hookbot, type Role } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { PUBLIC_URL_PROBLEM_TEXT, publicUrlProblems } from './publicUrl.js';

function parseRoles(value: string): Role[] {
  if (value === 'all') return [...roles];
  const wanted = value.split(',').map((part) => part.trim());
  const unknown = wanted.filter((role) => !(roles as readonly string[]).includes(role));
  if (unknown.length > 0) throw new ConfigError([`--role ${unknown.join(', ')} is not one of all, ${roles.join(', ')}`]);
  return wanted as Role[];
}

/** Logging must never be the reason a shutdown stops half-way. */
function safely(write: () => void): void {
  try {
    write();
  } catch {
    // stdout is gone (e.g. the log collector died): nothing useful left to do with the line.
  }
}

async function main(): Promise<void> {
  // Settings already in the environment win over .env, as with every dotenv loader.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  let config;
  let wanted;
  try {
    wanted = parseRoles(values.role ?? 'all');
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error('Hookbot cannot start; fix these settings (see .env.example):');
      for (const problem of error.problems) console.error(`  ${problem}`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const unreachable = publicUrlProblems(config.http);
  if (unreachable.length > 0 && (wanted.includes('web') || wanted.includes('bot'))) {
    log.warn(
      { publicUrl: config.http.publicUrl, problems: unreachable },
      `personal webhook URLs will not be reachable from outside: ${unreachable.map((problem) => PUBLIC_URL_PROBLEM_TEXT[problem]).join('; ')}. ` +
        'Set PUBLIC_URL to the public https address of this server (ports 80/443), e.g. https://hooks.example.com',
    );
  }
  const grace = config.shutdownGraceSeconds;

  // Handlers go in before anything starts: a signal during start-up waits for it, then stops
  // everything that did start, in order.
  let stopping = false;
  const startup: { running?: Promise<Hookbot> } = {};
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Armed first: nothing below (not even a log write to a closed pipe) may keep us from exiting.
    const force = setTimeout(() => process.exit(1), grace * 1000);
    force.unref();
    safely(() => log.info({ signal, graceSeconds: grace }, 'shutting down'));
    Promise.resolve(startup.running)
      .then((hookbot) => hookbot?.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          safely(() => log.error({ err: error }, 'shutdown failed'));
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  startup.running = startHookbot(config, wanted, log);
  await startup.running;
  if (!stopping) log.info({ roles: wanted }, 'Hookbot is running');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`Hookbot cannot start: ${problem}`);
  } else {
    console.error('Hookbot failed to start:', error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
