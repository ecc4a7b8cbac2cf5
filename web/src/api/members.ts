import { apiRequest } from "./client";
import type { CreatedMember, CreateMemberInput, Member, MemberList, Role } from "./types";

export async function listMembers(signal?: AbortSignal): Promise<Member[]> {
  const { items } = await apiRequest<MemberList>("/admin/members", { signal });
  return items;
}

/** Names and roles of the active members, for any role (GET /api/crm/members). */
export interface DirectoryEntry {
  id: string;
  name: string;
  role: Role;
}

export async function listDirectory(signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const { items } = await apiRequest<{ items: DirectoryEntry[] }>("/crm/members", { signal });
  return Array.isArray(items) ? items : [];
}

export function createMember(input: CreateMemberInput): Promise<CreatedMember> {
  return apiRequest<CreatedMember>("/admin/members", { method: "POST", body: input });
}

export function changeMemberRole(userId: string, role: Role): Promise<unknown> {
  return apiRequest<unknown>(`/admin/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { role } });
}

/** 204 on success. */
export async function removeMember(userId: string): Promise<void> {
  await apiRequest<void>(`/admin/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
}
