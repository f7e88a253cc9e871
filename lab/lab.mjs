// The lab's JavaScript side: make a simulated server on disk and read its state back. Tests,
// `npm run lab` and the bench use it; the PowerShell side (LabHost) acts on the same files.
// The layout is the contract in lab/README.md.
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const labDir = path.dirname(fileURLToPath(import.meta.url));
export const labBin = path.join(labDir, 'bin');

/**
 * The agent's registry key [doc: how-to-manage-registry-options.md; ms-code: AADCloudSyncTools]: the
 * stand-in installer writes ServiceName, InstallDir, ServiceProcessName, ProgramDataFolderName; sign-in TenantID.
 */
export const AGENT_KEY = 'SOFTWARE\\Microsoft\\Azure AD Connect Agents\\Azure AD Connect Provisioning Agent';

/** Registry values of a healthy Windows Server 2022 that meets every prerequisite of the agent. */
export const HEALTHY_REGISTRY = {
  'SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full': { Release: 528449, Version: '4.8.04161' },
  'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client': { Enabled: 1, DisabledByDefault: 0 },
  'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server': { Enabled: 1, DisabledByDefault: 0 },
  'SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319': { SchUseStrongCrypto: 1, SystemDefaultTlsVersions: 1 },
  'SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319': { SchUseStrongCrypto: 1, SystemDefaultTlsVersions: 1 },
  'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 0 },
  'SOFTWARE\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell': { ExecutionPolicy: 'RemoteSigned' },
};

export const HEALTHY_SERVICES = [
  { Name: 'VaultSvc', DisplayName: 'Credential Manager', Status: 'Running', StartType: 'Manual', StartName: 'LocalSystem', PathName: 'C:\\Windows\\system32\\lsass.exe' },
];

/** What Windows keeps about itself in the registry, from the lab's server description. */
export function windowsVersionRegistry(server = {}) {
  return {
    'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion': {
      InstallationType: server.installationType ?? 'Server',
      ProductName: server.caption ?? 'Microsoft Windows Server 2022 Datacenter',
      CurrentBuild: String((server.osVersion ?? '10.0.20348').split('.').pop()),
    },
  };
}

/** A key path with the hive (HKLM: or HKCU:, default HKLM) → its folder under root/registry. */
function registryFolder(root, key) {
  const hive = /^(HKCU|HKEY_CURRENT_USER)(:|\\|$)/i.test(key) ? 'HKCU' : 'HKLM';
  const rest = key.replace(/^(HKLM|HKEY_LOCAL_MACHINE|HKCU|HKEY_CURRENT_USER):?\\?/i, '');
  return path.join(root, 'registry', hive, ...rest.split('\\').filter(Boolean));
}

/** Sets registry values (null removes a value); keys are created as needed. */
export function setRegistry(root, values) {
  for (const [key, entries] of Object.entries(values)) {
    const folder = registryFolder(root, key);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, '.values.json');
    const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    for (const [name, value] of Object.entries(entries)) {
      // Value names match case-insensitively, as on Windows: the new spelling replaces the old.
      for (const existing of Object.keys(current)) if (existing.toLowerCase() === name.toLowerCase()) delete current[existing];
      if (value !== null) current[name] = value;
    }
    writeFileSync(file, JSON.stringify(current, null, 2));
  }
}

/** A registry value, or undefined (key path as on Windows, without the hive). */
export function getRegistry(root, key, name) {
  const file = path.join(registryFolder(root, key), '.values.json');
  if (!existsSync(file)) return undefined;
  const values = JSON.parse(readFileSync(file, 'utf8'));
  const actual = Object.keys(values).find((n) => n.toLowerCase() === name.toLowerCase());
  return actual === undefined ? undefined : values[actual];
}

export function setService(root, service) {
  mkdirSync(path.join(root, 'services'), { recursive: true });
  const current = getService(root, service.Name) ?? {};
  writeFileSync(path.join(root, 'services', `${service.Name}.json`), JSON.stringify({ ...current, ...service }, null, 2));
}

/**
 * Records that a running service's process (re)started now, as a restart after a change would: tests
 * that put a config in place by hand use it so the agent counts as running that config.
 */
export function serviceStartedNow(root, name) {
  const current = getService(root, name) ?? {};
  const ProcessId = current.ProcessId || 1000 + Math.floor(Math.random() * 60000);
  setService(root, { Name: name, Status: 'Running', ProcessId, StartedAt: new Date().toISOString() });
}

export function getService(root, name) {
  const file = path.join(root, 'services', `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Every command line the lab's PowerShell shims were started with. */
export function commandLines(root) {
  const file = path.join(root, 'lab', 'commandlines.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** How many PowerShell engines the action started (its session host), not counting the lab's own helpers. */
export function engineStarts(root) {
  return commandLines(root).filter((line) => /-File \S*host\.ps1$/.test(line)).length;
}

export function readEvents(root) {
  const file = path.join(root, 'lab', 'events.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/**
 * A new simulated server in a temporary directory. Options:
 *   server:   overrides for lab/server.json (computerName, domain, caption, productType 1|2|3,
 *             installationType 'Server'|'Server Core', osVersion, elevated, partOfDomain, memoryBytes)
 *   registry: extra values, as for setRegistry (null removes a healthy default)
 *   services: extra or changed services, as for setService
 * Returns { root, env, cleanup } where env is what a process needs to act on this server
 * (lab/bin first on PATH, AGENT_LAB_ROOT).
 */
export function createLabServer(options = {}) {
  const root = mkdtempSync(path.join(options.parent ?? tmpdir(), 'agent-lab-'));
  for (const dir of ['Program Files', 'ProgramData', 'Windows', 'Temp', 'registry/HKLM', 'registry/HKCU', 'services', 'lab']) {
    mkdirSync(path.join(root, dir), { recursive: true });
  }
  writeFileSync(
    path.join(root, 'lab', 'server.json'),
    JSON.stringify({ computerName: 'LAB-SYNC01', domain: 'contoso.com', partOfDomain: true, memoryBytes: 8 * 1024 ** 3, ...options.server }, null, 2),
  );
  setRegistry(root, HEALTHY_REGISTRY);
  setRegistry(root, windowsVersionRegistry(options.server));
  if (options.registry) setRegistry(root, options.registry);
  for (const service of [...HEALTHY_SERVICES, ...(options.services ?? [])]) setService(root, service);
  return {
    root,
    env: labEnv(root),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * A copy of a lab server under a new root: the same state, as if the same runs had happened there.
 * The state records absolute paths under the root (a service's PathName, the agent's InstallDir,
 * the logs), so every occurrence of the old root in every file becomes the new root. For a test
 * file that builds a starting server once with real runs of the action and gives each test its own
 * copy, instead of repeating those runs in every test.
 * @param {{ root: string }} source
 */
export function cloneLabServer(source) {
  const from = path.resolve(source.root);
  const root = mkdtempSync(path.join(path.dirname(from), 'agent-lab-'));
  cpSync(from, root, { recursive: true });
  // latin1 maps every byte to one character, so the replacement leaves any other byte as it was.
  const oldRoot = Buffer.from(from).toString('latin1');
  const newRoot = Buffer.from(root).toString('latin1');
  for (const file of filesUnder(root)) {
    const text = readFileSync(file).toString('latin1');
    if (text.includes(oldRoot)) writeFileSync(file, Buffer.from(text.split(oldRoot).join(newRoot), 'latin1'));
  }
  return { root, env: labEnv(root), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Where the lab shims will find PowerShell 7, or undefined (same search as lab/bin/pwsh). */
export function findLabPwsh(env = process.env) {
  if (env.AGENT_LAB_PWSH && existsSync(env.AGENT_LAB_PWSH)) return env.AGENT_LAB_PWSH;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && !dir.endsWith(path.join('lab', 'bin')) && existsSync(path.join(dir, 'pwsh'))) return path.join(dir, 'pwsh');
  }
  const dotnet = path.join(homedir(), '.dotnet', 'tools', 'pwsh');
  return existsSync(dotnet) ? dotnet : undefined;
}

/** The environment that points a process at the lab server under root. */
export function labEnv(root, base = process.env) {
  return { ...base, PATH: `${labBin}${path.delimiter}${base.PATH ?? ''}`, AGENT_LAB_ROOT: root };
}

/**
 * Every file under root (relative paths → base64 content), for tests that prove nothing changed;
 * without lab/engine-env.log, the lab's own record of engine environments (commandlines.log shows
 * the same starts).
 * @returns {Record<string, string>}
 */
export function snapshotFiles(root) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const file of filesUnder(root)) {
    const relative = path.relative(root, file);
    if (relative !== path.join('lab', 'engine-env.log')) out[relative] = readFileSync(file).toString('base64');
  }
  return out;
}

/**
 * The full path of every file under dir, at any depth (none when dir does not exist).
 * @param {string} dir
 * @returns {string[]}
 */
export function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
