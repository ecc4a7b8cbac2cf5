import { describe, expect, it, vi } from "vitest";
import { SESSION_STORAGE_KEY, useSession } from "../../../web/src/state/session";
import { makeAuth } from "../helpers";

describe("session store", () => {
  it("persists the signed-in user across a reload", async () => {
    useSession.getState().signIn(makeAuth("manager"));
    const stored = JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!);
    expect(stored.state).toEqual({
      token: "jwt-token-1",
      user: { id: "u1", email: "ada@example.com", name: "Ada Lovelace" },
      tenant: { id: "t1", slug: "acme", name: "Acme Inc" },
      role: "manager",
    });

    // A reload: a fresh copy of the module starts from storage.
    vi.resetModules();
    const reloaded = await import("../../../web/src/state/session");
    expect(reloaded.useSession).not.toBe(useSession);
    expect(reloaded.useSession.getState()).toMatchObject({
      token: "jwt-token-1",
      role: "manager",
      tenant: { name: "Acme Inc" },
    });
  });

  it("updates who we are without losing the token", () => {
    useSession.getState().signIn(makeAuth("admin"));
    useSession.getState().update({ ...makeAuth("agent"), tenant: { id: "t1", slug: "acme", name: "Acme Support" } });
    expect(useSession.getState()).toMatchObject({
      token: "jwt-token-1",
      role: "agent",
      tenant: { name: "Acme Support" },
    });
  });

  it("signing out forgets everything", async () => {
    useSession.getState().signIn(makeAuth());
    useSession.getState().signOut();
    await useSession.persist.rehydrate();
    expect(useSession.getState()).toMatchObject({ token: null, user: null, tenant: null, role: null });
  });
});
