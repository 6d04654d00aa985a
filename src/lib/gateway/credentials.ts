import { gatewayCredentialScope } from '@openclaw/gateway-client/browser';

/** What the user gave to authenticate against one gateway. */
export interface Credentials {
  token?: string;
  password?: string;
}

/** The two web storages, injectable for tests. */
export interface CredentialStorages {
  session: Storage;
  local: Storage;
}

const passwords = new Map<string, string>();

function key(gatewayUrl: string): string {
  return `openclaw-console:token:${gatewayCredentialScope(gatewayUrl)}`;
}

/** What a start-up link may carry in its fragment (never sent to a server). */
export interface FragmentLink {
  gateway?: string;
  token?: string;
  /** A one-time code the serving `npm start` exchanges for the token (the token stays out of URLs). */
  code?: string;
}

/** Reads `#gateway=`, `#token=` and `#code=` once and removes them from the address bar at once. */
export function takeLinkFromFragment(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  replaceAddress: (url: string) => void,
): FragmentLink {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const value = (name: string) => params.get(name)?.trim() || undefined;
  const link = { gateway: value('gateway'), token: value('token'), code: value('code') };
  if (!['gateway', 'token', 'code'].some((name) => params.has(name))) return link;
  for (const name of ['gateway', 'token', 'code']) params.delete(name);
  const rest = params.toString();
  replaceAddress(`${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return link;
}

/**
 * Reads a `#token=` fragment once and removes it from the address bar, so the
 * secret never lingers in history, bookmarks or a copied link.
 */
export function takeTokenFromFragment(location: Location, history: History): string | undefined {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  if (!params.has('token')) return undefined;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
  );
  return token || undefined;
}

/** Saves credentials: the token in sessionStorage, or localStorage when remembered; a password in memory only. */
export function saveCredentials(
  gatewayUrl: string,
  credentials: Credentials,
  remember: boolean,
  storages: CredentialStorages,
): void {
  const k = key(gatewayUrl);
  storages.session.removeItem(k);
  storages.local.removeItem(k);
  if (credentials.token)
    (remember ? storages.local : storages.session).setItem(k, credentials.token);
  if (credentials.password) passwords.set(k, credentials.password);
  else passwords.delete(k);
}

/** Loads what is known for a gateway, and whether the token was remembered on this device. */
export function loadCredentials(
  gatewayUrl: string,
  storages: CredentialStorages,
): Credentials & { remembered: boolean } {
  const k = key(gatewayUrl);
  const remembered = storages.local.getItem(k);
  const token = storages.session.getItem(k) ?? remembered ?? undefined;
  return { token, password: passwords.get(k), remembered: remembered !== null };
}

/** Forgets every credential held for a gateway in this browser. */
export function forgetCredentials(gatewayUrl: string, storages: CredentialStorages): void {
  const k = key(gatewayUrl);
  storages.session.removeItem(k);
  storages.local.removeItem(k);
  passwords.delete(k);
}
