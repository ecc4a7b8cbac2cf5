/** The tenant's Durable Object. Its name is the tenant id, so each tenant has exactly one. */
export function tenantHub(env: Pick<Env, "TENANT_HUB">, tenantId: string) {
  return env.TENANT_HUB.get(env.TENANT_HUB.idFromName(tenantId));
}
