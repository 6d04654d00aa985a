import { atom, readonlyType } from 'nanostores';
import { forgetDeviceTokens } from '../gateway/device-tokens';
import { forgetCredentials, saveCredentials, takeLinkFromFragment } from '../gateway/credentials';
import { connect } from './connect-form';
import { disconnect, gatewaySettings, openConnection, connectionState, aimAt } from './connection';
import { forgetHello } from './gateway-session';
import { currentCredentials } from './sign-in';
import { platform, type ServerConfig } from './platform';
import { activeProfileId, profileByName, profiles } from './profiles';

/** Which gateway the console talks to: chosen at start-up, from a profile, or forgotten. */

/** A gateway a link proposed that this browser has not used: nothing happens until the user agrees. */
export interface GatewayProposal {
  url: string;
  /** The token the link carried, held in memory only until the user agrees. */
  token?: string;
}

/** Something about the start-up link the user should know. */
export type LinkNotice =
  { kind: 'bad-scheme'; url: string } | { kind: 'token-in-url' } | { kind: 'code-unusable' };

const $proposal = atom<GatewayProposal | undefined>(undefined);
const $notice = atom<LinkNotice | undefined>(undefined);

/** The gateway a link asks to switch to, waiting for a visible yes or no. */
export const gatewayProposal = readonlyType($proposal);
/** What to tell the user about the link the console was opened with. */
export const linkNotice = readonlyType($notice);

/** Whether a string is a gateway address the console may connect to (ws:// or wss:// only). */
export function isGatewayUrl(url: string): boolean {
  return /^wss?:\/\/\S+$/i.test(url.trim());
}

function normalised(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, '')}${parsed.search}`;
  } catch {
    return url.trim();
  }
}

/** Whether two gateway addresses name the same gateway (case, default path and trailing slash aside). */
export function sameGateway(a: string, b: string): boolean {
  return normalised(a) === normalised(b);
}

function knownGateway(url: string, server: ServerConfig | undefined): boolean {
  const known = [
    gatewaySettings.get().url,
    ...profiles.get().map((profile) => profile.url),
    ...(server?.gateways ?? []),
  ];
  return known.some((candidate) => candidate && sameGateway(candidate, url));
}

/** Switches the main connection to a saved profile, without reloading the page. */
export function switchProfile(id: string): void {
  const profile = profiles.get().find((p) => p.id === id);
  if (!profile) return;
  activeProfileId.set(profile.id);
  const known = currentCredentials(profile.url);
  connect({
    url: profile.url,
    remember: known.remembered,
    observer: gatewaySettings.get().observer === 'yes',
  });
}

/** Forgets the token, password and every device token held for a gateway, and disconnects from it. */
export async function forgetGateway(url: string): Promise<void> {
  const env = platform();
  if (connectionState.get().url === url) disconnect();
  forgetCredentials(url, env.storages);
  // Every profile (and its observer) has its own identity and so its own device token here:
  // clearing only the active profile's left another profile able to sign in.
  await forgetDeviceTokens(url, env.vault);
}

function aimAndOpen(url: string, token: string | undefined, open: boolean): void {
  aimAt(url);
  const remember = gatewaySettings.get().remember === 'yes';
  if (token) saveCredentials(url, { token }, remember, platform().storages);
  if (token || open) {
    gatewaySettings.setKey('url', url);
    openConnection(url, Boolean(token));
  }
}

/** The user agreed to the proposed gateway: remember it, keep its token and connect. */
export function acceptProposal(): void {
  const proposal = $proposal.get();
  if (!proposal) return;
  $proposal.set(undefined);
  if (!sameGateway(connectionState.get().url, proposal.url)) {
    activeProfileId.set('');
    forgetHello();
  }
  aimAndOpen(proposal.url, proposal.token, true);
}

/** The user declined the proposed gateway: its token is dropped and nothing changes. */
export function declineProposal(): void {
  $proposal.set(undefined);
}

/** Hides the note about the start-up link. */
export function dismissLinkNotice(): void {
  $notice.set(undefined);
}

/**
 * Reads the start-up link once (removing it from the address bar at once) and
 * reconnects to the last gateway. A link may propose a gateway; one this browser
 * has not used (not the saved gateway, not a profile's, not the one the serving
 * `npm start` names) waits for the user's yes, and until then nothing is saved.
 */
export async function initConnection(defaultUrl: string): Promise<void> {
  const env = platform();
  const link = takeLinkFromFragment(env.address(), env.replaceAddress);
  // A share link names a saved profile (never a credential); open that gateway if we know it.
  const shared = new URLSearchParams(env.address().search).get('profile');
  const sharedProfile = shared ? profileByName(shared) : undefined;
  if (sharedProfile) activeProfileId.set(sharedProfile.id);
  const saved = gatewaySettings.get().url;
  const usual = sharedProfile?.url || saved || defaultUrl;
  const reconnect = Boolean(sharedProfile || saved);

  let proposed = link.gateway;
  if (proposed && !isGatewayUrl(proposed)) {
    $notice.set({ kind: 'bad-scheme', url: proposed });
    // A link we refuse brings nothing in: its token goes too.
    return aimAndOpen(usual, undefined, reconnect);
  }
  if (!proposed && !link.token && !link.code) return aimAndOpen(usual, undefined, reconnect);

  // A link with a token but no gateway (the gateway's own `#token=` dashboard link) is for the
  // gateway the serving server names, never for whichever gateway this browser used last.
  let server = proposed ? undefined : await env.serverConfig();
  proposed ??= server?.gateways.length === 1 ? server.gateways[0]! : usual;
  if (!server && (link.code || !knownGateway(proposed, undefined)))
    server = await env.serverConfig();
  let token = link.token;
  if (link.token) $notice.set({ kind: 'token-in-url' });
  if (link.code) {
    // Only the server that served this page issues codes, each for the gateway it names: the
    // token is never fetched for (and so never offered to) any other gateway.
    const forThisServer = server?.gateways.some((url) => sameGateway(url, proposed!));
    token = forThisServer ? await env.exchangeHandoff(link.code) : undefined;
    if (!token) $notice.set({ kind: 'code-unusable' });
  }
  if (!knownGateway(proposed, server)) {
    $proposal.set({ url: proposed, token });
    return aimAndOpen(usual, undefined, reconnect);
  }
  aimAndOpen(proposed, token, true);
}
