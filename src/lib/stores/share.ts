import { activeProfile } from './profiles';

/**
 * A link to what is on screen for another operator: the view and session (the
 * path) plus the profile name to open it with. Never a credential: the query
 * string, the fragment and any token are left out on purpose.
 */
export function shareLink(
  location: Pick<Location, 'origin' | 'pathname'> = globalThis.location,
): string {
  const url = new URL(location.pathname, location.origin);
  const profile = activeProfile.get();
  if (profile) url.searchParams.set('profile', profile.name);
  return url.toString();
}
