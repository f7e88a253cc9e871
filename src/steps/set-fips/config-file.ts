/**
 * The agent config on disk: read it with its backups (the editor's history for exact undo), plan
 * the edit, and apply it with a backup and an atomic replace. The action runs on the server itself,
 * so Node reads and writes the file directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { editConfig, minimalConfig, type ConfigEditResult, type ConfigRequest } from '../../config/editor.js';
import { ConfigFormatError } from '../../config/errors.js';
import { listBackups, pruneBackups, replaceFileAtomically, writeBackup } from '../../config/safe-write.js';
import { StepError } from '../../shared/errors.js';

/** Backups read as history for exact undo (newest first). */
const HISTORY_DEPTH = 10;

export interface ConfigFilePlan {
  path: string;
  /** True when the file did not exist and will be created from the minimal config. */
  create: boolean;
  original: Buffer;
  result: ConfigEditResult;
}

export function malformedConfigError(path: string, error: ConfigFormatError): StepError {
  return new StepError(`The agent config ${path} ${error.reason}; it was left untouched. Repair it or restore a .bak copy beside it (or reinstall the agent), then run again.`, 'ConfigMalformed');
}

export function planConfigFile(path: string, request: ConfigRequest, options: { createIfMissing: boolean }): ConfigFilePlan | undefined {
  const exists = existsSync(path);
  if (!exists && !options.createIfMissing) return undefined;
  const original = exists ? readFileSync(path) : minimalConfig();
  const history: Buffer[] = [];
  if (exists) {
    for (const file of listBackups(path).slice(0, HISTORY_DEPTH)) {
      try {
        history.push(readFileSync(file));
      } catch {
        // An unreadable backup is no candidate for undo.
      }
    }
  }
  try {
    return { path, create: !exists, original, result: editConfig(original, request, history) };
  } catch (error) {
    if (error instanceof ConfigFormatError) throw malformedConfigError(path, error);
    throw error;
  }
}

/** Writes the planned bytes; returns the backup's path ('' when the file was created). */
export async function applyConfigFile(plan: ConfigFilePlan, backupsToKeep: number): Promise<string> {
  if (plan.create) {
    if (existsSync(plan.path)) throw new StepError(`${plan.path} appeared while this step ran; nothing was written. Run again.`, 'ConfigChangedDuringRun');
    await replaceFileAtomically(plan.path, plan.result.bytes);
    return '';
  }
  // The plan was made from what was read; never overwrite a file that changed since.
  if (!readFileSync(plan.path).equals(plan.original)) {
    throw new StepError(`${plan.path} changed while this step ran; nothing was written. Run again.`, 'ConfigChangedDuringRun');
  }
  const backup = writeBackup(plan.path, plan.original);
  await replaceFileAtomically(plan.path, plan.result.bytes);
  pruneBackups(plan.path, backupsToKeep);
  return backup;
}
