import { answerHistory, historyOf } from './live';
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, vi } from 'vitest';
import SessionView from '../../views/SessionView.svelte';
import { disconnect, gatewaySettings } from '../stores/connection';
import { drafts } from '../stores/drafts';
import { locale } from '../stores/i18n';
import { activeProfileId, profiles } from '../stores/profiles';
import { models } from '../stores/models';
import { openSessionPage, router } from '../stores/router';
import { activeRuns, recentFailures, runs } from '../stores/run-map';
import { sessionPage, type SessionPage } from '../stores/session-page';
import { recentSessions } from '../stores/session-sidebar';
import { sessionRows, sessions } from '../stores/sessions';
import { transcript } from '../stores/transcripts';
import { render, stubLayout } from './dom';
import { useFakePlatform } from './fake-platform';

/**
 * Sets up every test in the file to run a session view: a fake platform, a laid-out DOM, and
 * everything released after. Returns a maker of session keys no other test in the file uses.
 */
export function useSessionViewTests(): (name: string) => string {
  beforeEach(() => {
    useFakePlatform();
    stubLayout();
  });
  afterEach(() => {
    closeSessionViews();
    vi.unstubAllGlobals();
  });
  let n = 0;
  return (name) => `agent:main:${name}-${++n}`;
}

/** Opens a session's view the way a click on its link does (through the router). */
export function openSessionView(key: string): ReturnType<typeof render> {
  openSessionPage(key);
  const view = render(SessionView, {});
  // The view observes the page now, so reading it builds nothing.
  opened.push({ view, page: sessionPage.get() });
  return view;
}

const opened: Array<{ view: ReturnType<typeof render>; page?: SessionPage }> = [];

/** Unmounts every view opened, releases what they held at once, and closes the connection. */
export function closeSessionViews(): void {
  // The page shown now too (a test may have moved to another session); the views still observe it.
  const pages = [...opened.map(({ page }) => page), opened.length ? sessionPage.get() : undefined];
  const keys = pages.flatMap((page) => (page ? [page.key] : []));
  // Stores derived from a transcript first: one left mounted would mount it again by reading it.
  const derived = pages.flatMap((page) =>
    page ? [page.unnamedRun, page.row, page.draft, page.queue, page.agentWait, page.actions] : [],
  );
  opened.splice(0).forEach(({ view }) => view.destroy());
  cleanStores(
    ...derived,
    sessionPage,
    router,
    ...keys.map(transcript),
    recentSessions,
    sessionRows,
    sessions,
    models,
    runs,
    activeRuns,
    recentFailures,
    // Persistent stores unmount a second after their last reader unless cleaned now; by then
    // jsdom may be gone and their `window` listener removal throws.
    drafts,
    locale,
    gatewaySettings,
    profiles,
    activeProfileId,
  );
  disconnect();
}

/** Clicks the button with this exact text. */
export function click(root: HTMLElement, text: string): void {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  button.click();
}

export { answerHistory, historyOf };
