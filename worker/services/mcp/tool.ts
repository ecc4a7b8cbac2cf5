import type { z } from "zod";
import type { Role } from "../../shared/roles";
import type { McpContext } from "./context";

type JsonSchema = Record<string, unknown>;

/** One MCP tool: a thin wrapper around the services the API routes use. */
export type Tool<A = unknown> = {
  name: string;
  title: string;
  description: string;
  /** Hidden from `tools/list` below this role; a call still gets the API's 403. */
  minRole?: Role;
  /** Read-only tools are marked so clients can run them without asking. */
  readOnly: boolean;
  /** Built per request from the published config and the caller's role. */
  inputSchema: (ctx: McpContext) => JsonSchema;
  args: z.ZodType<A>;
  run: (ctx: McpContext, args: A) => Promise<unknown>;
};

export const defineTool = <A>(tool: Tool<A>): Tool<A> => tool;

export const objectSchema = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
