import { atom, computed, type ReadableAtom } from 'nanostores';
import { isLive } from './connection';
import { can } from './gateway-session';
import type { Outcome } from '../gateway/outcome';
import { abortRun } from './abort';
import { adoptDraft, clearDraft, drafts, setDraft } from './drafts';
import {
  agentWaits,
  discardQueued,
  queueOf,
  retryQueued,
  send,
  type AgentWait,
  type QueuedMessage,
} from './outbox';
import { createPage, type PageInstance } from './page';
import { openSessionsPage } from './router';
import { activeRuns } from './run-map';
import {
  deleteSession,
  renameSession,
  resetSession,
  sessions,
  setSessionModel,
  type SessionRow,
} from './sessions';
import { loadOlder, resetTranscript, transcript, type TranscriptView } from './transcripts';

/** The session actions that report how they went. */
export type SessionAction = 'rename' | 'model' | 'reset' | 'delete';

/** One action: working on it, and how it last ended. */
export interface ActionState {
  pending: boolean;
  outcome?: Outcome;
}

/** Every action's state, and which one ended last (its outcome is the one to show). */
export interface SessionActionStates {
  states: Partial<Record<SessionAction, ActionState>>;
  latest?: SessionAction;
}

/** One session's page: its stores and the actions its view calls. */
export interface SessionPage extends PageInstance {
  key: string;
  transcript: ReadableAtom<TranscriptView>;
  row: ReadableAtom<SessionRow | undefined>;
  queue: ReadableAtom<readonly QueuedMessage[]>;
  agentWait: ReadableAtom<AgentWait | undefined>;
  draft: ReadableAtom<string>;
  /**
   * Whether a message may be typed and queued: what the gateway allowed, kept while the
   * connection is down, so what is typed then waits in the outbox instead of being refused.
   */
  canSend: ReadableAtom<boolean>;
  actions: ReadableAtom<SessionActionStates>;
  /** A run is going that the gateway does not name (an older gateway): only the whole session can be stopped. */
  unnamedRun: ReadableAtom<boolean>;
  loadOlder(): void;
  setDraft(text: string): void;
  /** Sends the draft (as a chat turn, or as a one-shot agent run) and clears it. */
  send(via?: 'chat' | 'agent'): void;
  retry(id: string): void;
  discard(id: string): void;
  /** Stops whatever runs in the session. */
  stopAll(): void;
  rename(label: string): Promise<void>;
  setModel(model: string): Promise<void>;
  reset(): Promise<void>;
  remove(): Promise<void>;
}

function build(key: string): SessionPage {
  const view = transcript(key);
  const row = computed(sessions, (state) => state.value.get(key));
  const draft = computed(drafts, (all) => all[key] ?? '');
  void adoptDraft(key);
  let couldSend = false;
  const canSend = computed([can, isLive], (allowed, live) =>
    live ? (couldSend = allowed('chat.send')) : couldSend,
  );
  let states: SessionActionStates = { states: {} };
  const $actions = atom(states);
  let alive = true;
  // Held for the page's life, so the history loads and the row stays live whatever renders.
  const holds = [view.listen(() => {}), row.listen(() => {})];

  const setState = (name: SessionAction, state: ActionState, latest = states.latest) =>
    $actions.set((states = { states: { ...states.states, [name]: state }, latest }));

  async function act(name: SessionAction, action: () => Promise<Outcome>): Promise<boolean> {
    if (states.states[name]?.pending) return false;
    setState(name, { pending: true, outcome: states.states[name]?.outcome });
    const outcome = await action();
    setState(name, { pending: false, outcome }, name);
    return outcome.ok;
  }

  return {
    key,
    transcript: view,
    row,
    queue: queueOf(key),
    agentWait: computed(agentWaits, (all) => all.get(key)),
    draft,
    canSend,
    actions: $actions,
    unnamedRun: computed(
      [view, row, activeRuns],
      (t, r, active) =>
        t.loaded &&
        !t.namesRuns &&
        r?.hasActiveRun === true &&
        !active.some((run) => run.sessionKey === key),
    ),
    loadOlder: () => void loadOlder(key),
    setDraft: (text) => setDraft(key, text),
    send: (via = 'chat') => {
      const text = drafts.get()[key] ?? '';
      if (!text.trim()) return;
      send(key, text, via);
      clearDraft(key);
    },
    retry: (id) => retryQueued(key, id),
    discard: (id) => discardQueued(key, id),
    stopAll: () => void abortRun(key),
    rename: async (label) => void (await act('rename', () => renameSession(key, label))),
    setModel: async (model) => void (await act('model', () => setSessionModel(key, model))),
    // The conversation shown (or cached) is the old one until replaced: empty it at once.
    reset: async () => {
      if (await act('reset', () => resetSession(key))) resetTranscript(key);
    },
    remove: async () => {
      // Left for another session meanwhile: the operator is elsewhere now, so stay there.
      if ((await act('delete', () => deleteSession(key))) && alive) openSessionsPage();
    },
    exit: () => {
      alive = false;
      holds.forEach((release) => release());
    },
  };
}

/** The session page of the current route (`/sessions/:key`), while observed. */
export const sessionPage = createPage('session', (params) => build(params.key));
