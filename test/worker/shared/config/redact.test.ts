import { describe, expect, it } from "vitest";
import { REDACTED, redactSnapshot } from "../../../../worker/shared/config/redact";
import { getItem, setItem } from "../../../../worker/shared/config/snapshot";
import { demoSnapshot } from "../../../../worker/shared/config/starter";

describe("redactSnapshot", () => {
  const secretive = () => {
    let s = setItem(demoSnapshot(), "trigger", "cases", "inbound", { on: "webhook", secret: "hook-secret" });
    s = setItem(s, "action", "cases", "ping", {
      type: "webhook",
      url: "https://example.com",
      secret: "sign-me",
      headers: {
        Authorization: "Bearer abc",
        "x-api-token": "t0k",
        "x-api-key": "k3y",
        accept: "application/json",
        "x-ref": { $secret: "API_KEY" },
      },
      body: { user: "bot", password: "hunter2", nested: [{ token: "deep" }], note: "keep" },
    });
    return s;
  };

  it("hides webhook trigger secrets and secret-like action properties at any depth", () => {
    const out = redactSnapshot(secretive());
    expect(getItem(out, "trigger", "cases", "inbound")).toEqual({ on: "webhook", secret: REDACTED });
    expect(getItem(out, "action", "cases", "ping")).toEqual({
      type: "webhook",
      url: "https://example.com",
      secret: "***",
      // Every header value is a credential by kind; references carry no value and stay.
      headers: {
        Authorization: "***",
        "x-api-token": "***",
        "x-api-key": "***",
        accept: "***",
        "x-ref": { $secret: "API_KEY" },
      },
      body: { user: "bot", password: "***", nested: [{ token: "***" }], note: "keep" },
    });
    expect(JSON.stringify(out)).not.toMatch(/hook-secret|sign-me|hunter2|deep|Bearer|k3y/);
  });

  it("leaves the input untouched and everything else as it was", () => {
    const input = secretive();
    const out = redactSnapshot(input);
    expect(getItem(input, "trigger", "cases", "inbound")).toEqual({ on: "webhook", secret: "hook-secret" });
    expect(out.form).toEqual(input.form);
    expect(getItem(out, "action", "deals", "kickoff_activity")).toEqual(
      getItem(input, "action", "deals", "kickoff_activity"),
    );
  });
});
