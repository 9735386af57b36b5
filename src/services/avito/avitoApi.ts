import { avitoListedMessage, type AvitoListedMessage } from '../../../handlers/avito.js';

/**
 * Avito's REST API (https://developers.avito.ru/api-catalog): the OAuth token, the account, and
 * the messenger calls we use. Tokens and secrets never reach an error message.
 */

export type AvitoFailure = 'unauthorized' | 'unreachable' | 'rejected';

export class AvitoError extends Error {
  constructor(
    readonly failure: AvitoFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AvitoError';
  }
}

export interface AvitoToken {
  accessToken: string;
  expiresAt: Date;
}

export interface AvitoChat {
  id: string;
  updated?: number;
  lastMessage?: { id: string; authorId: number; created: number; type: string; direction?: string };
}

/** Avito's longest text message. */
export const AVITO_TEXT_LIMIT = 1000;

/** The most chats or messages one list call returns (`limit`), and the largest `offset` Avito takes. */
export const AVITO_PAGE_LIMIT = 100;
export const AVITO_MAX_OFFSET = 1000;

export class AvitoApi {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async request<T>(what: string, path: string, init: { method: string; token?: string; json?: unknown; form?: URLSearchParams; multipart?: FormData }): Promise<T> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | FormData | undefined;
    if (init.multipart) {
      body = init.multipart;
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = init.form.toString();
    }
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { method: init.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'connection failed';
      throw new AvitoError('unreachable', `Avito ${what}: ${reason}`);
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) throw new AvitoError('unauthorized', `Avito ${what}: ${response.status}`, response.status);
    if (!response.ok) throw new AvitoError('rejected', `Avito ${what}: ${response.status} ${text.slice(0, 200)}`, response.status);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AvitoError('rejected', `Avito ${what}: answer is not JSON`, response.status);
    }
  }

  /** client_credentials grant; Avito answers a bad pair with 200 and an `error` field, or with 400/401. */
  async token(clientId: string, clientSecret: string): Promise<AvitoToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    let answer: { access_token?: string; expires_in?: number; error?: string };
    try {
      answer = await this.request('token', '/token', { method: 'POST', form });
    } catch (error) {
      if (error instanceof AvitoError && error.status === 400) throw new AvitoError('unauthorized', 'Avito token: client_id or client_secret refused', 400);
      throw error;
    }
    if (!answer.access_token) throw new AvitoError('unauthorized', `Avito token: ${answer.error ?? 'no access_token'}`);
    return { accessToken: answer.access_token, expiresAt: new Date(Date.now() + (answer.expires_in ?? 86_400) * 1000) };
  }

  async self(token: string): Promise<{ id: number; name?: string }> {
    const answer = await this.request<{ id?: number; name?: string }>('accounts/self', '/core/v1/accounts/self', { method: 'GET', token });
    if (typeof answer.id !== 'number') throw new AvitoError('rejected', 'Avito accounts/self: no id');
    return { id: answer.id, ...(answer.name ? { name: answer.name } : {}) };
  }

  async subscribe(token: string, url: string): Promise<void> {
    await this.request('webhook subscribe', '/messenger/v3/webhook', { method: 'POST', token, json: { url } });
  }

  async unsubscribe(token: string, url: string): Promise<void> {
    await this.request('webhook unsubscribe', '/messenger/v1/webhook/unsubscribe', { method: 'POST', token, json: { url } });
  }

  async subscriptions(token: string): Promise<string[]> {
    const answer = await this.request<{ subscriptions?: { url: string }[] }>('subscriptions', '/messenger/v1/subscriptions', { method: 'POST', token });
    return (answer.subscriptions ?? []).map((subscription) => subscription.url);
  }

  /**
   * One page of the account's chats, most recently updated first. Both chats about an ad (u2i) and
   * between users (u2u): without `chat_types` Avito lists only u2i, and webhooks bring both.
   */
  async chats(token: string, accountId: number, offset = 0): Promise<AvitoChat[]> {
    const query = new URLSearchParams({ chat_types: 'u2i,u2u', limit: String(AVITO_PAGE_LIMIT), offset: String(offset) });
    const answer = await this.request<{ chats?: Array<{ id: string; updated?: number; last_message?: { id: string; author_id: number; created: number; type: string; direction?: string } }> }>(
      'chats',
      `/messenger/v2/accounts/${accountId}/chats?${query.toString()}`,
      { method: 'GET', token },
    );
    return (answer.chats ?? []).map((chat) => ({
      id: chat.id,
      ...(chat.updated !== undefined ? { updated: chat.updated } : {}),
      ...(chat.last_message
        ? {
            lastMessage: {
              id: String(chat.last_message.id),
              authorId: Number(chat.last_message.author_id),
              created: chat.last_message.created,
              type: chat.last_message.type,
              ...(chat.last_message.direction ? { direction: chat.last_message.direction } : {}),
            },
          }
        : {}),
    }));
  }

  /** Who the chat is with and about which ad (GET /messenger/v2/accounts/{user_id}/chats/{chat_id}). */
  async chat(token: string, accountId: number, chatId: string): Promise<{ buyer?: string; item?: string; itemUrl?: string }> {
    const answer = await this.request<{ context?: { type?: string; value?: { title?: string; url?: string } }; users?: Array<{ id: number; name?: string }> }>(
      'chat',
      `/messenger/v2/accounts/${accountId}/chats/${encodeURIComponent(chatId)}`,
      { method: 'GET', token },
    );
    const buyer = answer.users?.find((user) => Number(user.id) !== accountId)?.name;
    const item = answer.context?.type === 'item' ? answer.context.value : undefined;
    return { ...(buyer ? { buyer } : {}), ...(item?.title ? { item: item.title } : {}), ...(item?.url ? { itemUrl: item.url } : {}) };
  }

  /**
   * One page of a chat's messages, newest first (`offset` skips that many newer ones). v3 answers
   * a bare array; some answers wrap it in `messages`.
   */
  async messages(token: string, accountId: number, chatId: string, offset = 0): Promise<AvitoListedMessage[]> {
    const query = new URLSearchParams({ limit: String(AVITO_PAGE_LIMIT), offset: String(offset) });
    const answer = await this.request<unknown>('messages', `/messenger/v3/accounts/${accountId}/chats/${encodeURIComponent(chatId)}/messages/?${query.toString()}`, {
      method: 'GET',
      token,
    });
    const list = Array.isArray(answer) ? answer : ((answer as { messages?: unknown[] }).messages ?? []);
    return list.flatMap((item) => {
      const parsed = avitoListedMessage.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Uploads one image (multipart `uploadfile[]`); Avito answers `{"<image_id>": {"<size>": url, …}}`. */
  async uploadImage(token: string, accountId: number, data: Buffer, fileName: string, mimeType: string): Promise<string> {
    const form = new FormData();
    form.set('uploadfile[]', new Blob([new Uint8Array(data)], { type: mimeType }), fileName);
    const answer = await this.request<Record<string, unknown>>('upload image', `/messenger/v1/accounts/${accountId}/uploadImages`, { method: 'POST', token, multipart: form });
    const imageId = Object.keys(answer)[0];
    if (!imageId) throw new AvitoError('rejected', 'Avito upload image: no image id in the answer');
    return imageId;
  }

  async sendImage(token: string, accountId: number, chatId: string, imageId: string): Promise<string> {
    const answer = await this.request<{ id?: string }>('send image', `/messenger/v1/accounts/${accountId}/chats/${encodeURIComponent(chatId)}/messages/image`, {
      method: 'POST',
      token,
      json: { image_id: imageId },
    });
    return String(answer.id ?? '');
  }

  async sendText(token: string, accountId: number, chatId: string, text: string): Promise<string> {
    const answer = await this.request<{ id?: string }>('send message', `/messenger/v1/accounts/${accountId}/chats/${encodeURIComponent(chatId)}/messages`, {
      method: 'POST',
      token,
      json: { message: { text }, type: 'text' },
    });
    return String(answer.id ?? '');
  }
}

/** Splits a reply into Avito-sized messages, at line breaks or spaces when it can. */
export function splitAvitoText(text: string, limit = AVITO_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) cut = limit;
    // Never cut a surrogate pair in half.
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
