import type { Role } from '../db/index.ts';

/** The roles that must have a second factor where the service requires one (`mfaRequired`). */
export const MFA_ROLES: readonly Role[] = Object.freeze(['admin', 'analyst'] as const);
