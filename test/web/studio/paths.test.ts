import { describe, expect, it } from "vitest";
import {
  childPath,
  controlId,
  isWithin,
  itemUrl,
  parentPath,
  parsePath,
  splitItemPath,
} from "../../../web/src/studio/paths";

describe("studio paths", () => {
  it("reads and writes the API's error paths", () => {
    expect(parsePath("fields[2].type")).toEqual(["fields", 2, "type"]);
    expect(parsePath('set["my-field"]')).toEqual(["set", "my-field"]);
    expect(parsePath("hours.mon[0][1]")).toEqual(["hours", "mon", 0, 1]);
    expect(parsePath("")).toEqual([]);
    expect(childPath("fields[2]", "options", 0, "value")).toBe("fields[2].options[0].value");
    expect(childPath("", "all", 1)).toBe("all[1]");
    expect(childPath("set", "my-field")).toBe('set["my-field"]');
    expect(parentPath("fields[2].type")).toBe("fields[2]");
    expect(parentPath("title")).toBe("");
  });

  it("tells which errors lie inside a control's path", () => {
    expect(isWithin("fields[2].type", "fields[2]")).toBe(true);
    expect(isWithin("fields[20].type", "fields[2]")).toBe(false);
    expect(isWithin("filter.value[1]", "filter.value")).toBe(true);
    expect(isWithin("anything", "")).toBe(true);
  });

  it("names controls and items", () => {
    expect(controlId("fields[2].type")).toBe("ctl-fields-2-type");
    expect(controlId("")).toBe("ctl-root");
    expect(splitItemPath("form/customers/default:fields[2].type")).toEqual({
      item: "form/customers/default",
      path: "fields[2].type",
    });
    expect(splitItemPath("form/customers/default")).toEqual({ item: "form/customers/default", path: "" });
    expect(itemUrl({ namespace: "form", entity: "customers", key: "default" }, "fields[2].type")).toBe(
      "/studio/items/form/customers/default?focus=fields%5B2%5D.type",
    );
  });
});
