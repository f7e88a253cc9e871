// The lab's set-up commands (Install-LabAgent and the like, from lab/LabHost) run in one
// PowerShell per test process, started on first use (lab/LabHost/setup-engine.ps1), instead of a
// new engine per command: a new engine costs most of a second of CPU, a request to a warm one a
// tenth of that, and set-up is not what any test is about. Each request still runs in a fresh
// runspace with LabHost imported for its server, so it leaves the server as a new engine would.
// What the action itself runs still goes through lab/bin/pwsh, one engine per run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLabPwsh } from './lab.mjs';

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'LabHost', 'setup-engine.ps1');
const POLL_MS = 2;

/** @type {{ spool: string, pid: number | undefined, exited: boolean, stderr: string } | undefined} */
let engine;
let nextId = 0;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function startEngine() {
  if (engine && alive(engine)) return engine;
  const pwsh = findLabPwsh();
  if (!pwsh) throw new Error('lab: PowerShell 7 not found (install: dotnet tool install --global PowerShell --version 7.6.9).');
  const spool = mkdtempSync(path.join(tmpdir(), 'lab-setup-engine-'));
  const child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', serverScript, spool, String(process.pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // As lab/bin/pwsh: no usage telemetry (no network from the lab).
    env: { ...process.env, POWERSHELL_TELEMETRY_OPTOUT: '1' },
  });
  const started = { spool, pid: child.pid, exited: false, stderr: '' };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    started.stderr = (started.stderr + chunk).slice(-4000);
  });
  child.on('exit', () => {
    started.exited = true;
  });
  // Neither the engine nor its pipe keeps the test process alive; the engine ends with it.
  child.unref();
  child.stderr.unref?.();
  process.once('exit', () => {
    child.kill();
    rmSync(spool, { recursive: true, force: true });
  });
  engine = started;
  return started;
}

function submit(root, command) {
  const current = startEngine();
  const id = `${process.pid}-${String(nextId++).padStart(6, '0')}`;
  const request = path.join(current.spool, `${id}.req`);
  writeFileSync(`${request}.tmp`, JSON.stringify({ root, command }));
  renameSync(`${request}.tmp`, request);
  return { current, result: path.join(current.spool, `${id}.res`), command };
}

function settle({ result, command }) {
  const answer = JSON.parse(readFileSync(result, 'utf8'));
  unlinkSync(result);
  if (!answer.ok) throw new Error(`lab set-up command failed: ${command}\n${answer.error}`);
}

/** Whether the engine process is still running; asked synchronously (no 'exit' event while blocked). */
function alive(current) {
  if (current.exited || current.pid === undefined) return false;
  try {
    // A dead child stays a zombie until Node reaps it, which it cannot while this thread waits.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${current.pid}/stat`, 'utf8'));
  } catch {
    try {
      process.kill(current.pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function gone(current, command) {
  return new Error(`lab: the set-up engine exited before answering '${command}'.${current.stderr ? ` stderr: ${current.stderr.trim()}` : ''}`);
}

/** Runs a LabHost command on the lab server under root; throws with PowerShell's error if it fails. */
export function runLabCommand(root, command) {
  const pending = submit(root, command);
  // Blocks like execFileSync did (callers are synchronous test set-up), a few ms at a time.
  for (let polls = 1; !existsSync(pending.result); polls++) {
    if (polls % 100 === 0 && !alive(pending.current) && !existsSync(pending.result)) throw gone(pending.current, command);
    Atomics.wait(sleeper, 0, 0, POLL_MS);
  }
  settle(pending);
}

/** runLabCommand without blocking the test process (in-process servers beside it keep answering). */
export async function runLabCommandAsync(root, command) {
  const pending = submit(root, command);
  while (!existsSync(pending.result)) {
    if (!alive(pending.current) && !existsSync(pending.result)) throw gone(pending.current, command);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  settle(pending);
}
