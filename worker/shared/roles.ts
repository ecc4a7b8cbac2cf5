// Roles, highest first. A role can do everything the roles below it can.
export const ROLES = ["admin", "manager", "agent", "read_only"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { admin: 3, manager: 2, agent: 1, read_only: 0 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `minimum` or above it. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}
