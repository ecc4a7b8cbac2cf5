import { describe, expect, it } from "vitest";
import { customerForm } from "../../../worker/shared/config/starter-forms";
import { api, makeMember, makeTenant, publishConfig, type Json } from "../helpers";

describe("GET /crm/search", () => {
  it("finds records of every entity by word prefix, titled by their title field, title matches first", async () => {
    const admin = await makeTenant();
    const globex = await api("POST", "/crm/customers", {
      token: admin.token,
      body: { name: "Globex Corporation", company: "Globex" },
    });
    await api("POST", "/crm/deals", {
      token: admin.token,
      body: { name: "Renewal for globex", customer: globex.body.id },
    });
    await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Globex printer jams" } });
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Initech" } });

    const res = await api("GET", "/crm/search?q=glob", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Json) => [i.entity, i.title]).sort()).toEqual([
      ["cases", "Globex printer jams"],
      ["customers", "Globex Corporation"],
      ["deals", "Renewal for globex"],
    ]);
    expect(res.body.items.at(-1).title).toBe("Renewal for globex"); // the title does not start with "glob"
    expect(res.body.items.find((i: Json) => i.entity === "customers")).toMatchObject({
      id: globex.body.id,
      record: { data: { name: "Globex Corporation" } },
    });

    expect(
      (await api("GET", "/crm/search?q=globex%20printer", { token: admin.token })).body.items.map(
        (i: Json) => i.entity,
      ),
    ).toEqual(["cases"]);
    expect(
      (await api("GET", "/crm/search?q=glob&entities=deals", { token: admin.token })).body.items.map(
        (i: Json) => i.entity,
      ),
    ).toEqual(["deals"]);
    expect((await api("GET", "/crm/search?q=", { token: admin.token })).body.items).toEqual([]);
    expect((await api("GET", "/crm/search?q=%22)%20OR%20*", { token: admin.token })).status).toBe(200);
  });

  it("never matches or shows a field the caller may not read, nor another tenant's records", async () => {
    const admin = await makeTenant();
    const form = customerForm();
    form.fields.push({ name: "secret", label: "Secret", type: "text", access: { read: "manager" } });
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: form }])).status,
    ).toBe(200);
    const agent = await makeMember(admin, "agent");
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Umbrella", secret: "zebracode" } });
    expect((await api("GET", "/crm/search?q=zebracode", { token: admin.token })).body.items).toEqual([]);
    const hit = await api("GET", "/crm/search?q=umbrella", { token: agent.token });
    expect(hit.body.items).toHaveLength(1);
    expect(JSON.stringify(hit.body)).not.toContain("zebracode");

    const other = await makeTenant();
    expect((await api("GET", "/crm/search?q=umbrella", { token: other.token })).body.items).toEqual([]);
  });

  it("shows agents only their own records of an owner-scoped entity", async () => {
    const admin = await makeTenant();
    expect(
      (
        await publishConfig(admin, [
          { ns: "form", entity: "customers", key: "default", config: { ...customerForm(), recordAccess: "owner" } },
        ])
      ).status,
    ).toBe(200);
    const agent = await makeMember(admin, "agent");
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Wayne Enterprises" } });
    await api("POST", "/crm/customers", { token: agent.token, body: { name: "Wayne Foods" } });
    expect(
      (await api("GET", "/crm/search?q=wayne", { token: agent.token })).body.items.map((i: Json) => i.title),
    ).toEqual(["Wayne Foods"]);
    expect((await api("GET", "/crm/search?q=wayne", { token: admin.token })).body.items).toHaveLength(2);
  });
});
