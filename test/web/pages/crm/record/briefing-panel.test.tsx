import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BriefingPanel } from "../../../../../web/src/pages/crm/record/briefing-panel";
import { apiError, json, mockFetch, renderAt, signIn } from "../../../helpers";

const briefing = {
  summary: "Case “Printer” is New (for 2 days).",
  nextSteps: ["Reply to Jane"],
  talkingPoints: ["Latest from Jane: “It jams.”"],
  sentiment: "negative",
  risks: ["Unanswered customer message for 5 hours"],
  source: "built-in",
  generatedAt: new Date().toISOString(),
  version: 3,
  signals: [],
};

describe("briefing card", () => {
  it("shows the summary, risks, next steps and talking points with its source", async () => {
    signIn("agent");
    const fetch = mockFetch((url) =>
      url.pathname === "/api/crm/cases/rec_1/briefing" ? json(200, briefing) : apiError(404, "not_found", "Not found"),
    );
    renderAt(<BriefingPanel entity="cases" id="rec_1" version={3} refresh={0} />);
    const card = await screen.findByRole("region", { name: "Briefing" });
    expect(await within(card).findByText(briefing.summary)).toBeTruthy();
    expect(within(card).getByText("negative")).toBeTruthy();
    expect(within(card).getByText("Reply to Jane")).toBeTruthy();
    expect(within(card).getByText("Unanswered customer message for 5 hours")).toBeTruthy();
    expect(within(card).getByText(/Built-in analyst/)).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("offers a retry when the briefing fails", async () => {
    signIn("agent");
    mockFetch(() => apiError(500, "internal", "Something went wrong"));
    renderAt(<BriefingPanel entity="cases" id="rec_2" version={1} refresh={0} />);
    expect(await screen.findByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
