import type { Principal } from './principal.js';

/** The actor of scheduled work (closing calls at their deadline); its audit events name it. */
export const SCHEDULER: Principal = {
  userId: 'system-scheduler',
  email: 'scheduler@system.fim',
  // A name, not words: audit events name the actor by id and e-mail.
  name: 'system-scheduler',
  roles: ['admin'],
  chair: false,
};

/** The actor of the malware scanner's verdicts on documents (GuardDuty in AWS); its audit events name it. */
export const SCANNER: Principal = {
  userId: 'system-scanner',
  email: 'scanner@system.fim',
  name: 'system-scanner',
  roles: [],
  chair: false,
};
