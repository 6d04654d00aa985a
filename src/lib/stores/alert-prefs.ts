import { persistentMap } from '@nanostores/persistent';
import { platform } from './platform';

// Apart from alerts.ts so the overview's settings panel does not pull the watcher into the
// first view: the watcher loads just after it.

/** What this display alerts with (each display chooses; a wallboard stays silent). */
export const alertPrefs = persistentMap<{ notify: string; badge: string }>(
  'openclaw-console:alerts:',
  {
    notify: '',
    badge: 'yes',
  },
);

/** Asks the browser for notification permission and turns desktop notifications on when granted. */
export async function enableNotifications(): Promise<NotificationPermission | 'unsupported'> {
  const permission = await platform().notifications.request();
  alertPrefs.setKey('notify', permission === 'granted' ? 'yes' : '');
  return permission;
}
