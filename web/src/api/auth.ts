import { api } from "./typed";
import type { AuthResponse, LoginInput, Me, RegisterInput, Template } from "./types";

export function register(input: RegisterInput): Promise<AuthResponse> {
  return api("post", "/auth/register", { body: input, auth: false });
}

export function login(input: LoginInput): Promise<AuthResponse> {
  const body: LoginInput = { email: input.email, password: input.password };
  if (input.tenant?.trim()) body.tenant = input.tenant.trim();
  return api("post", "/auth/login", { body, auth: false });
}

export function me(): Promise<Me> {
  return api("get", "/auth/me");
}

/** Revoke this session's token on the server (204). */
export async function logout(): Promise<void> {
  await api("post", "/auth/logout");
}

/** The starter templates a new workspace can begin with. */
export async function templates(signal?: AbortSignal): Promise<Template[]> {
  return (await api("get", "/auth/templates", { auth: false, signal })).templates;
}
