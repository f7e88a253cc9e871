import type { Environment } from '../agent/facts.js';
import { InputError } from '../shared/errors.js';

/**
 * One outbound endpoint the agent needs. 'tls': TCP, then a TLS handshake whose certificate must
 * validate for the host name; 'tcp': the connection only (plain HTTP for certificate revocation).
 */
export interface Endpoint {
  host: string;
  port: number;
  kind: 'tls' | 'tcp';
  /** Why the agent needs it (shown in the row and in the fix). */
  purpose: string;
}

/**
 * The documented outbound endpoints per cloud [doc: how-to-prerequisites.md, agent-facts.md Network].
 * The docs list wildcards (*.msappproxy.net, *.servicebus.windows.net, ...); a probe needs a concrete
 * host, so each wildcard is represented by a concrete host that Microsoft's own pages name:
 * login.microsoftonline.com (sign-in), login.windows.net (registration, listed as is),
 * download.msappproxy.net (the installer link in the version history), proxy.cloudwebappproxy.net (the
 * registration service, whose scope names it), www.microsoft.com. Wildcards without a documented
 * concrete host (*.servicebus.windows.net is per tenant, *.windowsazure.com, *.msappproxy.com) are NOT
 * probed: a pass here does not prove them open. Port 80 carries CRL/OCSP (listed by name).
 * US Government: the .us hosts the docs name; its CRL hosts are only described as "on .us", so the
 * public CRL hosts are not assumed there and none is probed (UNDOCUMENTED names).
 */
export const DEFAULT_ENDPOINTS: Record<Environment, Endpoint[]> = {
  AzureCloud: [
    { host: 'login.microsoftonline.com', port: 443, kind: 'tls', purpose: 'sign-in (*.microsoftonline.com)' },
    { host: 'login.windows.net', port: 443, kind: 'tls', purpose: 'agent registration' },
    { host: 'download.msappproxy.net', port: 443, kind: 'tls', purpose: 'agent service traffic and installer download (*.msappproxy.net)' },
    { host: 'proxy.cloudwebappproxy.net', port: 443, kind: 'tls', purpose: 'registration service (*.cloudwebappproxy.net)' },
    { host: 'www.microsoft.com', port: 443, kind: 'tls', purpose: 'service traffic (*.microsoft.com)' },
    { host: 'mscrl.microsoft.com', port: 80, kind: 'tcp', purpose: 'certificate revocation lists' },
    { host: 'crl.microsoft.com', port: 80, kind: 'tcp', purpose: 'certificate revocation lists' },
    { host: 'ocsp.msocsp.com', port: 80, kind: 'tcp', purpose: 'certificate status (OCSP)' },
    { host: 'www.microsoft.com', port: 80, kind: 'tcp', purpose: 'certificate revocation lists' },
  ],
  AzureUSGovernment: [
    { host: 'login.microsoftonline.us', port: 443, kind: 'tls', purpose: 'sign-in (*.microsoftonline.us)' },
    { host: 'login.windows.us', port: 443, kind: 'tls', purpose: 'agent registration' },
  ],
};

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\d{1,3}(?:\.\d{1,3}){3}$/i;

/**
 * Parses input `connectivity-endpoints`: one endpoint per item (comma or new line), written
 * `host:port` (443 means a TLS check, any other port a TCP check), or with the check named:
 * `tls://host:port`, `tcp://host:port`.
 */
export function parseEndpoints(name: string, items: string[]): Endpoint[] {
  return items.map((item) => {
    const m = /^(?:(tls|tcp):\/\/)?([^:/\s]+):(\d{1,5})$/i.exec(item.trim());
    if (!m || !HOST.test(m[2]) || Number(m[3]) < 1 || Number(m[3]) > 65535) {
      throw new InputError(name, `has '${item.slice(0, 80)}', which is not host:port, tls://host:port or tcp://host:port (wildcards cannot be probed: name a concrete host).`);
    }
    const port = Number(m[3]);
    const kind = (m[1]?.toLowerCase() as Endpoint['kind'] | undefined) ?? (port === 443 ? 'tls' : 'tcp');
    return { host: m[2].toLowerCase(), port, kind, purpose: 'from connectivity-endpoints' };
  });
}
