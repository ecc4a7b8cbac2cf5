import { beforeEach, describe, expect, it } from "vitest";
import { clearBookmark, currentBookmark, noteBookmark } from "../../../web/src/api/bookmark";
import { apiRequest } from "../../../web/src/api/client";
import { json, mockFetch, signIn } from "../helpers";
import { makeRecord } from "../renderers/fixtures";

const B1 = "00000001-00000002-00004ffd-0123456789abcdef";
const B2 = "00000001-00000003-00004ffd-0123456789abcdef";

describe("read-your-writes bookmark", () => {
  beforeEach(() => clearBookmark());

  it("keeps the newest bookmark from responses and sends it on every request", async () => {
    signIn("admin");
    const record = makeRecord("customers", { name: "A" }, { id: "r1" });
    const fetch = mockFetch((_url, init) =>
      json(init.method === "POST" ? 201 : 200, record, { "x-pulse-bookmark": B2 }),
    );
    await apiRequest("/crm/customers", { method: "POST", body: { name: "A" } });
    expect(currentBookmark()).toBe(B2);
    await apiRequest("/crm/customers/r1");
    const [, init] = fetch.mock.calls[1]!;
    expect((init!.headers as Record<string, string>)["x-pulse-bookmark"]).toBe(B2);
  });

  it("never moves back to an older bookmark (a slow earlier read answering late)", () => {
    noteBookmark(B2);
    noteBookmark(B1);
    expect(currentBookmark()).toBe(B2);
    noteBookmark(null);
    expect(currentBookmark()).toBe(B2);
  });

  it("forgets the bookmark on sign-out", async () => {
    noteBookmark(B1);
    const { useSession } = await import("../../../web/src/state/session");
    useSession.getState().signOut();
    expect(currentBookmark()).toBeNull();
  });
});
