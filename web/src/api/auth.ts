import { apiRequest } from "./client";
import type { AuthResponse, LoginInput, Me, RegisterInput, Template } from "./types";

export function register(input: RegisterInput): Promise<AuthResponse> {
  return apiRequest<AuthResponse>("/auth/register", { method: "POST", body: input, auth: false });
}

export function login(input: LoginInput): Promise<AuthResponse> {
  const body: LoginInput = { email: input.email, password: input.password };
  if (input.tenant?.trim()) body.tenant = input.tenant.trim();
  return apiRequest<AuthResponse>("/auth/login", { method: "POST", body, auth: false });
}

export function me(): Promise<Me> {
  return apiRequest<Me>("/auth/me");
}

/** Revoke this session's token on the server (204). */
export async function logout(): Promise<void> {
  await apiRequest<void>("/auth/logout", { method: "POST" });
}

/** The starter templates a new workspace can begin with. */
export async function templates(signal?: AbortSignal): Promise<Template[]> {
  return (await apiRequest<{ templates: Template[] }>("/auth/templates", { auth: false, signal })).templates;
}
