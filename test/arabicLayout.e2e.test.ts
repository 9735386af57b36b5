import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MessageEntity } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChromium } from '../src/services/scraper/browser.js';
import { say, shown } from './support/conversation.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

// The bot's Arabic messages as a Telegram client lays them out: each line its own paragraph whose
// direction comes from its first strong character (what Telegram's apps do), drawn by Chromium.
// Screenshots go to test/artifacts/ (not committed) for a person to look at.

const ARTIFACTS = path.resolve('test/artifacts');

let telegram: FakeTelegram;
let hookbot: TestHookbot;
let browser: Browser;
let page: Page;
const user: FakeUser = { id: 7501, first_name: 'Layla', language_code: 'ar' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  await registerUser(telegram, user);
  browser = await chromium.launch({ executablePath: resolveChromium(process.env.CHROMIUM_PATH) });
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await hookbot?.stop();
  await telegram?.close();
});

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The message's text with its code and bold entities as elements, as a client shows them. */
function messageHtml(text: string, entities: MessageEntity[] = []): string {
  const tags: Partial<Record<MessageEntity['type'], string>> = { code: 'code', bold: 'b', pre: 'pre', italic: 'i' };
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  for (const entity of entities) {
    const tag = tags[entity.type];
    if (!tag) continue;
    opens.set(entity.offset, [...(opens.get(entity.offset) ?? []), `<${tag}>`]);
    closes.set(entity.offset + entity.length, [`</${tag}>`, ...(closes.get(entity.offset + entity.length) ?? [])]);
  }
  let html = '';
  for (let i = 0; i <= text.length; i += 1) {
    html += (closes.get(i) ?? []).join('') + (opens.get(i) ?? []).join('');
    if (i < text.length) html += escape(text[i]!);
  }
  return html;
}

/** Shows the message in Chromium; returns the horizontal position of each UTF-16 unit of its text. */
async function render(message: SentMessage, name: string): Promise<(index: number) => Promise<number>> {
  const text = shown(message);
  const body = messageHtml(text, message.message.entities);
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:#fff">
       <div id="m" style="width:820px;margin:20px;padding:14px;border-radius:12px;background:#effdde;font:17px 'DejaVu Sans',sans-serif;line-height:1.5;white-space:pre-wrap;unicode-bidi:plaintext">${body}</div>
     </body></html>`,
  );
  await page.locator('#m').screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  return async (index) => (await page.evaluate(`(${CHARACTER_X})(${index})`)) as number;
}

/** Runs in the page (this project compiles without the DOM types): the centre x of one UTF-16 unit of #m's text. */
const CHARACTER_X = `(wanted) => {
  const walker = document.createTreeWalker(document.getElementById('m'), NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent.length;
    if (wanted < offset + length) {
      const range = document.createRange();
      range.setStart(node, wanted - offset);
      range.setEnd(node, wanted - offset + 1);
      const rect = range.getClientRects()[0];
      if (!rect) throw new Error('no box for character ' + wanted);
      return rect.left + rect.width / 2;
    }
    offset += length;
  }
  throw new Error('character ' + wanted + ' is not in the message');
}`;

function indexesOf(text: string, fragment: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(fragment); at !== -1; at = text.indexOf(fragment, at + 1)) found.push(at);
  return found;
}

describe('Arabic messages read left-to-right where they quote commands, URLs and JSON', () => {
  it('/help: each /command shows its slash on the left', async () => {
    const help = await say(telegram, user, '/help', (m) => shown(m).includes('/url'));
    const x = await render(help, 'arabic-help');
    const text = shown(help);
    const commands = ['/start', '/url', '/lang', '/help'].flatMap((command) => indexesOf(text, command).map((at) => ({ command, at })));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const { command, at } of commands) {
      expect(await x(at), `${command} at ${at}: "/" left of "${command[1]}"`).toBeLessThan(await x(at + 1));
      expect(await x(at + 1), `${command} at ${at}: letters in order`).toBeLessThan(await x(at + command.length - 1));
    }
  });

  it('/url: the JSON example opens with "{" on the left and the URL reads https:// first', async () => {
    const reply = await say(telegram, user, '/url', (m) => shown(m).includes('/hooks/tradingview/'));
    const x = await render(reply, 'arabic-url');
    const text = shown(reply);
    const json = text.indexOf('{"symbol"');
    const jsonEnd = text.indexOf('}}}', json) + 2;
    expect(json).toBeGreaterThan(0);
    expect(await x(json), 'JSON "{" left of its "}"').toBeLessThan(await x(jsonEnd));
    expect(await x(json), 'JSON "{" left of "symbol"').toBeLessThan(await x(json + 2));
    const url = text.indexOf('https://');
    expect(await x(url), 'URL "h" left of "://"').toBeLessThan(await x(url + 5));
    expect(await x(url), 'URL starts left of its token').toBeLessThan(await x(text.indexOf('/hooks/', url) + 7));
  });
});
