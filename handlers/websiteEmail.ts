/**
 * Finding a business's e-mail on its website, without I/O: the scraper fetches the pages and
 * asks these functions what they say.
 */

/** Sites whose pages are the network's, not the business's: any address found there is not theirs. */
const SOCIAL_HOSTS = [
  'facebook.com',
  'fb.com',
  'instagram.com',
  'twitter.com',
  'x.com',
  'linkedin.com',
  'tiktok.com',
  'youtube.com',
  'pinterest.com',
  'linktr.ee',
  'wa.me',
  'whatsapp.com',
  't.me',
  'vk.com',
  'ok.ru',
  'google.com',
];

export function isSocialSite(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`));
}

/**
 * Strict on purpose: a local part of the usual characters, a domain with a real-looking TLD of
 * letters only, so `logo@2x.png`, `name@example` and version strings do not pass.
 */
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;
const WHOLE_EMAIL = new RegExp(`^${EMAIL.source}$`);
const ASSET_SUFFIX = /\.(png|jpe?g|gif|svg|webp|avif|css|js|ico|bmp)$/i;
const PLACEHOLDER_DOMAINS = /(^|\.)(example\.(com|org|net)|domain\.com|email\.com|yourdomain\.com|sentry\.io|wixpress\.com)$/i;

function acceptable(email: string): boolean {
  const [, domain = ''] = email.split('@');
  return !ASSET_SUFFIX.test(email) && !PLACEHOLDER_DOMAINS.test(domain) && !email.includes('..');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** `mailto:` links first (the site's own choice), then addresses written in the text; lower-cased, unique. */
export function extractEmails(html: string): string[] {
  const found: string[] = [];
  const add = (candidate: string) => {
    const email = candidate.trim().toLowerCase();
    if (WHOLE_EMAIL.test(email) && acceptable(email) && !found.includes(email)) found.push(email);
  };
  const decoded = decodeEntities(html);
  for (const match of decoded.matchAll(/href\s*=\s*["']?\s*mailto:([^"'?\s>]+)/gi)) {
    add(decodeURIComponent(match[1] ?? ''));
  }
  const text = decoded.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ');
  for (const match of text.matchAll(EMAIL)) add(match[0]);
  return found;
}

const CONTACT_WORDS = /contact|kontakt|contacto|contatti|impressum|about|επικοινων|контакт|اتصل|تواصل/i;

/** The first same-site link that looks like a contact page, as an absolute URL. */
export function findContactLink(html: string, pageUrl: string): string | null {
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return null;
  }
  for (const match of html.matchAll(/<a\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = match[1] ?? '';
    const label = decodeEntities((match[2] ?? '').replace(/<[^>]+>/g, ' '));
    if (/^(mailto|tel|javascript):/i.test(href)) continue;
    let target: URL;
    try {
      target = new URL(href, base);
    } catch {
      continue;
    }
    // The label, or the page's own name (the last path segment): a site's folder may say "contact" for everything.
    const pageName = decodeURIComponent(target.pathname.replace(/\/+$/, '').split('/').pop() ?? '');
    if (!CONTACT_WORDS.test(label) && !CONTACT_WORDS.test(pageName)) continue;
    if (target.host !== base.host || !/^https?:$/.test(target.protocol)) continue;
    if (target.href === base.href) continue;
    return target.href;
  }
  return null;
}
