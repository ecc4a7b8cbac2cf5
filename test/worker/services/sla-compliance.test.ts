import { describe, expect, it } from "vitest";
import { NO_SLA, slaCompliance } from "../../../worker/services/dashboard";

// SLA compliance = the share of SLA-bearing records that have not breached a target.
describe("SLA compliance", () => {
  it("is null while no record bears an SLA", () => {
    expect(slaCompliance(NO_SLA)).toBeNull();
  });

  it("counts a breached record against it whether its case is still open or finished", () => {
    expect(slaCompliance({ ...NO_SLA, records: 1, breachedRecords: 1, breached: 1 })).toBe(0);
    expect(slaCompliance({ ...NO_SLA, records: 4, breachedRecords: 1, met: 3 })).toBe(75);
    expect(slaCompliance({ ...NO_SLA, records: 3, breachedRecords: 0 })).toBe(100);
    expect(slaCompliance({ ...NO_SLA, records: 3, breachedRecords: 1 })).toBe(66.67);
  });
});
