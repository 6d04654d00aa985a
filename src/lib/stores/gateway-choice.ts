import { forgetDeviceTokens } from '../gateway/device-tokens';
import { forgetCredentials, saveCredentials, takeTokenFromFragment } from '../gateway/credentials';
import {
  connect,
  currentCredentials,
  disconnect,
  gatewaySettings,
  openConnection,
  connectionState,
  aimAt,
} from './connection';
import { platform } from './platform';
import { activeProfileId, profileByName, profiles } from './profiles';

/** Which gateway the console talks to: chosen at start-up, from a profile, or forgotten. */

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

/** Reads the address-bar fragment and reconnects to the last gateway, once at start-up. */
export function initConnection(defaultUrl: string): void {
  const env = platform();
  const fragment = new URLSearchParams(globalThis.location.hash.replace(/^#/, ''));
  const fragmentUrl = fragment.get('gateway')?.trim();
  const token = takeTokenFromFragment(globalThis.location, globalThis.history);
  // A share link names a saved profile (never a credential); open that gateway if we know it.
  const shared = new URLSearchParams(globalThis.location.search).get('profile');
  const sharedProfile = shared ? profileByName(shared) : undefined;
  if (sharedProfile) activeProfileId.set(sharedProfile.id);
  const url = fragmentUrl || sharedProfile?.url || gatewaySettings.get().url || defaultUrl;
  if (fragmentUrl) {
    fragment.delete('gateway');
    fragment.delete('token');
    const rest = fragment.toString();
    globalThis.history.replaceState(
      globalThis.history.state,
      '',
      `${globalThis.location.pathname}${globalThis.location.search}${rest ? `#${rest}` : ''}`,
    );
  }
  aimAt(url);
  const remember = gatewaySettings.get().remember === 'yes';
  if (token) saveCredentials(url, { token }, remember, env.storages);
  if (token || fragmentUrl || sharedProfile || gatewaySettings.get().url) {
    gatewaySettings.setKey('url', url);
    openConnection(url, Boolean(token));
  }
}
