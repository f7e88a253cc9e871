import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Zippable } from 'fflate';
import type { PowerShellSession } from '../powershell/session.js';
import { errorMessage } from '../shared/errors.js';
import { decodeText, redactText } from './redact.js';

/** The agent's event logs and the two Windows logs Microsoft's support tooling exports [ms-code: AADCloudSyncTools]. */
export const EVENT_LOGS = ['Microsoft-AzureADConnect-ProvisioningAgent/Admin', 'Microsoft-AzureADConnect-AgentUpdater/Admin', 'Application', 'System'];
export const EVENT_HOURS = 24;

export interface BundleLimits {
  /** Upper bound on the bytes read into the bundle, all files together (before compression). */
  totalBytes: number;
  /** Upper bound for one file; a longer file keeps its end (the newest lines). */
  fileBytes: number;
  maxEvents: number;
}

export const DEFAULT_LIMITS: BundleLimits = { totalBytes: 48 * 1024 * 1024, fileBytes: 8 * 1024 * 1024, maxEvents: 2000 };

interface ListedFile {
  path: string;
  name: string;
  length: number;
  lastWrite: string;
}

interface EventRecord {
  time: string;
  id: number;
  level: string;
  provider: string;
  message: string;
}

/** What collect-diagnostics.ps1 returns. */
export interface ServerDiagnostics {
  files: ListedFile[];
  eventLogs: Record<string, { events: EventRecord[]; error: string | null }>;
  notes: string[];
  [key: string]: unknown;
}

export interface BundleRequest {
  /** Undefined: the engine cannot be used (it hung or is missing); only the report is written. */
  session?: PowerShellSession;
  /** The action's own report (steps, outputs, failure), written as report.json. */
  report: unknown;
  /** Name part of the zip, e.g. the step's name. */
  label: string;
  installDir?: string;
  /** Logs the run wrote itself (the installer's /log file). */
  extraFiles?: string[];
  timeoutMs: number;
  limits?: BundleLimits;
  now?: Date;
}

export interface BundleResult {
  path: string;
  entries: string[];
  /** What was cut or left out, and why (also in manifest.txt). */
  skipped: string[];
}

/** The last `max` bytes of a file (the end of a log is what explains a failure). */
function readTail(file: string, max: number): { bytes: Buffer; truncated: boolean } {
  const size = statSync(file).size;
  const length = Math.min(size, max);
  const bytes = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    while (read < length) {
      const n = readSync(fd, bytes, read, length - read, size - length + read);
      if (n <= 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read), truncated: size > length };
  } finally {
    closeSync(fd);
  }
}

function eventsText(log: string, entry: { events: EventRecord[]; error: string | null }): string {
  const head = [`# ${log}: ${entry.events.length} event(s) of the last ${EVENT_HOURS} h, newest first`];
  if (entry.error) head.push(`# could not read: ${entry.error}`);
  const lines = entry.events.map((e) => `${e.time}\t${e.level}\t${e.id}\t${e.provider}\t${String(e.message).replace(/\s*\r?\n\s*/g, ' ')}`);
  return [...head, ...lines, ''].join('\n');
}

/** What PowerShell reports about the server; undefined (with the reason in `skipped`) when it cannot. */
async function collectFromServer(request: BundleRequest, limits: BundleLimits, skipped: string[]): Promise<ServerDiagnostics | undefined> {
  if (!request.session) {
    skipped.push('server state, event logs and files: not collected, PowerShell could not run in this job');
    return undefined;
  }
  try {
    return await request.session.run<ServerDiagnostics>(
      'diagnostics/collect-diagnostics.ps1',
      { InstallDir: request.installDir ?? '', LogNames: EVENT_LOGS, Hours: EVENT_HOURS, MaxEvents: limits.maxEvents, ExtraFiles: request.extraFiles ?? [] },
      { timeoutMs: request.timeoutMs },
    );
  } catch (error) {
    skipped.push(`server state, event logs and files: PowerShell could not collect them (${errorMessage(error)})`);
    return undefined;
  }
}

/** The config and installer logs first, then traces newest first. */
function byImportance(a: ListedFile, b: ListedFile): number {
  const rank = (f: ListedFile) => (f.name.startsWith('trace/') ? 1 : 0);
  return rank(a) - rank(b) || b.lastWrite.localeCompare(a.lastWrite);
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Builds the diagnostics zip under RUNNER_TEMP: the agent's trace folder, event logs, installer
 * logs, config, services and versions, and the action's own report. Every text is redacted (known
 * secrets and secret-shaped values) before it is compressed; reading is bounded by `limits`.
 * Whatever part cannot be read is noted in manifest.txt; the bundle is still written.
 */
export async function buildDiagnosticsBundle(request: BundleRequest): Promise<BundleResult> {
  // Loaded on first use: only runs that write a bundle pay for the zip code.
  const { zipSync, strToU8 } = await import('fflate');
  const limits = request.limits ?? DEFAULT_LIMITS;
  const now = request.now ?? new Date();
  const entries: Zippable = {};
  const skipped: string[] = [];
  const add = (name: string, text: string) => {
    entries[name] = [strToU8(redactText(text)), { mtime: now }];
  };

  const server = await collectFromServer(request, limits, skipped);

  let budget = limits.totalBytes;
  if (server) {
    const { files, eventLogs, notes, ...rest } = server;
    add('server.json', JSON.stringify(rest, null, 2));
    for (const [log, entry] of Object.entries(eventLogs ?? {})) add(`event-logs/${log.replace(/[\\/]/g, '-')}.txt`, eventsText(log, entry));
    skipped.push(...(notes ?? []));
    // Newest first: when the budget runs out, old traces go, not the ones of this run.
    const ordered = [...(files ?? [])].sort(byImportance);
    for (const file of ordered) {
      if (budget <= 0) {
        skipped.push(`${file.name}: left out, the bundle's ${Math.round(limits.totalBytes / 1048576)} MiB budget is used up`);
        continue;
      }
      try {
        const { bytes, truncated } = readTail(file.path, Math.min(limits.fileBytes, budget));
        budget -= bytes.length;
        add(file.name, decodeText(bytes));
        if (truncated) skipped.push(`${file.name}: only its last ${bytes.length} bytes (of ${file.length})`);
      } catch (error) {
        skipped.push(`${file.name}: could not be read (${errorMessage(error)})`);
      }
    }
  }
  add('report.json', JSON.stringify(request.report, null, 2));
  const manifest = [
    `Diagnostics of entra-provisioning-agent (${request.label}), ${now.toISOString()}`,
    'Secrets the action knows and secret-shaped values (tokens, passwords) are replaced by ***.',
    '',
    ...Object.keys(entries)
      .sort()
      .map((n) => `included: ${n}`),
    ...skipped.map((s) => `note: ${s}`),
    '',
  ];
  add('manifest.txt', manifest.join('\n'));

  const folder = process.env.RUNNER_TEMP || tmpdir();
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `entra-agent-diagnostics-${request.label}-${stamp(now)}.zip`);
  writeFileSync(file, zipSync(entries, { level: 6 }));
  return { path: file, entries: Object.keys(entries).sort(), skipped };
}
