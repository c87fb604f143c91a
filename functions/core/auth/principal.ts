/** Who is asking. Roles come from Cognito groups in AWS and from the demo users locally. */
export const ROLES = ['applicant', 'reviewer', 'board', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  userId: string;
  email: string;
  name: string;
  organisation?: string;
  roles: Role[];
  /** Chairs the board (issue 3 uses it for assignment and rulings). */
  chair: boolean;
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const hasRole = (principal: Principal | undefined, role: Role): boolean =>
  principal?.roles.includes(role) ?? false;
export const isAdmin = (principal: Principal | undefined): boolean => hasRole(principal, 'admin');
