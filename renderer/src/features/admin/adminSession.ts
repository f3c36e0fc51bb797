import type { Role } from '../../../../shared/domain/roles';

/**
 * An admin with no clinical role gets the device screen: every patient channel would refuse them.
 * An account that is also a physician or pharmacist keeps the clinical workspace.
 */
export const isAdminOnly = (roles: readonly Role[]): boolean =>
  roles.includes('admin') && !roles.includes('physician') && !roles.includes('pharmacist');
