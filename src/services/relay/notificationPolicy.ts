/** How a relayed message is delivered: with sound, silently, or kept until the owner resumes. */
export type Delivery = 'loud' | 'silent' | 'held';

export type NotificationMode = 'loud' | 'silent' | 'paused';
export const notificationModes: readonly NotificationMode[] = ['loud', 'silent', 'paused'];

export interface NotificationSettings {
  mode: string;
  quietFrom: number | null;
  quietTo: number | null;
  timeZone: string;
}

/** Minutes after midnight of `now` on the wall clock of `timeZone`. */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** Whether `now` falls in [from, to) of the local day; a range past midnight (22:00-08:00) wraps. */
export function inQuietHours(settings: Pick<NotificationSettings, 'quietFrom' | 'quietTo' | 'timeZone'>, now: Date): boolean {
  const { quietFrom: from, quietTo: to } = settings;
  if (from === null || to === null || from === to) return false;
  const minutes = localMinutes(now, settings.timeZone);
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

export function deliveryFor(settings: NotificationSettings | undefined, now: Date): Delivery {
  if (!settings) return 'loud';
  if (settings.mode === 'paused') return 'held';
  if (settings.mode === 'silent' || inQuietHours(settings, now)) return 'silent';
  return 'loud';
}

/** `22:00-08:00` -> minutes after midnight, or undefined when it is not such a range. */
export function parseQuietHours(text: string): { from: number; to: number } | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  const from = Number(match[1]) * 60 + Number(match[2]);
  const to = Number(match[3]) * 60 + Number(match[4]);
  return from === to ? undefined : { from, to };
}

/** An IANA time zone the runtime knows (Europe/Moscow, Asia/Dubai, UTC), else undefined. */
export function validTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
