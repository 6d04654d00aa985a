import { createRouter } from '@nanostores/router';

/** The console's routes; every view has a URL so it can be bookmarked and shared. */
export const router = createRouter({
  overview: '/',
  connect: '/connect',
});
