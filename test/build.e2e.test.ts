import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, testEnv } from './support/hookbot.js';
import { spawnNodeUntilReady, type ReadyProcess } from './support/processes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

let telegram: FakeTelegram;
let work: string;
/** Like the production image: the build output, package.json, and production dependencies only. */
let app: string;
const children: ReadyProcess[] = [];
/** Two cores shared with other test files: conditions are waited for generously. */
const PATIENCE = 60_000;

/**
 * A node_modules holding only what `npm ci --omit=dev` installs at the top level (each package's
 * own dependencies are found through its real path), less tsx: the compiled output must start
 * without a TypeScript loader even though `npm start` keeps one.
 */
async function productionNodeModules(target: string): Promise<void> {
  for (const name of Object.keys(packageJson.dependencies)) {
    if (name === 'tsx') continue;
    const link = path.join(target, 'node_modules', name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(root, 'node_modules', name), link, 'dir');
  }
}

beforeAll(async () => {
  telegram = await startFakeTelegram();
  work = await mkdtemp(path.join(tmpdir(), 'hookbot-build-'));
  app = path.join(work, 'app');
  // What `npm run build` runs, with the output in a folder of its own.
  expect(packageJson.scripts.build).toBe('node --import tsx scripts/build.ts');
  await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build.ts'), path.join(app, 'dist')], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: Error & { stdout?: string }) => {
    throw new Error(`the build failed: ${error.message}\n${error.stdout ?? ''}`);
  });
  await writeFile(path.join(app, 'package.json'), JSON.stringify(packageJson));
  await productionNodeModules(app);
}, 300_000);

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await telegram?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The checks a person makes after starting Hookbot: health, docs, the bot in two languages, an alert. */
async function smokeTest(child: ReadyProcess, userId: number): Promise<void> {
  expect(await (await fetch(`${child.url}/health`)).json()).toEqual({ status: 'ok' });
  expect(await (await fetch(`${child.url}/ready`)).json()).toEqual({ status: 'ready' });
  const docs = await fetch(`${child.url}/docs/static/index.html`);
  expect(docs.status).toBe(200);
  expect(await docs.text()).toContain('swagger');
  // The web view's page and its script were found next to the code.
  const webView = await fetch(`${child.url}/app`);
  expect(webView.status).toBe(200);
  expect(await webView.text()).toContain('/app/assets/app.js');
  expect((await fetch(`${child.url}/app/assets/app.js`)).status).toBe(200);

  // Arabic from the user's Telegram app: the locales were found next to the code.
  const asked = Date.now();
  telegram.sendUserMessage({ id: userId, first_name: 'Build', language_code: 'ar' }, '/start');
  const welcome = await telegram.waitForMessage(userId, (m) => m.at >= asked, PATIENCE);
  expect(welcome.plainText).toMatch(/[\u0600-\u06FF]{3}/);
  const token = await personalToken(telegram, userId, PATIENCE);
  const symbol = `SMOKE${userId}USDT`;
  expect((await postAlert(child.url, token, `buy ${symbol}`)).status).toBe(200);
  await telegram.waitForMessage(userId, (m) => (m.text ?? '').includes(symbol), PATIENCE);
  expect(await child.kill('SIGTERM'), child.output()).toBe(0);
}

async function env(): Promise<Record<string, string>> {
  return { ...testEnv(telegram, await createTestDatabase()), LOG_LEVEL: 'info' };
}

describe('the production build', () => {
  it('npm start (TypeScript through tsx) passes the smoke test', async () => {
    // Exactly what the script runs (its Node flags included), from the checkout.
    const [command, ...args] = packageJson.scripts.start!.split(' ');
    expect(command).toBe('node');
    expect(args.slice(-3)).toEqual(['--import', 'tsx', 'src/main.ts']);
    const child = await spawnNodeUntilReady(args, await env());
    children.push(child);
    await smokeTest(child, 8101);
  }, 240_000);

  it('the built JavaScript (npm run start:prod) passes the same smoke test, with production dependencies only', async () => {
    const [command, ...args] = packageJson.scripts['start:prod']!.split(' ');
    expect(command).toBe('node');
    const child = await spawnNodeUntilReady(args, await env(), app);
    children.push(child);
    await smokeTest(child, 8102);
  }, 240_000);
});
