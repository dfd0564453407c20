// Who may do what. Roles are held per user (a SENCo belongs to a school; caseworkers, managers and
// admins to a council). Tenancy (which school's or council's records) is enforced separately, in the
// `where` clause of every query: see app/auth/tenancy.server.ts.

// FAMILY: a parent, carer or young person (docs/decisions/017-family-access.md). They hold none of the staff
// permissions below; the family pages (app/routes/family*.tsx) admit them through app/auth/family.server.ts alone.
export const STAFF_ROLES = ['SENCO', 'CASEWORKER', 'MANAGER', 'ADMIN'] as const
export const ROLES = [...STAFF_ROLES, 'FAMILY'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]
export const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role)
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
	SENCO: 'SENCo',
	CASEWORKER: 'Caseworker',
	MANAGER: 'SEN manager',
	ADMIN: 'Administrator',
	FAMILY: 'Parent, carer or young person',
}

export type Permission =
	| 'school:children:read' // a SENCo's own school's children
	| 'review:edit' // schedule, fill in and submit a school's review
	| 'review:read' // read a review and download its record
	| 'caseload:read' // the council's caseload
	| 'caseload:assign' // assign and reassign caseworkers
	| 'decision:make' // decide, issue notices and final plans
	| 'timeliness:read' // the managers' dashboard
	| 'workload:manage' // move children between caseworkers in bulk
	| 'admin:users' // invite and manage users
	| 'admin:schools' // add and edit schools, settings, imports

const GRANTS: Record<Role, readonly Permission[]> = {
	SENCO: ['school:children:read', 'review:edit', 'review:read'],
	CASEWORKER: ['caseload:read', 'caseload:assign', 'decision:make', 'review:read'],
	MANAGER: ['caseload:read', 'caseload:assign', 'decision:make', 'review:read', 'timeliness:read', 'workload:manage', 'admin:users', 'admin:schools'],
	ADMIN: ['caseload:read', 'review:read', 'admin:users', 'admin:schools'],
	FAMILY: [],
}

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value)
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
	return roles.some((role) => GRANTS[role].includes(permission))
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
	return [...new Set(roles.flatMap((role) => GRANTS[role]))]
}

/** Where a user lands after signing in. */
export function homePathFor(roles: readonly Role[]): string {
	if (roles.includes('MANAGER') || roles.includes('ADMIN')) return '/caseload?view=all'
	if (roles.includes('CASEWORKER')) return '/caseload?view=mine'
	if (roles.includes('SENCO')) return '/school'
	if (roles.includes('FAMILY')) return '/family'
	return '/no-access'
}
