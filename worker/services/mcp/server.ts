import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import * as streamableHttp from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { ApiError, errorBody } from "../../lib/errors";
import { issuesToDetails } from "../../lib/zod-issues";
import { roleAtLeast } from "../../shared/roles";
import type { McpContext } from "./context";
import { createRecordTool, getRecord, searchRecords, transitionRecordTool, updateRecordTool } from "./record-tools";
import type { Tool } from "./tool";
import { decideApprovalTool, describeSchema, logActivity, myWork, slaStatus } from "./work-tools";

export const TOOLS: Tool<any>[] = [
  // eslint-disable-line @typescript-eslint/no-explicit-any
  describeSchema,
  searchRecords,
  getRecord,
  createRecordTool,
  updateRecordTool,
  transitionRecordTool,
  logActivity,
  myWork,
  decideApprovalTool,
  slaStatus,
];

const SERVER_INFO = { name: "pulse-8", title: "Pulse-8 CRM", version: "1.0.0" };
const INSTRUCTIONS =
  "You act as the signed-in Pulse-8 member, with exactly their rights. Call describe_schema first: entities, " +
  "fields, picklists and workflow steps are the tenant's own.";

const json = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
  ...(isError ? { isError } : {}),
});

/** A tool's failure as the API's error body, so an assistant reads the same codes as any client. */
function failure(error: unknown): CallToolResult {
  if (error instanceof ApiError)
    return json({ status: error.status, ...errorBody(error.code, error.message, error.details) }, true);
  if (error instanceof z.ZodError)
    return json(
      { status: 422, ...errorBody("validation_failed", "The arguments are not valid", issuesToDetails(error.issues)) },
      true,
    );
  throw error;
}

export function listTools(ctx: McpContext) {
  return TOOLS.filter((t) => !t.minRole || roleAtLeast(ctx.principal.role, t.minRole)).map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema(ctx),
    annotations: { title: t.title, readOnlyHint: t.readOnly, destructiveHint: false, openWorldHint: false },
  }));
}

export async function callTool(ctx: McpContext, name: string, args: unknown): Promise<CallToolResult> {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
  try {
    return json(await tool.run(ctx, tool.args.parse(args ?? {})));
  } catch (error) {
    return failure(error);
  }
}

/**
 * Answers one Streamable HTTP request. Stateless: a fresh server and transport per request
 * (no session id, JSON responses), which is what a Worker without sticky state wants.
 */
export async function handleMcpRequest(ctx: McpContext, request: Request): Promise<Response> {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: false } },
    instructions: INSTRUCTIONS,
  });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listTools(ctx) }));
  server.setRequestHandler(CallToolRequestSchema, (req) => callTool(ctx, req.params.name, req.params.arguments));
  const transport = new streamableHttp.WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  return transport.handleRequest(request);
}
