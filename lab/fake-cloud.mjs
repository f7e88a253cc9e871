// A stand-in for the cloud side of Cloud Sync configuration, on 127.0.0.1: Microsoft Graph (beta)
// as how-to-inbound-synch-ms-graph.md and the Graph reference pages describe it, GitHub's OIDC token
// issuer (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN) and the Entra token endpoint's client-credentials flow
// with a federated client assertion. Documented semantics are played as documented; where Graph's
// behaviour is not documented the server plays each variant (options.variants; lab/README.md lists them).
//
// In process:  const cloud = await startFakeCloud(options); ... await cloud.close();
// As a process (by hand): node lab/fake-cloud.mjs  prints one JSON line (the urls and ids) and
// serves until its standard input closes.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

export const AD2AAD_TEMPLATE_ID = '1a4721b3-e57f-4451-ae87-ef078703ec94';
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
const JOB_TEMPLATES = ['AD2AADProvisioning', 'AD2AADPasswordHash'];

/** Which permission (any of) each kind of call needs [doc: Graph reference pages, agent-facts.md]. */
export const NEEDS = {
  readOrganization: ['User.Read', 'Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All'],
  writeOrganization: ['Organization.ReadWrite.All'],
  instantiate: ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy'],
  readServicePrincipals: ['Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All'],
  readSync: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'],
  writeSync: ['Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'],
};

/** Every permission the configuration needs as an application (what the lab's app is granted). */
export const APP_PERMISSIONS = ['Organization.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Synchronization.ReadWrite.All'];

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An unsigned JWT-shaped token (the fake token endpoint checks claims, not signatures). */
export function mintJwt(claims) {
  return `${base64url({ typ: 'JWT', alg: 'RS256', kid: 'lab' })}.${base64url(claims)}.${randomBytes(32).toString('base64url')}`;
}

function jwtClaims(token) {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The schema a new AD2AADProvisioning job gets (only the parts configure-sync reads and writes). */
function provisioningSchema(capitalised) {
  const attribute = (target, source) => ({
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    targetAttributeName: target,
    source: { expression: `[${source}]`, name: source, type: 'Attribute', parameters: [] },
  });
  const mapping = (name, source, target) => ({
    enabled: true,
    flowTypes: 'Add,Update,Delete',
    name,
    sourceObjectName: source,
    targetObjectName: target,
    attributeMappings: [attribute('displayName', 'displayName'), attribute('userPrincipalName', 'userPrincipalName')],
  });
  return {
    id: randomUUID().replace(/-/g, ''),
    version: 'Date:2026-11-25T00:00:00Z',
    synchronizationRules: [
      {
        id: 'AD2AADProvisioning',
        name: 'AD2AADProvisioning',
        objectMappings: [
          mapping(capitalised ? 'Provision Active Directory Users' : 'Provision Active Directory users', 'user', 'User'),
          mapping(capitalised ? 'Provision Active Directory InetOrgPersons' : 'Provision Active Directory inetOrgPersons', 'inetOrgPerson', 'User'),
          mapping('Provision Active Directory groups', 'group', 'Group'),
        ],
      },
    ],
    directories: [
      { id: 'ad', name: 'Active Directory' },
      { id: 'aad', name: 'Azure Active Directory' },
    ],
  };
}

function newJob(templateId, code) {
  return {
    id: `${templateId}.${randomUUID().replace(/-/g, '')}`,
    templateId,
    schedule: { expiration: null, interval: 'PT2M', state: 'Disabled' },
    status: {
      code,
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      lastExecution: null,
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      quarantine: null,
      steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
      steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
      troubleshootingUrl: null,
      progress: [],
      synchronizedEntryCountByType: [],
    },
  };
}

/**
 * Starts the three servers. options:
 *   tenantId, syncEnabled (the tenant flag at start, default false)
 *   tokens: { [accessToken]: permissions[] }           tokens Graph accepts as they are
 *   apps: [{ clientId, permissions, federated: [{ issuer, subject, audience }] }]   apps the token endpoint signs in
 *   oidc: { requestToken, subject }                    the GitHub issuer's side
 *   variants: {
 *     secretsOnGet: 'values' | 'keys-only'             UNDOCUMENTED: whether GET secrets returns the values
 *     duplicateJobs: 'allow' | 'conflict'              UNDOCUMENTED: a second job with the same templateId
 *     mappingNames: 'documented' | 'capitalised'       the doc writes both "users" and "Users"
 *     newJobCode: 'Paused' | 'NotRun'                  a new Cloud Sync job may show Paused [doc]
 *     firstCycleAfterReads: number                     job reads after a start before the first cycle ends (default 1)
 *     firstCycleResult: 'Succeeded' | 'EntryLevelErrors' | 'Failed'
 *     newObjectNotFoundFor: number                     UNDOCUMENTED replication: requests on a new configuration or job get 404 this many times
 *   }
 */
export async function startFakeCloud(options = {}) {
  const variants = {
    newObjectNotFoundFor: 0,
    secretsOnGet: 'values',
    duplicateJobs: 'allow',
    mappingNames: 'documented',
    newJobCode: 'Paused',
    firstCycleAfterReads: 1,
    firstCycleResult: 'Succeeded',
    ...(options.variants ?? {}),
  };
  const tenantId = options.tenantId ?? '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64';
  const state = {
    organization: { id: tenantId, displayName: 'Contoso lab', onPremisesSyncEnabled: options.syncEnabled ?? false },
    /** servicePrincipals by id: { sp, secrets: [{key,value}], jobs: Map(id -> { job, schema, readsSinceStart }) } */
    servicePrincipals: new Map(),
    tokens: new Map(Object.entries(options.tokens ?? {})),
  };
  const requests = [];
  /** Every token the fake issued (GitHub OIDC tokens and Graph access tokens), for secret scans. */
  const issued = [];
  let throttle = { count: 0, status: 429, retryAfter: '1', match: undefined };
  const failures = [];

  const urls = {};
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const graphErrorBody = (code, message) => ({ error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } });
  const readBody = (req) =>
    new Promise((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });

  function findSp(id) {
    return state.servicePrincipals.get(id);
  }

  function tick(entry) {
    // Reading a started job moves its first cycle on (deterministic: counted in reads, not time).
    if (entry.readsSinceStart === undefined) return;
    entry.readsSinceStart++;
    if (entry.readsSinceStart < variants.firstCycleAfterReads || entry.job.status.lastExecution) return;
    const now = new Date().toISOString();
    const execution = {
      state: variants.firstCycleResult,
      timeBegan: now,
      timeEnded: now,
      error: variants.firstCycleResult === 'Failed' ? { code: 'AgentUnreachable', message: 'No active agent could be reached.' } : null,
    };
    entry.job.status.lastExecution = execution;
    if (variants.firstCycleResult !== 'Failed') entry.job.status.lastSuccessfulExecution = execution;
  }

  async function graph(req, res, url, body) {
    const path = url.pathname;
    const method = req.method;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !state.tokens.has(token)) return send(res, 401, graphErrorBody('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'));
    const granted = state.tokens.get(token);
    const need = (list) => {
      if (list.some((p) => granted.includes(p))) return true;
      send(res, 403, graphErrorBody('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
      return false;
    };
    const json = () => {
      try {
        return JSON.parse(body || 'null');
      } catch {
        return undefined;
      }
    };
    let m;
    if (path === '/beta/organization' && method === 'GET') {
      if (need(NEEDS.readOrganization)) send(res, 200, { value: [{ ...state.organization }] });
      return;
    }
    if ((m = /^\/beta\/organization\/([^/]+)$/.exec(path)) && method === 'PATCH') {
      if (!need(NEEDS.writeOrganization)) return;
      if (m[1] !== state.organization.id) return send(res, 404, graphErrorBody('Request_ResourceNotFound', `Resource '${m[1]}' does not exist.`));
      const patch = json();
      if (typeof patch?.onPremisesSyncEnabled !== 'boolean') return send(res, 400, graphErrorBody('BadRequest', 'Invalid property value.'));
      state.organization.onPremisesSyncEnabled = patch.onPremisesSyncEnabled;
      return send(res, 204);
    }
    if ((m = /^\/beta\/applicationTemplates\/([^/]+)\/instantiate$/.exec(path)) && method === 'POST') {
      if (!need(NEEDS.instantiate)) return;
      if (m[1] !== AD2AAD_TEMPLATE_ID) return send(res, 404, graphErrorBody('Request_ResourceNotFound', 'Application template not found.'));
      const displayName = json()?.displayName;
      if (typeof displayName !== 'string' || !displayName) return send(res, 400, graphErrorBody('BadRequest', 'displayName is required.'));
      const appId = randomUUID();
      const application = { id: randomUUID(), appId, applicationTemplateId: AD2AAD_TEMPLATE_ID, displayName };
      const sp = { id: randomUUID(), appId, applicationTemplateId: AD2AAD_TEMPLATE_ID, displayName, servicePrincipalType: 'Application' };
      state.servicePrincipals.set(sp.id, { sp, secrets: [], jobs: new Map(), hiddenFor: variants.newObjectNotFoundFor });
      return send(res, 201, { '@odata.context': `${urls.graphUrl}/beta/$metadata#microsoft.graph.applicationServicePrincipal`, application, servicePrincipal: sp });
    }
    if (path === '/beta/servicePrincipals' && method === 'GET') {
      if (!need(NEEDS.readServicePrincipals)) return;
      const filter = url.searchParams.get('$filter') ?? '';
      const f = /^applicationTemplateId eq '([^']+)'$/.exec(filter);
      if (filter && !f) return send(res, 400, graphErrorBody('BadRequest', 'Unsupported filter.'));
      const all = [...state.servicePrincipals.values()].map((e) => e.sp).filter((sp) => !f || sp.applicationTemplateId === f[1]);
      const pageSize = options.pageSize ?? 100;
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const page = { value: all.slice(skip, skip + pageSize) };
      if (skip + pageSize < all.length) page['@odata.nextLink'] = `${urls.graphUrl}/beta/servicePrincipals?$filter=${encodeURIComponent(filter)}&$skiptoken=${skip + pageSize}`;
      return send(res, 200, page);
    }
    if (!(m = /^\/beta\/servicePrincipals\/([^/]+)\/synchronization\/(secrets|jobs)(?:\/([^/]+))?(?:\/(schema|start|restart))?$/.exec(path))) {
      return send(res, 404, graphErrorBody('BadRequest', `Resource not found for the segment '${path}'.`));
    }
    const [, spId, kind, jobId, action] = m;
    const entry = findSp(spId);
    const write = method !== 'GET';
    if (!need(write ? NEEDS.writeSync : NEEDS.readSync)) return;
    if (!entry) return send(res, 404, graphErrorBody('Request_ResourceNotFound', `Resource '${spId}' does not exist.`));
    if (entry.hiddenFor > 0) {
      entry.hiddenFor--;
      return send(res, 404, graphErrorBody('Request_ResourceNotFound', `Resource '${spId}' does not exist or one of its queried reference-property objects are not present.`));
    }
    if (kind === 'secrets' && !jobId) {
      if (method === 'GET') {
        const value = entry.secrets.map((s) => ({ key: s.key, value: variants.secretsOnGet === 'values' ? s.value : null }));
        return send(res, 200, { value });
      }
      if (method === 'PUT') {
        const pairs = json()?.value;
        if (!Array.isArray(pairs) || pairs.some((p) => typeof p?.key !== 'string' || typeof p?.value !== 'string'))
          return send(res, 400, graphErrorBody('BadRequest', 'Each secret needs a key and a string value.'));
        // [doc] PUT replaces every secret: what the body does not name is gone.
        entry.secrets = pairs.map((p) => ({ key: p.key, value: p.value }));
        return send(res, 204);
      }
    }
    if (kind === 'jobs' && !jobId) {
      if (method === 'GET') {
        for (const j of entry.jobs.values()) tick(j);
        return send(res, 200, { value: [...entry.jobs.values()].map((j) => j.job) });
      }
      if (method === 'POST') {
        const templateId = json()?.templateId;
        if (!JOB_TEMPLATES.includes(templateId)) return send(res, 400, graphErrorBody('BadRequest', `The template '${templateId}' does not exist for this application.`));
        if (variants.duplicateJobs === 'conflict' && [...entry.jobs.values()].some((j) => j.job.templateId === templateId)) {
          return send(res, 409, graphErrorBody('Conflict', 'A job with this template already exists.'));
        }
        const job = newJob(templateId, variants.newJobCode);
        entry.jobs.set(job.id, { job, schema: provisioningSchema(variants.mappingNames === 'capitalised'), readsSinceStart: undefined, hiddenFor: variants.newObjectNotFoundFor });
        return send(res, 201, job);
      }
    }
    const jobEntry = jobId ? entry.jobs.get(jobId) : undefined;
    if (kind === 'jobs' && jobId && !jobEntry) return send(res, 404, graphErrorBody('Request_ResourceNotFound', `Job '${jobId}' does not exist.`));
    if (jobEntry && jobEntry.hiddenFor > 0) {
      jobEntry.hiddenFor--;
      return send(res, 404, graphErrorBody('Request_ResourceNotFound', `Job '${jobId}' does not exist.`));
    }
    if (jobEntry && !action && method === 'GET') {
      tick(jobEntry);
      return send(res, 200, jobEntry.job);
    }
    if (jobEntry && action === 'schema') {
      if (method === 'GET')
        return send(res, 200, { '@odata.context': `${urls.graphUrl}/beta/$metadata#servicePrincipals('${spId}')/synchronization/jobs('${jobId}')/schema/$entity`, ...jobEntry.schema });
      if (method === 'PUT') {
        const schema = json();
        if (!Array.isArray(schema?.synchronizationRules)) return send(res, 400, graphErrorBody('BadRequest', 'The schema has no synchronizationRules.'));
        // The backend does not dedupe mappings [doc]: what is PUT is kept as it is.
        jobEntry.schema = schema;
        return send(res, 204);
      }
    }
    if (jobEntry && (action === 'start' || action === 'restart') && method === 'POST') {
      const { job } = jobEntry;
      job.status.code = 'Active';
      job.status.quarantine = null;
      job.schedule.state = 'Active';
      jobEntry.readsSinceStart = 0;
      return send(res, 204);
    }
    return send(res, 405, graphErrorBody('BadRequest', `No HTTP resource was found that matches '${method} ${path}'.`));
  }

  function oidc(req, res, url) {
    const expected = options.oidc?.requestToken;
    if (!expected || req.headers.authorization !== `Bearer ${expected}`) return send(res, 401, { message: 'Unauthorized' });
    const audience = url.searchParams.get('audience') ?? 'https://github.com/contoso';
    const now = Math.floor(Date.now() / 1000);
    const value = mintJwt({ iss: GITHUB_ISSUER, aud: audience, sub: options.oidc?.subject ?? 'repo:contoso/lab:environment:lab', iat: now, nbf: now, exp: now + 300, jti: randomUUID() });
    issued.push(value);
    return send(res, 200, { count: 1, value });
  }

  function tokenEndpoint(req, res, url, body) {
    const m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    const fail = (status, error, description) =>
      send(res, status, {
        error,
        error_description: `${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
        error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
      });
    if (!m || req.method !== 'POST') return send(res, 404, {});
    if (m[1] !== tenantId) return fail(400, 'invalid_request', `AADSTS90002: Tenant '${m[1]}' not found.`);
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    const app = (options.apps ?? []).find((a) => a.clientId === form.get('client_id'));
    if (!app) return fail(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      return fail(401, 'invalid_client', 'AADSTS7000218: The request body must contain the following parameter: client_assertion or client_secret.');
    const claims = jwtClaims(form.get('client_assertion'));
    if (!claims) return fail(400, 'invalid_request', 'AADSTS50027: JWT token is invalid or malformed.');
    const creds = app.federated ?? [];
    if (!creds.some((c) => c.issuer === claims.iss)) return fail(400, 'invalid_request', `AADSTS700211: No matching federated identity record found for presented assertion issuer '${claims.iss}'.`);
    if (!creds.some((c) => c.issuer === claims.iss && c.audience === claims.aud))
      return fail(400, 'invalid_request', `AADSTS700212: No matching federated identity record found for presented assertion audience '${claims.aud}'.`);
    if (!creds.some((c) => c.issuer === claims.iss && c.audience === claims.aud && c.subject === claims.sub))
      return fail(400, 'invalid_request', `AADSTS700213: No matching federated identity record found for presented assertion subject '${claims.sub}'.`);
    if (form.get('scope') !== `${urls.graphUrl}/.default`) return fail(400, 'invalid_scope', `AADSTS1002012: The provided value for scope ${form.get('scope')} is not valid.`);
    const accessToken = mintJwt({ aud: urls.graphUrl, tid: tenantId, appid: app.clientId, roles: app.permissions, jti: randomUUID() });
    state.tokens.set(accessToken, app.permissions);
    issued.push(accessToken);
    return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }

  const handlers = { graph, oidc, login: tokenEndpoint };
  const servers = {};
  for (const name of Object.keys(handlers)) {
    servers[name] = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      requests.push({ server: name, method: req.method, path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, body });
      const failure = failures.find((f) => f.server === name && f.method === req.method && f.path.test(url.pathname) && f.times > 0);
      if (failure) {
        failure.times--;
        return send(res, failure.status, graphErrorBody(failure.code, failure.message ?? 'Injected failure.'));
      }
      if (name === 'graph' && throttle.count > 0 && (!throttle.match || throttle.match.test(`${req.method} ${url.pathname}`))) {
        throttle.count--;
        return send(res, throttle.status, graphErrorBody('TooManyRequests', 'Too many requests.'), throttle.retryAfter === undefined ? {} : { 'retry-after': throttle.retryAfter });
      }
      try {
        await handlers[name](req, res, url, body);
      } catch (error) {
        send(res, 500, graphErrorBody('InternalServerError', String(error)));
      }
    });
    await new Promise((resolve) => servers[name].listen(0, '127.0.0.1', resolve));
  }
  const origin = (s) => `http://127.0.0.1:${s.address().port}`;
  urls.graphUrl = origin(servers.graph);
  urls.loginUrl = origin(servers.login);
  urls.oidcUrl = `${origin(servers.oidc)}/oidc/token?api-version=2.0`;

  return {
    ...urls,
    tenantId,
    state,
    variants,
    requests,
    issued,
    /** Graph requests that change something (what a converged run must not make). */
    writes: () => requests.filter((r) => r.server === 'graph' && r.method !== 'GET'),
    /** The next `count` Graph requests (matching `match`, "METHOD /path") are throttled. */
    throttle(next) {
      throttle = { status: 429, retryAfter: '1', match: undefined, ...next };
    },
    /** The next `times` requests to `path` on `server` fail with `status` and Graph error `code`. */
    failNext(failure) {
      failures.push({ server: 'graph', method: 'GET', times: 1, ...failure });
    },
    setVariant(name, value) {
      variants[name] = value;
    },
    /** Puts a job into quarantine the way the service does [doc: synchronizationStatus]. */
    quarantine(jobId, reason = 'TooManyDeletes', message = 'The number of deletions exceeded the accidental-delete threshold.') {
      for (const entry of state.servicePrincipals.values()) {
        const j = entry.jobs.get(jobId);
        if (!j) continue;
        const now = new Date().toISOString();
        j.job.status.code = 'Quarantine';
        j.job.status.quarantine = { reason, currentBegan: now, seriesBegan: now, seriesCount: 1, nextAttempt: new Date(Date.now() + 3_600_000).toISOString(), error: { code: reason, message } };
        return true;
      }
      return false;
    },
    /** Every configuration, as { displayName, id, secrets, jobs: [{ id, templateId, status, schema }] }. */
    configurations() {
      return [...state.servicePrincipals.values()].map((e) => ({
        id: e.sp.id,
        displayName: e.sp.displayName,
        secrets: e.secrets.map((s) => ({ ...s })),
        jobs: [...e.jobs.values()].map((j) => ({ id: j.job.id, templateId: j.job.templateId, status: j.job.status, schedule: j.job.schedule, schema: j.schema })),
      }));
    },
    async close() {
      await Promise.all(
        Object.values(servers).map(
          (s) =>
            new Promise((resolve) => {
              s.closeAllConnections?.();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/** The lab's cloud (npm run lab, the example workflow's stand-in): one app with a GitHub federated credential. */
export function labCloudOptions() {
  const requestToken = `gh-request-${randomBytes(12).toString('hex')}`;
  const clientId = '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10';
  const subject = 'repo:contoso/lab:environment:lab';
  return {
    clientId,
    requestToken,
    options: {
      oidc: { requestToken, subject },
      apps: [{ clientId, permissions: APP_PERMISSIONS, federated: [{ issuer: GITHUB_ISSUER, subject, audience: EXCHANGE_AUDIENCE }] }],
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lab = labCloudOptions();
  const cloud = await startFakeCloud(lab.options);
  process.stdout.write(
    `${JSON.stringify({ graphUrl: cloud.graphUrl, loginUrl: cloud.loginUrl, oidcUrl: cloud.oidcUrl, requestToken: lab.requestToken, clientId: lab.clientId, tenantId: cloud.tenantId })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => cloud.close().then(() => process.exit(0)));
}
