import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { lowerBrowserPriority } from './browserPriority.js';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export class BrowserNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `${detail}. Install a browser with "npx playwright install chromium" (or "apt-get install chromium"), ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable',
    );
    this.name = 'BrowserNotFoundError';
  }
}

/** CHROMIUM_PATH, else the browser Playwright installed, else the system's Chromium. */
export function resolveChromium(configured: string | undefined, exists: (path: string) => boolean = existsSync): string {
  if (configured) {
    if (!exists(configured)) throw new BrowserNotFoundError(`CHROMIUM_PATH points at ${configured}, which does not exist`);
    return configured;
  }
  let playwrightOwn: string | undefined;
  try {
    playwrightOwn = chromium.executablePath();
  } catch {
    playwrightOwn = undefined;
  }
  for (const candidate of [playwrightOwn, SYSTEM_CHROMIUM]) {
    if (candidate && exists(candidate)) return candidate;
  }
  throw new BrowserNotFoundError(`No Chromium found (looked for Playwright's own browser and ${SYSTEM_CHROMIUM})`);
}

/** One browser per scrape: closing it ends every Chromium process it started, whatever happened. */
export async function launchChromium(executablePath: string, nice = 0): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // What is read is HTML and inline JSON: pictures only cost time and memory.
    args: ['--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--mute-audio', '--blink-settings=imagesEnabled=false'],
  });
  await lowerBrowserPriority(nice);
  return browser;
}
