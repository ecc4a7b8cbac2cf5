import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../../../../web/src/studio/draft/json-error-offset";
import { describeParseError, JsonView, parseConfig } from "../../../../web/src/studio/draft/json-view";
import { renderBuilder } from "../studio-helpers";

const textarea = () => screen.getByLabelText("Config as JSON") as HTMLTextAreaElement;

describe("JSON view", () => {
  it("round-trips: shows the config, and an edit that parses becomes the config", () => {
    const initial = { title: "Customer", fields: [{ name: "name", label: "Name", type: "text" }] };
    const h = renderBuilder<unknown>(JsonView, initial);
    expect(JSON.parse(textarea().value)).toEqual(initial);

    const edited = { ...initial, submit: { label: "Save customer" } };
    fireEvent.change(textarea(), { target: { value: JSON.stringify(edited, null, 2) } });
    expect(h.value()).toEqual(edited);
    expect(JSON.parse(textarea().value)).toEqual(edited);
  });

  it("shows a parse error with its place and keeps the last good config", () => {
    const initial = { title: "Customer", fields: [] };
    const h = renderBuilder<unknown>(JsonView, initial);
    fireEvent.change(textarea(), { target: { value: '{\n  "title": "Customer",\n  "fields": [}\n' } });
    expect(h.changes).toEqual([]);
    expect(screen.getByRole("alert").textContent).toMatch(/Not applied.*line 3/);
    expect(textarea().getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(textarea(), { target: { value: "[1, 2]" } });
    expect(screen.getByRole("alert").textContent).toMatch(/JSON object/);
    expect(h.changes).toEqual([]);
  });

  it("parses and locates errors without a DOM", () => {
    expect(parseConfig('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(describeParseError(new SyntaxError("Unexpected token '}'"), '{\n"a": 1,}')).toBe(
      "Unexpected token '}' (line 2, column 8)",
    );
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": "x\\n", "b": [true, null, -1.5e3]}')).toBeNull();
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
  });
});
