import { computed } from 'nanostores';
import { whyNot } from './gateway-session';
import { t } from './i18n';

/** `reasonNot(method)`: why an action is unavailable, in words to show beside it; undefined when allowed. */
export const reasonNot = computed(
  [whyNot, t],
  (why, translate) =>
    (method: string): string | undefined => {
      const reason = why(method);
      if (!reason) return undefined;
      if (reason.reason === 'offline') return translate('why.offline');
      if (reason.reason === 'notOffered') return translate('why.notOffered', { method });
      return translate('session.notAllowed', { scope: reason.scope, method });
    },
);
