/**
 * Green API (https://green-api.com/en/docs/api/): one instance's calls. The apiTokenInstance
 * travels in the URL path, so no URL of ours ever reaches an error message or a log.
 */

export interface GreenApiCredentials {
  apiUrl: string;
  idInstance: string;
  apiTokenInstance: string;
}

export interface GreenApiSettings {
  webhookUrl?: string;
  webhookUrlToken?: string;
  incomingWebhook?: string;
  outgoingAPIMessageWebhook?: string;
  stateWebhook?: string;
  [key: string]: unknown;
}

/** One entry of lastIncomingMessages (the fields we use). */
export interface JournalMessage {
  idMessage: string;
  /** Unix seconds. */
  timestamp: number;
  typeMessage: string;
  chatId: string;
}

export type GreenApiFailure = 'unauthorized' | 'missing' | 'unreachable' | 'rejected';

/** A file going out to a messenger: its bytes, a name with the right extension, its MIME type. */
export interface OutgoingFile {
  data: Buffer;
  fileName: string;
  mimeType: string;
}

/** Green API's largest outgoing file. */
export const GREEN_API_FILE_LIMIT = 100 * 1024 * 1024;

export class GreenApiError extends Error {
  constructor(
    readonly failure: GreenApiFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GreenApiError';
  }
}

export class GreenApiClient {
  constructor(
    private readonly credentials: GreenApiCredentials,
    private readonly timeoutMs: number,
  ) {}

  private async call<T>(method: string, body?: unknown, query = ''): Promise<T> {
    const form = body instanceof FormData;
    const { apiUrl, idInstance, apiTokenInstance } = this.credentials;
    const url = `${apiUrl.replace(/\/+$/, '')}/waInstance${encodeURIComponent(idInstance)}/${method}/${encodeURIComponent(apiTokenInstance)}${query}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined || form ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'connection failed';
      throw new GreenApiError('unreachable', `Green API ${method}: ${reason}`);
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new GreenApiError('unauthorized', `Green API ${method}: ${response.status} (wrong idInstance or apiTokenInstance)`, response.status);
    }
    if (response.status === 404) throw new GreenApiError('missing', `Green API ${method}: 404 (no such instance at this API URL)`, 404);
    if (!response.ok) {
      throw new GreenApiError('rejected', `Green API ${method}: ${response.status} ${text.slice(0, 200)}`, response.status);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new GreenApiError('rejected', `Green API ${method}: answer is not JSON`, response.status);
    }
  }

  /** authorized, notAuthorized, blocked, sleepMode, starting, yellowCard. */
  async getStateInstance(): Promise<string> {
    const answer = await this.call<{ stateInstance?: string }>('getStateInstance');
    return answer.stateInstance ?? 'unknown';
  }

  /**
   * The instance's journal of incoming messages of the last `minutes` (Green API may take up to two
   * minutes to list a message): what the phone received, whether or not a webhook brought it.
   */
  async lastIncomingMessages(minutes: number): Promise<JournalMessage[]> {
    const answer = await this.call<unknown>(`lastIncomingMessages`, undefined, `?minutes=${Math.max(1, Math.ceil(minutes))}`);
    if (!Array.isArray(answer)) throw new GreenApiError('rejected', 'Green API lastIncomingMessages: answer is not a list');
    return answer.flatMap((item: unknown) => {
      const entry = item as Partial<JournalMessage> | null;
      return entry && typeof entry.idMessage === 'string' && typeof entry.timestamp === 'number' && typeof entry.typeMessage === 'string'
        ? [{ idMessage: entry.idMessage, timestamp: entry.timestamp, typeMessage: entry.typeMessage, chatId: String(entry.chatId ?? '') }]
        : [];
    });
  }

  async setSettings(settings: GreenApiSettings): Promise<boolean> {
    const answer = await this.call<{ saveSettings?: boolean }>('setSettings', settings);
    return answer.saveSettings === true;
  }

  async getSettings(): Promise<GreenApiSettings> {
    return this.call<GreenApiSettings>('getSettings');
  }

  /** A file as a WhatsApp message (form-data upload; Green API takes up to 100 MB and picks the kind by the extension). */
  async sendFileByUpload(chatId: string, file: OutgoingFile, caption: string | undefined, quotedMessageId?: string): Promise<string> {
    const form = new FormData();
    form.set('chatId', chatId);
    form.set('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.fileName);
    form.set('fileName', file.fileName);
    if (caption) form.set('caption', caption);
    if (quotedMessageId) form.set('quotedMessageId', quotedMessageId);
    const answer = await this.call<{ idMessage?: string }>('sendFileByUpload', form);
    if (!answer.idMessage) throw new GreenApiError('rejected', 'Green API sendFileByUpload: no idMessage in the answer');
    return answer.idMessage;
  }

  async sendMessage(chatId: string, message: string, quotedMessageId?: string): Promise<string> {
    const answer = await this.call<{ idMessage?: string }>('sendMessage', {
      chatId,
      message,
      ...(quotedMessageId ? { quotedMessageId } : {}),
    });
    if (!answer.idMessage) throw new GreenApiError('rejected', 'Green API sendMessage: no idMessage in the answer');
    return answer.idMessage;
  }
}
