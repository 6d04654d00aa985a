import { loadCredentials } from '../gateway/credentials';
import { randomId } from '../gateway/uuid';
import { platform } from './platform';
import { activeProfileId, profileIdentity, profiles } from './profiles';

/** Who this console signs in as: its device identity per profile, its tab's instance id, its credentials. */

/** The name of the device identity the active profile uses (observers get their own). */
export function identityProfileName(observer: boolean): string {
  const active = profiles.get().find((p) => p.id === activeProfileId.get());
  const base = active ? profileIdentity(active) : 'default';
  return observer ? (base === 'default' ? 'observer' : `${base}:observer`) : base;
}

/** This tab's instance id, kept for the tab's life so the gateway sees one client across reconnects. */
export function instanceId(): string {
  const { session } = platform().storages;
  const key = 'openclaw-console:instance';
  const existing = session.getItem(key);
  if (existing) return existing;
  const created = randomId();
  session.setItem(key, created);
  return created;
}

/** The credentials held for a gateway on this device. */
export function currentCredentials(url: string): ReturnType<typeof loadCredentials> {
  return loadCredentials(url, platform().storages);
}
