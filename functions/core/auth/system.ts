import type { Principal } from './principal.js';

/** The actor of scheduled work (closing calls at their deadline); its audit events name it. */
export const SCHEDULER: Principal = {
  userId: 'system-scheduler',
  email: 'scheduler@system.fim',
  name: 'Automatisk lukning / Scheduled closing',
  roles: ['admin'],
  chair: false,
};
