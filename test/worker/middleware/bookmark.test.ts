import { describe, expect, it } from "vitest";
import { api, makeTenant } from "../helpers";

describe("read replication: x-pulse-bookmark", () => {
  it("answers a write with a bookmark, and a read sent with it sees the write", async () => {
    const admin = await makeTenant();
    const created = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Bookmarked" } });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get("x-pulse-bookmark");
    expect(bookmark).toBeTruthy();
    for (let i = 0; i < 3; i++) {
      const read = await api("GET", `/crm/customers/${created.body.id}`, {
        token: admin.token,
        headers: { "x-pulse-bookmark": bookmark! },
      });
      expect(read.status).toBe(200);
      expect(read.body.data.name).toBe("Bookmarked");
      expect(read.headers.get("x-pulse-bookmark")).toBeTruthy();
    }
    const updated = await api("PATCH", `/crm/customers/${created.body.id}`, {
      token: admin.token,
      headers: { "x-pulse-bookmark": bookmark! },
      body: { name: "Renamed" },
    });
    expect(updated.status).toBe(200);
    const after = updated.headers.get("x-pulse-bookmark")!;
    const list = await api("GET", "/crm/customers?limit=50", {
      token: admin.token,
      headers: { "x-pulse-bookmark": after },
    });
    expect(list.body.items.find((r: { id: string }) => r.id === created.body.id)?.data.name).toBe("Renamed");
  });

  it("refuses a malformed bookmark with 400, not a 500", async () => {
    const admin = await makeTenant();
    const res = await api("GET", "/crm/customers", {
      token: admin.token,
      headers: { "x-pulse-bookmark": "'; DROP TABLE records; --" },
    });
    expect(res.status).toBe(400);
  });
});
