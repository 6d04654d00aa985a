import { atom } from 'nanostores';
import { connectionState, retryNow } from './connection';
import { pageForKey } from './navigation';
import { platform } from './platform';
import { router } from './router';

/** Whether the keyboard-shortcut help is open. */
export const shortcutHelpOpen = atom(false);

/** Whether the command palette (Ctrl/⌘+K: jump to any page, session or action) is open. */
export const paletteOpen = atom(false);

let pendingG: number | undefined;

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Handles one keydown; returns true when it was a shortcut (the caller then prevents the default). */
export function handleShortcut(event: KeyboardEvent, now = Date.now()): boolean {
  if (event.key === 'Escape' && shortcutHelpOpen.get()) {
    shortcutHelpOpen.set(false);
    return true;
  }
  // Ctrl/⌘+K works everywhere, text fields included, as in other tools.
  if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey) {
    paletteOpen.set(!paletteOpen.get());
    return true;
  }
  // Never steal keys from text fields or from the browser's own modified shortcuts.
  if (typingInto(event.target) || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (pendingG !== undefined && now - pendingG < 1_500) {
    pendingG = undefined;
    const page = pageForKey(event.key);
    if (page) router.open(page.href);
    return !!page;
  }
  switch (event.key) {
    case 'g':
      pendingG = now;
      return true;
    case '?':
      shortcutHelpOpen.set(!shortcutHelpOpen.get());
      return true;
    case 'r':
      // Only when not connected: a healthy connection is never dropped by a stray key.
      if (connectionState.get().phase === 'connected') return false;
      retryNow();
      return true;
    case '/':
      return platform().focus('input[type="search"]');
    default:
      return false;
  }
}
