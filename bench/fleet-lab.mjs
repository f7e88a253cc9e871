// A whole deployment in the lab, for the attack tests and the bench: a healthy server with FIPS
// enforced, a tenant, a two-domain forest, the agent installer and Microsoft Graph served from
// 127.0.0.1, and the root action's inputs that take the server from nothing to a verified agent.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import * as path from 'node:path';
import { makeInstaller } from '../lab/installer.mjs';
import { createLabServer, setRegistry } from '../lab/lab.mjs';
import { REGISTRATION_AUDIENCE, kdsRootKey, setAd, setTenant } from '../lab/agent.mjs';

export const TENANT_ID = '8f1c2e7a-5b3d-4c9e-a1f0-6d2b9e4c7a15';
export const AGENT_VERSION = '1.1.2505.0';
export const USERS = { hia: 'hia@contoso.onmicrosoft.com', ga: 'ga@contoso.onmicrosoft.com' };

/**
 * Secrets that break naive quoting in every shell the action could meet: quotes, $, backtick,
 * ; & | < > % ^ !, spaces, a leading '-', non-ASCII (Latin-1, BMP and beyond). The Graph token
 * stays printable ASCII without spaces, as real bearer tokens do (HTTP headers carry no more).
 */
export const SECRETS = {
  hia: `-Hy'b"r$id \`; & | < > % ^ ! Grüße €`,
  ga: `-G'l"o$bal\`(x) ;&|<>%^! naïve ☃ 𝄞`,
  contoso: `-C'o"n$t \`o; s&o|<>%^! Ñ 密码`,
  fabrikam: `-F'a"b$r\`i;k&a|m<>%^! ü ÿ spaced  out`,
  token: `-eyJ0eXAi.tok'en"$\`;&|<>%^!ß.sig`,
  graph: `-eyJhbGci.gr'aph"$\`;&|<>%^!.sig`,
};

/** Serves files and Graph's agents list on 127.0.0.1, counting the bytes it sends. */
export async function startLabWeb(graphToken = SECRETS.graph) {
  const files = new Map();
  const state = { bytesSent: 0, fileBytes: 0, requests: [] };
  const server = createServer((req, res) => {
    state.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/beta/onPremisesPublishingProfiles/provisioning/agents') {
      if (req.headers.authorization !== `Bearer ${graphToken}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } }));
        return;
      }
      const body = JSON.stringify({ value: [{ id: '0b2d9f6e-4c1a-4e8b-9d3f-000000000001', machineName: 'LAB-SYNC01.contoso.com', externalIp: '203.0.113.10', status: 'active', supportedPublishingTypes: ['provisioning'], agentGroups: [] }] });
      state.bytesSent += Buffer.byteLength(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    const file = files.get(url.pathname);
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    const stream = createReadStream(file);
    stream.on('data', (chunk) => {
      state.bytesSent += chunk.length;
      state.fileBytes += chunk.length;
    });
    stream.pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    state,
    /** Serves `file` at `route`; returns its URL. */
    serve(route, file) {
      files.set(route, file);
      return `${base}${route}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** A server that has nothing yet, with a tenant and a forest that accept SECRETS. */
export function createFleetLab(options = {}) {
  const lab = createLabServer(options);
  // FIPS enforced, so set-fips has work to do in automatic mode.
  setRegistry(lab.root, { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 1 } });
  setTenant(lab.root, {
    tenantId: TENANT_ID,
    users: {
      [USERS.hia]: { password: SECRETS.hia, roles: ['HybridIdentityAdministrator'] },
      [USERS.ga]: { password: SECRETS.ga, roles: ['GlobalAdministrator'] },
    },
    tokens: { [SECRETS.token]: { upn: USERS.hia, tenantId: TENANT_ID, audience: REGISTRATION_AUDIENCE } },
  });
  setAd(lab.root, {
    domains: {
      'contoso.com': { netbios: 'CONTOSO', dcs: ['dc1.contoso.com', 'dc2.contoso.com'], admins: { admin: SECRETS.contoso } },
      'fabrikam.com': { netbios: 'FABRIKAM', dcs: ['dc1.fabrikam.com'], admins: { fabadmin: SECRETS.fabrikam } },
    },
    kdsRootKeys: [kdsRootKey(10)],
    gmsas: [],
  });
  return lab;
}

/** Writes the agent installer under dir (paddingBytes: extra payload) and returns its path. */
export function fleetInstaller(dir, options = {}) {
  return makeInstaller(path.join(dir), { version: AGENT_VERSION, ...options });
}

/**
 * Root-action inputs for the whole pipeline: install from `installerUrl`, register with the HIA's
 * password, create the gMSA, add both domains (fabrikam with its own credential), FIPS exception
 * (automatic: the policy is on), proxy, password writeback as the GA, verify against Graph.
 */
export function fullInputs(installerUrl, graphUrl, extra = {}) {
  return {
    shell: 'powershell',
    installer: installerUrl,
    'retry-delay-seconds': '0',
    'tenant-id': TENANT_ID,
    'tenant-username': USERS.hia,
    'tenant-password': SECRETS.hia,
    gmsa: 'create',
    'domain-username': 'CONTOSO\\admin',
    'domain-password': SECRETS.contoso,
    'domain-credentials': JSON.stringify({ FABRIKAM: { username: 'FABRIKAM\\fabadmin', password: SECRETS.fabrikam } }),
    domains: 'contoso.com\nfabrikam.com credential=FABRIKAM',
    'proxy-url': 'http://proxy.contoso.com:8080',
    'password-writeback': 'true',
    'writeback-username': USERS.ga,
    'writeback-password': SECRETS.ga,
    'graph-access-token': SECRETS.graph,
    'graph-url': graphUrl,
    'expected-version': AGENT_VERSION,
    'expected-gmsa': 'CONTOSO\\provAgentgMSA$',
    'service-wait-seconds': '5',
    ...extra,
  };
}
