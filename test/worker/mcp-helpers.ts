import { exports } from "cloudflare:workers";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { api, type Json, type Session } from "./helpers";

/** The SDK's own client, talking Streamable HTTP to the Worker in this test's workerd. */
export async function mcpClient(token: string): Promise<Client> {
  const client = new Client({ name: "pulse-8-tests", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("http://pulse.test/mcp"), {
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

export type ToolReply = { isError: boolean; body: Json };

/** Calls a tool and parses its JSON text result. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolReply> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  return { isError: result.isError === true, body: JSON.parse(content[0]!.text) };
}

/** A raw JSON-RPC POST to /mcp (for status codes the client would turn into exceptions). */
export function rawMcp(token: string | undefined, message: unknown) {
  return exports.default.fetch("http://pulse.test/mcp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(message),
  });
}

export async function newKey(
  s: Session,
  scope: "read" | "write" | "admin",
  name = `${scope} key`,
): Promise<{ id: string; token: string; name: string }> {
  const res = await api("POST", "/auth/tokens", { token: s.token, body: { name, scope } });
  if (res.status !== 201) throw new Error(`key failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
