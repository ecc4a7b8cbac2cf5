// Who did something, as people read it: a member's name, an automation's key, or "System"
// (SLA timers and escalations have no actor).

export type ActorView = { id: string | null; name: string; kind: "member" | "automation" | "system" };

const AUTOMATION = /^automation:([^/]+)\/(.+)$/;

export function actorView(id: string | null, names: ReadonlyMap<string, string>): ActorView {
  if (!id) return { id: null, name: "System", kind: "system" };
  const auto = AUTOMATION.exec(id);
  if (auto) return { id, name: `Automation: ${auto[2]!.replaceAll("_", " ")}`, kind: "automation" };
  return { id, name: names.get(id) ?? "Former member", kind: "member" };
}
