import { persistentAtom } from '@nanostores/persistent';
import { computed } from 'nanostores';
import { randomId } from '../gateway/uuid';

/** A saved gateway: where it is and how it looks. Credentials are kept apart, per URL. */
export interface GatewayProfile {
  id: string;
  name: string;
  url: string;
  colour: string;
  /**
   * The device identity this profile signs in with. A profile saved from a working connection
   * keeps that connection's identity (a new one would be an unpaired device); absent: its own.
   */
  identity?: string;
}

/** Colours offered for profiles, distinct in light and dark themes. */
export const PROFILE_COLOURS = ['#1f6feb', '#1a7f37', '#9a6700', '#cf222e', '#8250df', '#0a7ea4'];

/** Every saved gateway profile on this device (no secrets in here). */
export const profiles = persistentAtom<GatewayProfile[]>('openclaw-console:profiles', [], {
  encode: JSON.stringify,
  decode: (value) => {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed)
        ? parsed.filter(
            (p): p is GatewayProfile =>
              typeof p?.id === 'string' &&
              typeof p?.name === 'string' &&
              typeof p?.url === 'string' &&
              (p.identity === undefined || typeof p.identity === 'string'),
          )
        : [];
    } catch {
      return [];
    }
  },
});

/** The profile the main connection uses. */
export const activeProfileId = persistentAtom<string>('openclaw-console:active-profile', '');

/** The active profile, if any. */
export const activeProfile = computed([profiles, activeProfileId], (list, id) =>
  list.find((profile) => profile.id === id),
);

/** Saves a new profile (or updates the one with the same name) and returns it. */
export function saveProfile(input: {
  name: string;
  url: string;
  colour?: string;
  identity?: string;
}): GatewayProfile {
  const list = profiles.get();
  const name = input.name.trim() || input.url;
  const existing = list.find((profile) => profile.name === name);
  const profile: GatewayProfile = {
    id: existing?.id ?? randomId(),
    name,
    url: input.url.trim(),
    colour:
      input.colour ?? existing?.colour ?? PROFILE_COLOURS[list.length % PROFILE_COLOURS.length]!,
    ...((input.identity ?? existing?.identity)
      ? { identity: input.identity ?? existing?.identity }
      : {}),
  };
  profiles.set(
    existing ? list.map((p) => (p.id === profile.id ? profile : p)) : [...list, profile],
  );
  return profile;
}

/** Removes a profile from this device. */
export function removeProfile(id: string): void {
  profiles.set(profiles.get().filter((profile) => profile.id !== id));
  if (activeProfileId.get() === id) activeProfileId.set('');
}

/** The device identity a profile signs in with. */
export function profileIdentity(profile: GatewayProfile): string {
  return profile.identity ?? profile.id;
}

/** Finds a profile by its name (share links carry names, never credentials). */
export function profileByName(name: string): GatewayProfile | undefined {
  return profiles.get().find((profile) => profile.name === name);
}
