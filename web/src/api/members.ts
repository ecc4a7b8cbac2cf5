import { api, type ApiResponse } from "./typed";
import type { CreatedMember, CreateMemberInput, Member, Role } from "./types";

export async function listMembers(signal?: AbortSignal): Promise<Member[]> {
  return (await api("get", "/admin/members", { signal })).items;
}

/** Names and roles of the active members, for any role (GET /api/crm/members). */
export type DirectoryEntry = ApiResponse<"/crm/members">["items"][number];

export async function listDirectory(signal?: AbortSignal): Promise<DirectoryEntry[]> {
  return (await api("get", "/crm/members", { signal })).items;
}

export function createMember(input: CreateMemberInput): Promise<CreatedMember> {
  return api("post", "/admin/members", { body: input });
}

export function changeMemberRole(userId: string, role: Role): Promise<Member> {
  return api("patch", "/admin/members/{userId}", { path: { userId }, body: { role } });
}

/** 204 on success. */
export async function removeMember(userId: string): Promise<void> {
  await api("delete", "/admin/members/{userId}", { path: { userId } });
}
