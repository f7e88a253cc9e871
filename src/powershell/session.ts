import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { redact, registerSecret } from '../shared/secrets.js';
import { engineEnvironment } from './engine-env.js';
import { PowerShellExitedError, PowerShellScriptError, PowerShellTimeoutError } from './errors.js';
import { scriptPath } from './scripts.js';

export interface SessionLogger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export interface RunOptions {
  /** Become SecureString parameters of the script; sent on standard input, never on a command line. */
  secrets?: Record<string, string | undefined>;
  /** Default: the session's timeout. */
  timeoutMs?: number;
}

export interface SessionOptions {
  executable: string;
  logger: SessionLogger;
  /** Per request; the engine is stopped when a request takes longer. */
  timeoutMs?: number;
  /** Extra environment for the engine (not for secrets: pass those per request). */
  env?: Record<string, string>;
}

interface HostEvent {
  type: 'log' | 'result';
  level?: 'info' | 'warning' | 'verbose';
  message?: string;
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: { message: string; code: string; script: string; line: number };
}

interface Pending {
  id: number;
  script: string;
  sentAt: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const ENGINE_ARGS = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'];
const STDERR_TAIL_LINES = 20;

/** JSON with every non-ASCII character escaped, so no code page on either side can garble it. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The one way product code starts a process: a single long-lived PowerShell engine per run
 * (src/powershell/host.ps1) that runs shipped scripts on request. Starting the engine costs far
 * more than a request, so a whole run, all steps included, normally starts it once.
 */
export class PowerShellSession {
  private child: ChildProcessWithoutNullStreams | undefined;
  private marker = '';
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stdoutBuffer = '';
  private stderrTail: string[] = [];
  private started = 0;

  constructor(private readonly options: SessionOptions) {}

  /** How many engine processes this session has started (a converged run should start one). */
  get processesStarted(): number {
    return this.started;
  }

  /** Runs a shipped script (path relative to src/) and returns what it wrote as its result. */
  run<T>(script: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<T> {
    const next = this.queue.then(() => this.send<T>(scriptPath(script), params, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Like run, for a script given by absolute path (tests). */
  runFile<T>(file: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<T> {
    const next = this.queue.then(() => this.send<T>(file, params, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin.end();
    });
  }

  private ensureStarted(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    this.marker = `@@epa-${randomBytes(12).toString('hex')}@@`;
    this.stdoutBuffer = '';
    this.stderrTail = [];
    const child = spawn(this.options.executable, [...ENGINE_ARGS, scriptPath('powershell/host.ps1')], {
      // Never the whole environment: see engine-env.ts (no input, no runner token, no secret).
      env: { ...engineEnvironment(process.env), ...this.options.env, EPA_SESSION_MARKER: this.marker },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.started += 1;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: string) => this.onStderr(chunk));
    // A write to a dead engine surfaces through 'exit'; do not let it crash the process.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.onExit(child, null, null, error));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    this.child = child;
    return child;
  }

  private send<T>(file: string, params: Record<string, unknown>, options: RunOptions): Promise<T> {
    const secrets: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.secrets ?? {})) {
      if (value === undefined) continue;
      registerSecret(value);
      secrets[name] = value;
    }
    const child = this.ensureStarted();
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10 * 60_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.child = undefined;
        child.kill('SIGKILL');
        reject(new PowerShellTimeoutError(`PowerShell script ${leaf(file)} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`));
      }, timeoutMs);
      this.pending = { id, script: file, sentAt: performance.now(), resolve: resolve as (v: unknown) => void, reject, timer };
      child.stdin.write(`${asciiJson({ id, script: file, params, secrets })}\n`);
    });
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let newline: number;
    while ((newline = this.stdoutBuffer.indexOf('\n')) >= 0) {
      const line = this.stdoutBuffer.slice(0, newline).replace(/\r$/, '');
      this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    const at = line.indexOf(this.marker);
    if (at < 0) {
      if (line.trim() !== '') this.options.logger.info(redact(line));
      return;
    }
    let event: HostEvent;
    try {
      event = JSON.parse(line.slice(at + this.marker.length)) as HostEvent;
    } catch {
      this.options.logger.warning('PowerShell wrote a malformed event line; ignored.');
      return;
    }
    if (event.type === 'log') {
      const message = redact(event.message ?? '');
      if (event.level === 'warning') this.options.logger.warning(message);
      else if (event.level === 'verbose') this.options.logger.debug(message);
      else this.options.logger.info(message);
      return;
    }
    const pending = this.pending;
    if (!pending || event.id !== pending.id) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    // Durations in the debug log: where a slow run spends its time (the first includes the engine's start).
    this.options.logger.debug(`${leaf(pending.script)}: ${Math.round(performance.now() - pending.sentAt)} ms`);
    if (event.ok) {
      pending.resolve(event.value ?? null);
    } else {
      const e = event.error ?? { message: 'unknown error', code: 'Unknown', script: leaf(pending.script), line: 0 };
      pending.reject(new PowerShellScriptError(redact(e.message), redact(e.code), e.script || leaf(pending.script), e.line));
    }
  }

  private onStderr(chunk: string): void {
    for (const line of chunk.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const safe = redact(line);
      this.stderrTail.push(safe);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
      this.options.logger.debug(`[pwsh stderr] ${safe}`);
    }
  }

  private onExit(child: ChildProcessWithoutNullStreams, code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    // An engine already given up on (timed out) may report its exit after a new one started.
    if (this.child !== child) return;
    this.child = undefined;
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    const why = error ? redact(error.message) : signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.stderrTail.length ? ` stderr: ${this.stderrTail.slice(-3).join(' | ')}` : '';
    pending.reject(new PowerShellExitedError(`PowerShell (${this.options.executable}) ${why} while running ${leaf(pending.script)}.${tail}`, code, signal));
  }
}

function leaf(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
