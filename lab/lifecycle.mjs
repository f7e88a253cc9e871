// JavaScript side of lab/LabHost/parts/60-lifecycle.ps1: event logs, trace files, uninstall switches.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';

export const AGENT_EVENT_LOG = 'Microsoft-AzureADConnect-ProvisioningAgent/Admin';
export const UPDATER_EVENT_LOG = 'Microsoft-AzureADConnect-AgentUpdater/Admin';

const logFile = (root, log) => path.join(root, 'lab', 'eventlogs', `${log.replace(/[\\/]/g, '_')}.json`);

/**
 * Appends events to a log: [{ TimeCreated (ISO, default now), Id, Level (1 critical, 2 error,
 * 3 warning, 4 information), ProviderName, Message }].
 */
export function writeEvents(root, log, events) {
  const file = logFile(root, log);
  mkdirSync(path.dirname(file), { recursive: true });
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8') || '[]') ?? []) : [];
  const added = events.map((e) => ({ TimeCreated: new Date().toISOString(), Level: 4, ProviderName: 'AzureADConnectProvisioningAgent', Id: 0, ...e }));
  writeFileSync(file, JSON.stringify([...(Array.isArray(before) ? before : [before]), ...added], null, 2));
}

/** The agent's trace folder: %ProgramData%\Microsoft\<ProgramDataFolderName>\Trace [ms-code]. */
export function traceFolder(root, dataFolderName = 'Azure AD Connect Provisioning Agent') {
  return path.join(root, 'ProgramData', 'Microsoft', dataFolderName, 'Trace');
}

export function writeTraceFile(root, name, text, dataFolderName) {
  const file = path.join(traceFolder(root, dataFolderName), name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Exit codes of the next uninstaller runs (bundle or msiexec), in order; then 0. */
export function setUninstallExitCodes(root, codes) {
  writeFileSync(path.join(root, 'lab', 'uninstall-exit-codes.json'), JSON.stringify(codes));
}

/** { bundleKeepsUpdater: true }: removing the bundle leaves the updater installed. */
export function setUninstallVariant(root, variant) {
  writeFileSync(path.join(root, 'lab', 'uninstall-variant.json'), JSON.stringify(variant));
}

/** DisplayNames of the entries under HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall. */
export function uninstallEntries(root) {
  const dir = path.join(root, 'registry', 'HKLM', 'SOFTWARE', 'Microsoft', 'Windows', 'CurrentVersion', 'Uninstall');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((key) => {
      const file = path.join(dir, key, '.values.json');
      return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).DisplayName : undefined;
    })
    .filter(Boolean)
    .sort();
}
