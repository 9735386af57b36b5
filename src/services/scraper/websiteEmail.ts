import type { Agent } from 'undici';
import { extractEmails, findContactLink, isSocialSite } from '../../../handlers/websiteEmail.js';

const MAX_PAGE_BYTES = 1_000_000;

async function fetchPage(url: string, signal: AbortSignal, dispatcher: Agent | undefined): Promise<{ html: string; url: string } | undefined> {
  const response = await fetch(url, {
    signal,
    redirect: 'follow',
    // The guarded agent: a website listed on Maps must not make us read the internal network.
    ...(dispatcher ? { dispatcher: dispatcher as never } : {}),
    headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Mozilla/5.0 (compatible; Hookbot)' },
  });
  if (!response.ok || !(response.headers.get('content-type') ?? 'text/html').includes('html')) {
    await response.body?.cancel();
    return undefined;
  }
  // Read at most MAX_PAGE_BYTES: a page is not worth more, and a huge one must not stall the scrape.
  const reader = response.body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_PAGE_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return { html: Buffer.concat(chunks).toString('utf8'), url: response.url || url };
}

/**
 * The business's e-mail from its website: the home page, then a contact page if it links one.
 * Social networks are skipped (the address found there would be theirs). Bounded by `timeoutMs`
 * in all; any failure is simply "no e-mail".
 */
export async function findWebsiteEmail(
  website: string,
  timeoutMs: number,
  signal?: AbortSignal,
  dispatcher?: Agent,
): Promise<string | null> {
  if (!/^https?:\/\//i.test(website) || isSocialSite(website)) return null;
  const deadline = signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  try {
    const home = await fetchPage(website, deadline, dispatcher);
    if (!home) return null;
    const [email] = extractEmails(home.html);
    if (email) return email;
    const contact = findContactLink(home.html, home.url);
    if (!contact) return null;
    const page = await fetchPage(contact, deadline, dispatcher);
    return page ? (extractEmails(page.html)[0] ?? null) : null;
  } catch {
    return null;
  }
}
