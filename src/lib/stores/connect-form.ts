import { saveCredentials, type Credentials } from '../gateway/credentials';
import { connectionState, gatewaySettings, openConnection } from './connection';
import { forgetHello } from './gateway-session';
import { platform } from './platform';
import { activeProfileId, profiles, saveProfile } from './profiles';
import { currentCredentials, identityProfileName } from './sign-in';

// The connect form's action: what the user typed becomes saved credentials, settings and
// (when named) a profile, then a connection. Kept apart from the connection store, which only
// runs connections.

/** Connects to a gateway with what the user entered (and remembers the URL). */
export function connect(input: {
  url: string;
  token?: string;
  password?: string;
  remember: boolean;
  observer?: boolean;
  /** Save (or update) a profile under this name and make it the active one. */
  profileName?: string;
}): void {
  const url = input.url.trim();
  const current = connectionState.get();
  const observer = Boolean(input.observer);
  const sameGateway =
    url === current.url && observer === (gatewaySettings.get().observer === 'yes');
  if (input.profileName?.trim()) {
    // Saved from the connection in use, a profile keeps its device identity (already paired).
    const identity = sameGateway ? identityProfileName(false) : undefined;
    activeProfileId.set(saveProfile({ name: input.profileName, url, identity }).id);
    const nothingNew = !input.token?.trim() && !input.password;
    // Naming the live connection changes nothing on the wire: stay connected.
    if (sameGateway && nothingNew && current.phase === 'connected') {
      gatewaySettings.set({
        url,
        remember: input.remember ? 'yes' : '',
        observer: observer ? 'yes' : '',
      });
      return;
    }
  } else if (profiles.get().find((p) => p.id === activeProfileId.get())?.url !== url) {
    activeProfileId.set('');
  }
  const known = currentCredentials(url);
  const credentials: Credentials = {
    token: input.token?.trim() || known.token,
    password: input.password || known.password,
  };
  saveCredentials(url, credentials, input.remember, platform().storages);
  gatewaySettings.set({
    url,
    remember: input.remember ? 'yes' : '',
    observer: input.observer ? 'yes' : '',
  });
  forgetHello();
  openConnection(url, Boolean(input.token?.trim() || input.password));
}
