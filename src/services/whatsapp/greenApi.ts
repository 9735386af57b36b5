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

export type GreenApiFailure = 'unauthorized' | 'missing' | 'unreachable' | 'rejected';

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

  private async call<T>(method: string, body?: unknown): Promise<T> {
    const { apiUrl, idInstance, apiTokenInstance } = this.credentials;
    const url = `${apiUrl.replace(/\/+$/, '')}/waInstance${encodeURIComponent(idInstance)}/${method}/${encodeURIComponent(apiTokenInstance)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
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

  async setSettings(settings: GreenApiSettings): Promise<boolean> {
    const answer = await this.call<{ saveSettings?: boolean }>('setSettings', settings);
    return answer.saveSettings === true;
  }

  async getSettings(): Promise<GreenApiSettings> {
    return this.call<GreenApiSettings>('getSettings');
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
