// The lab's agent installer, JavaScript side: write stand-in installers (any version, signed by
// Microsoft, by someone else, unsigned, tampered), queue the exit codes the next runs return, and
// put an agent on a lab server. The PowerShell side is lab/LabHost/parts/40-installer.ps1.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { AGENT_KEY, getRegistry } from './lab.mjs';
import { runLabCommand, runLabCommandAsync } from './setup-engine.mjs';

export const INSTALLER_FILE = 'AADConnectProvisioningAgentSetup.exe';
export const MICROSOFT_SUBJECT = 'CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US';

function subjectFor(signer) {
  if (signer === 'Microsoft Corporation') return MICROSOFT_SUBJECT;
  return `CN=${signer}, O=${signer}, L=Seattle, S=Washington, C=US`;
}

/**
 * Writes a stand-in installer and returns its path. Options:
 *   version      file/product version (the bundle version), default 1.1.2505.0
 *   signer       'Microsoft Corporation' (default), another organisation, or null (not signed)
 *   subject      the signer certificate's whole subject, when CN and O should differ (default from signer)
 *   status       a signature status to report instead of Valid (e.g. 'UnknownError': untrusted chain)
 *   tamper       change the payload after signing (Get-AuthenticodeSignature then says HashMismatch)
 *   fileName     default AADConnectProvisioningAgentSetup.exe
 *   paddingBytes payload size to add (written in chunks; for large-download benches)
 *   marker       text put in the payload, so two installers of one version differ
 *   installs     false: the bundle exits with its exit code but installs nothing (as Burn does when
 *                it detects a newer related bundle); default true
 *   agentVersion the product version of the agent the bundle installs, when it differs from the
 *                bundle's own version (that they are equal is UNDOCUMENTED)
 */
export function makeInstaller(dir, options = {}) {
  const {
    version = '1.1.2505.0',
    signer = 'Microsoft Corporation',
    subject,
    status,
    tamper = false,
    fileName = INSTALLER_FILE,
    paddingBytes = 0,
    marker = '',
    installs = true,
    agentVersion,
  } = options;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  const header = {
    ProductName: 'Microsoft Azure AD Connect Provisioning Agent Package',
    FileVersion: version,
    ProductVersion: version,
    CompanyName: 'Microsoft Corporation',
    FileDescription: 'Microsoft Azure AD Connect Provisioning Agent Package',
    LabInstaller: true,
  };
  if (!installs) header.LabInstallsNothing = true;
  if (agentVersion) header.LabAgentVersion = agentVersion;
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  const write = (chunk) => {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8');
    hash.update(buffer);
    writeSync(fd, buffer);
  };
  try {
    write(`LAB-BINARY ${JSON.stringify(header)}\n`);
    write(`lab stand-in for ${INSTALLER_FILE} ${version} ${marker}\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x2e);
    for (let left = paddingBytes; left > 0; left -= chunk.length) write(left >= chunk.length ? chunk : chunk.subarray(0, left));
    if (paddingBytes > 0) write('\n');
    if (signer) {
      const digest = hash.digest('hex');
      const signature = { Signer: signer, Subject: subject ?? subjectFor(signer), Thumbprint: createHash('sha1').update(signer).digest('hex').toUpperCase(), Digest: digest };
      if (status) signature.Status = status;
      // Tampering: bytes added after signing, before the signature block (as a patched PE would be).
      if (tamper) writeSync(fd, Buffer.from('patched payload\n'));
      writeSync(fd, Buffer.from(`LAB-SIGNATURE ${JSON.stringify(signature)}\n`));
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

export function sha256Of(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The exit codes the next installer runs return, in order (then 0). */
export function setInstallerExitCodes(root, codes) {
  mkdirSync(path.join(root, 'lab'), { recursive: true });
  writeFileSync(path.join(root, 'lab', 'installer-exit-codes.json'), JSON.stringify(codes));
}

export function getInstallerExitCodes(root) {
  const file = path.join(root, 'lab', 'installer-exit-codes.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

/** The installer command lines the server saw (from lab/commandlines.log). */
export function installerCommandLines(root) {
  const file = path.join(root, 'lab', 'commandlines.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /\.exe /i.test(l) && !/^(pwsh|powershell) /.test(l));
}

/** What the simulated installer did: { version, environment, history: [...] }, or undefined. */
export function readAgentInstall(root) {
  const file = path.join(root, 'lab', 'agent-install.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * Undocumented variants the next installs play (lab/agent-variant.json; 40-installer.ps1 reads it):
 *   installDir                 another install folder (absolute, or relative to the lab root)
 *   installDirTrailingBackslash  the registry's InstallDir ends in '\'
 *   updaterServiceName         the updater service under another short name (same executable)
 *   fileVersion                the agent executable's file version, when it differs from its product version
 *   programDataFolderName      another ProgramDataFolderName (trace folder)
 */
export function setAgentVariant(root, variant) {
  mkdirSync(path.join(root, 'lab'), { recursive: true });
  writeFileSync(path.join(root, 'lab', 'agent-variant.json'), JSON.stringify(variant, null, 2));
}

/** The agent's folder on a lab server: the registry's InstallDir once installed, else the documented default. */
export function agentDir(root) {
  const recorded = getRegistry(root, AGENT_KEY, 'InstallDir');
  if (recorded) return String(recorded).replace(/[\\/]+$/, '');
  return path.join(root, 'Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
}

export function agentConfigPath(root) {
  return path.join(agentDir(root), 'AADConnectProvisioningAgent.exe.config');
}

/**
 * Puts agent `version` on the lab server exactly as a successful installer run would (same
 * PowerShell routine). Options: environment, account (the agent service's account).
 */
export function installAgent(root, version, options = {}) {
  runLabCommand(root, installAgentCommand(version, options));
}

/** installAgent without blocking the test process (in-process servers beside it keep answering). */
export function installAgentAsync(root, version, options = {}) {
  return runLabCommandAsync(root, installAgentCommand(version, options));
}

function installAgentCommand(version, options) {
  // Options: environment, account (the agent service's account); variants: setAgentVariant first.
  const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
  let command = `Install-LabAgent -Version ${quote(version)} -Environment ${quote(options.environment ?? 'AzureCloud')}`;
  if (options.account) command += ` -Account ${quote(options.account)}`;
  return command;
}
