// Where the tenant's mail is received: mail to these addresses opens or joins a case.
import { getInboundAddresses } from "../../../api/automation";
import { errorMessage } from "../../../api/client";
import { keys, useApiQuery } from "../../../state/server-state";

export function InboundAddresses() {
  const addresses = useApiQuery(keys.admin("inbound-addresses"), (signal) => getInboundAddresses(signal));
  return (
    <section className="panel" aria-labelledby="inbound-title">
      <h2 className="panel-title" id="inbound-title">
        Incoming email
      </h2>
      {addresses.status === "error" ? (
        <p role="alert">Couldn't load the addresses: {errorMessage(addresses.error)}</p>
      ) : !addresses.data ? (
        <p className="muted" role="status">
          Loading the addresses…
        </p>
      ) : (
        <>
          <p className="muted">
            Mail sent to {addresses.data.length === 1 ? "this address" : "these addresses"} opens a case, or joins the
            case it answers:
          </p>
          <ul className="address-list">
            {addresses.data.map((a) => (
              <li key={a}>
                <code>{a}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
