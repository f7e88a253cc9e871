import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6289:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   zg: () => (/* binding */ StepError)
/* harmony export */ });
/** A bad input value: the message is one line that names the input and what is allowed. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input '${input}' ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** A failure the action explains itself (the message is the one line the user reads). */
class StepError extends Error {
    code;
    constructor(message, code = 'StepFailed') {
        super(message);
        this.code = code;
        this.name = 'StepError';
    }
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}


/***/ }),

/***/ 7037:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  uB: () => (/* binding */ runStepAction)
});

// UNUSED EXPORTS: actionLog, assertPlatform, fail, failureLine, runSteps

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./src/shared/runner.ts
/**
 * The GitHub runner's side of the action: inputs from INPUT_* variables, workflow commands on
 * standard output (::add-mask::, ::group::, ::warning::, ::error::, ::debug::) and the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Only what the action uses, written here rather than
 * taken from @actions/core because that package loads an HTTP stack (for OIDC tokens) at start-up:
 * about a megabyte of bundle that every run, and every plan, paid before doing anything.
 */



/** Workflow command data: the runner reads %, CR and LF as escapes. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function command(name, message) {
    process.stdout.write(`::${name}::${escapeData(message)}${external_node_os_.EOL}`);
}
/** An input as the runner passes it (untrimmed); '' when not given. */
function getInput(name) {
    return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}
/** Tells the runner to mask a value in every log line from now on. */
function setSecret(value) {
    command('add-mask', value);
}
function info(message) {
    process.stdout.write(`${message}${external_node_os_.EOL}`);
}
function warning(message) {
    command('warning', message);
}
function error(message) {
    command('error', message);
}
function debug(message) {
    command('debug', message);
}
function startGroup(name) {
    command('group', name);
}
function endGroup() {
    process.stdout.write(`::endgroup::${external_node_os_.EOL}`);
}
/** Marks the step failed with one line; the process ends with exit code 1 once its work is done. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function appendFileCommand(variable, text) {
    const file = process.env[variable];
    if (!file)
        return;
    if (!(0,external_node_fs_.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,external_node_fs_.appendFileSync)(file, text, { encoding: 'utf8' });
}
/** An output of the step (heredoc form of the GITHUB_OUTPUT file, safe for any value). */
function setOutput(name, value) {
    if (!process.env.GITHUB_OUTPUT) {
        process.stdout.write(`${external_node_os_.EOL}::set-output name=${escapeData(name)}::${escapeData(value)}${external_node_os_.EOL}`);
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Output ${name} contains its own delimiter.`);
    appendFileCommand('GITHUB_OUTPUT', `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`);
}
/** Appends Markdown to the job summary, when the runner provides one. */
function appendSummary(markdown) {
    appendFileCommand('GITHUB_STEP_SUMMARY', `${markdown}${external_node_os_.EOL}`);
}

;// CONCATENATED MODULE: ./src/agent/server-state.ts
function readServerState(session, installDir) {
    return session.run('agent/get-server-state.ps1', installDir ? { InstallDir: installDir } : {});
}
/**
 * One read of the server shared by every step of a run: a step that changed the server calls
 * invalidate(), and the next step that asks reads it again. A converged run reads it once.
 */
class ServerStateCache {
    session;
    current;
    key;
    constructor(session) {
        this.session = session;
    }
    get(installDir) {
        const key = installDir ?? '';
        if (!this.current || this.key !== key) {
            this.key = key;
            this.current = readServerState(this.session, installDir);
            this.current.catch(() => this.invalidate());
        }
        return this.current;
    }
    invalidate() {
        this.current = undefined;
    }
}

// EXTERNAL MODULE: ../../main/node_modules/@actions/io/lib/io.js
var io = __nccwpck_require__(6823);
;// CONCATENATED MODULE: ./src/powershell/errors.ts
/** The engine could not be found or started. */
class PowerShellNotFoundError extends Error {
    name = 'PowerShellNotFoundError';
}
/** A script threw: `code` is its error id (see Fail in host.ps1), the message is the script's own. */
class PowerShellScriptError extends Error {
    code;
    script;
    line;
    name = 'PowerShellScriptError';
    constructor(message, code, script, line) {
        super(message);
        this.code = code;
        this.script = script;
        this.line = line;
    }
}
/** A request ran longer than its timeout; the engine was stopped. */
class PowerShellTimeoutError extends Error {
    name = 'PowerShellTimeoutError';
}
/** The engine exited while a request was under way (crash, killed, bad executable). */
class PowerShellExitedError extends Error {
    exitCode;
    signal;
    name = 'PowerShellExitedError';
    constructor(message, exitCode, signal) {
        super(message);
        this.exitCode = exitCode;
        this.signal = signal;
    }
}

;// CONCATENATED MODULE: ./src/powershell/engine.ts


/** 'powershell' is Windows PowerShell 5.1 (what the agent's .NET Framework module needs); 'pwsh' is 7. */
const DEFAULT_ENGINE = 'powershell';
/** Finds the engine named by the `shell` input: a command on PATH or a path to an executable. */
async function resolveEngine(shell) {
    const found = await io/* which */.K7(shell, false);
    if (!found) {
        throw new PowerShellNotFoundError(`Input 'shell': PowerShell engine '${shell}' was not found on PATH; install it or set 'shell' to 'powershell', 'pwsh' or the engine's full path.`);
    }
    return found;
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/shared/secrets.ts

/**
 * Every secret the action handles is registered here once: the runner masks it (and the forms a
 * secret commonly takes when something re-encodes it), and our own output paths redact it too, so
 * a log line from PowerShell or an error message never carries it even outside a GitHub runner.
 */
const secrets = new Set();
function derivedForms(value) {
    const forms = new Set([value]);
    forms.add(Buffer.from(value, 'utf8').toString('base64'));
    forms.add(Buffer.from(value, 'utf16le').toString('base64'));
    forms.add(encodeURIComponent(value));
    const json = JSON.stringify(value).slice(1, -1);
    const unicodeEscape = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    forms.add(json);
    // PowerShell's ConvertTo-Json escapes <>&' and our host escapes non-ASCII: each alone and together.
    forms.add(json.replace(/[<>&']/g, unicodeEscape));
    forms.add(json.replace(/[^\x20-\x7e]/g, unicodeEscape));
    forms.add(json.replace(/[<>&']|[^\x20-\x7e]/g, unicodeEscape));
    return [...forms].filter((f) => f.length > 0);
}
function registerSecret(value) {
    if (!value)
        return;
    for (const form of derivedForms(value)) {
        if (secrets.has(form))
            continue;
        secrets.add(form);
        setSecret(form);
    }
}
/** Replaces every registered secret (longest first, so a secret inside another is still caught). */
function redact(text) {
    if (secrets.size === 0 || !text)
        return text;
    let out = text;
    for (const form of [...secrets].sort((a, b) => b.length - a.length)) {
        if (form.length < 3 && !/[^\x20-\x7e]/.test(form))
            continue; // too short to redact without mangling logs
        out = out.split(form).join('***');
    }
    return out;
}
/** For tests: forget registered secrets between cases. */
function clearSecretsForTests() {
    secrets.clear();
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ./src/powershell/scripts.ts



// Bundled, this code lives in dist/<entry>/index.js and the .ps1 files beside it in scripts/ (copied
// there by scripts/bundle.mjs, mirroring src/). Unbundled (unit tests), this file is src/powershell/.
const here = external_node_path_.dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
const root = (0,external_node_fs_.existsSync)(external_node_path_.join(here, 'scripts')) ? external_node_path_.join(here, 'scripts') : external_node_path_.resolve(here, '..');
/** Absolute path of a shipped script, given its path relative to src/ (e.g. 'agent/get-server-state.ps1'). */
function scriptPath(relative) {
    const full = external_node_path_.join(root, ...relative.split('/'));
    if (!(0,external_node_fs_.existsSync)(full))
        throw new Error(`Shipped script missing: ${relative} (looked in ${root}).`);
    return full;
}

;// CONCATENATED MODULE: ./src/powershell/session.ts





const ENGINE_ARGS = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'];
const STDERR_TAIL_LINES = 20;
/** JSON with every non-ASCII character escaped, so no code page on either side can garble it. */
function asciiJson(value) {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/**
 * The one way product code starts a process: a single long-lived PowerShell engine per run
 * (src/powershell/host.ps1) that runs shipped scripts on request. Starting the engine costs far
 * more than a request, so a whole run, all steps included, normally starts it once.
 */
class PowerShellSession {
    options;
    child;
    marker = '';
    pending;
    queue = Promise.resolve();
    nextId = 1;
    stdoutBuffer = '';
    stderrTail = [];
    started = 0;
    constructor(options) {
        this.options = options;
    }
    /** How many engine processes this session has started (a converged run should start one). */
    get processesStarted() {
        return this.started;
    }
    /** Runs a shipped script (path relative to src/) and returns what it wrote as its result. */
    run(script, params = {}, options = {}) {
        const next = this.queue.then(() => this.send(scriptPath(script), params, options));
        this.queue = next.catch(() => undefined);
        return next;
    }
    /** Like run, for a script given by absolute path (tests). */
    runFile(file, params = {}, options = {}) {
        const next = this.queue.then(() => this.send(file, params, options));
        this.queue = next.catch(() => undefined);
        return next;
    }
    async close() {
        const child = this.child;
        if (!child)
            return;
        this.child = undefined;
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        await new Promise((resolve) => {
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
    ensureStarted() {
        if (this.child)
            return this.child;
        this.marker = `@@epa-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}@@`;
        this.stdoutBuffer = '';
        this.stderrTail = [];
        const child = (0,external_node_child_process_namespaceObject.spawn)(this.options.executable, [...ENGINE_ARGS, scriptPath('powershell/host.ps1')], {
            env: { ...process.env, ...this.options.env, EPA_SESSION_MARKER: this.marker },
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true,
        });
        this.started += 1;
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', (chunk) => this.onStdout(chunk));
        child.stderr.on('data', (chunk) => this.onStderr(chunk));
        // A write to a dead engine surfaces through 'exit'; do not let it crash the process.
        child.stdin.on('error', () => undefined);
        child.on('error', (error) => this.onExit(child, null, null, error));
        child.on('exit', (code, signal) => this.onExit(child, code, signal));
        this.child = child;
        return child;
    }
    send(file, params, options) {
        const secrets = {};
        for (const [name, value] of Object.entries(options.secrets ?? {})) {
            if (value === undefined)
                continue;
            registerSecret(value);
            secrets[name] = value;
        }
        const child = this.ensureStarted();
        const id = this.nextId++;
        const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10 * 60_000;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending = undefined;
                this.child = undefined;
                child.kill('SIGKILL');
                reject(new PowerShellTimeoutError(`PowerShell script ${leaf(file)} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`));
            }, timeoutMs);
            this.pending = { id, script: file, sentAt: performance.now(), resolve: resolve, reject, timer };
            child.stdin.write(`${asciiJson({ id, script: file, params, secrets })}\n`);
        });
    }
    onStdout(chunk) {
        this.stdoutBuffer += chunk;
        let newline;
        while ((newline = this.stdoutBuffer.indexOf('\n')) >= 0) {
            const line = this.stdoutBuffer.slice(0, newline).replace(/\r$/, '');
            this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
            this.onLine(line);
        }
    }
    onLine(line) {
        const at = line.indexOf(this.marker);
        if (at < 0) {
            if (line.trim() !== '')
                this.options.logger.info(redact(line));
            return;
        }
        let event;
        try {
            event = JSON.parse(line.slice(at + this.marker.length));
        }
        catch {
            this.options.logger.warning('PowerShell wrote a malformed event line; ignored.');
            return;
        }
        if (event.type === 'log') {
            const message = redact(event.message ?? '');
            if (event.level === 'warning')
                this.options.logger.warning(message);
            else if (event.level === 'verbose')
                this.options.logger.debug(message);
            else
                this.options.logger.info(message);
            return;
        }
        const pending = this.pending;
        if (!pending || event.id !== pending.id)
            return;
        this.pending = undefined;
        clearTimeout(pending.timer);
        // Durations in the debug log: where a slow run spends its time (the first includes the engine's start).
        this.options.logger.debug(`${leaf(pending.script)}: ${Math.round(performance.now() - pending.sentAt)} ms`);
        if (event.ok) {
            pending.resolve(event.value ?? null);
        }
        else {
            const e = event.error ?? { message: 'unknown error', code: 'Unknown', script: leaf(pending.script), line: 0 };
            pending.reject(new PowerShellScriptError(redact(e.message), redact(e.code), e.script || leaf(pending.script), e.line));
        }
    }
    onStderr(chunk) {
        for (const line of chunk.split(/\r?\n/)) {
            if (line.trim() === '')
                continue;
            const safe = redact(line);
            this.stderrTail.push(safe);
            if (this.stderrTail.length > STDERR_TAIL_LINES)
                this.stderrTail.shift();
            this.options.logger.debug(`[pwsh stderr] ${safe}`);
        }
    }
    onExit(child, code, signal, error) {
        // An engine already given up on (timed out) may report its exit after a new one started.
        if (this.child !== child)
            return;
        this.child = undefined;
        const pending = this.pending;
        if (!pending)
            return;
        this.pending = undefined;
        clearTimeout(pending.timer);
        const why = error ? redact(error.message) : signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const tail = this.stderrTail.length ? ` stderr: ${this.stderrTail.slice(-3).join(' | ')}` : '';
        pending.reject(new PowerShellExitedError(`PowerShell (${this.options.executable}) ${why} while running ${leaf(pending.script)}.${tail}`, code, signal));
    }
}
function leaf(file) {
    return file.split(/[\\/]/).pop() ?? file;
}

;// CONCATENATED MODULE: ./src/shared/common-settings.ts

function readCommonSettings(inputs) {
    const shell = inputs.text('shell', { default: DEFAULT_ENGINE });
    return {
        dryRun: inputs.bool('dry-run', false),
        shell,
        shellGiven: inputs.has('shell'),
        timeoutMs: inputs.integer('timeout-minutes', 30, 1, 360) * 60_000,
    };
}

// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __nccwpck_require__(6289);
;// CONCATENATED MODULE: ./src/shared/inputs.ts



// Untrimmed, so a password that really ends in a space survives; readers trim where that is right.
const actionInputs = (name) => getInput(name);
/** Shows a rejected value inside a one-line error: trimmed, single line, bounded. */
function shown(value) {
    const flat = value.replace(/\s+/g, ' ').trim();
    return `'${flat.length > 60 ? `${flat.slice(0, 57)}...` : flat}'`;
}
/**
 * Typed readers over one input source. Every reader trims, applies the default for an empty value,
 * and throws InputError (one line naming the input) for anything it cannot accept.
 */
class Inputs {
    source;
    constructor(source = actionInputs) {
        this.source = source;
    }
    raw(name) {
        return (this.source(name) ?? '').trim();
    }
    has(name) {
        return this.raw(name) !== '';
    }
    text(name, options = {}) {
        const value = this.raw(name);
        if (value === '') {
            if (options.required)
                throw new errors/* InputError */.dz(name, 'is required.');
            return options.default ?? '';
        }
        if (/[\r\n]/.test(value))
            throw new errors/* InputError */.dz(name, 'must be a single line.');
        if (options.pattern && !options.pattern.test(value)) {
            throw new errors/* InputError */.dz(name, `must be ${options.describe ?? `a value matching ${options.pattern}`}; got ${shown(value)}.`);
        }
        return value;
    }
    bool(name, fallback) {
        const value = this.raw(name).toLowerCase();
        if (value === '')
            return fallback;
        if (value === 'true')
            return true;
        if (value === 'false')
            return false;
        throw new errors/* InputError */.dz(name, `must be 'true' or 'false'; got ${shown(value)}.`);
    }
    choice(name, allowed, fallback) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
        if (!match)
            throw new errors/* InputError */.dz(name, `must be one of ${allowed.join(', ')}; got ${shown(value)}.`);
        return match;
    }
    integer(name, fallback, min, max) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
            throw new errors/* InputError */.dz(name, `must be a whole number from ${min} to ${max}; got ${shown(value)}.`);
        }
        return Number(value);
    }
    /** A non-empty list: one item a line or comma-separated; blank lines and '#' comments dropped. */
    list(name) {
        return this.raw(name)
            .split(/\r?\n/)
            .map((line) => line.replace(/#.*$/, '').trim())
            .flatMap((line) => line.split(','))
            .map((item) => item.trim())
            .filter((item) => item !== '');
    }
    /** A secret: masked before anything else can print it; never echoed in errors. */
    secret(name, options = {}) {
        const value = this.source(name) ?? '';
        registerSecret(value);
        registerSecret(value.trim());
        if (value.trim() === '') {
            if (options.required)
                throw new errors/* InputError */.dz(name, 'is required.');
            return undefined;
        }
        // Passwords may legitimately start or end with spaces only if the user means it; we keep the raw value.
        if (/[\r\n]/.test(value.replace(/^\s+|\s+$/g, '')))
            throw new errors/* InputError */.dz(name, 'must be a single line.');
        return value.replace(/^[\r\n]+|[\r\n]+$/g, '');
    }
}

;// CONCATENATED MODULE: ./src/shared/report.ts


function outputText(value) {
    if (value === null || value === undefined)
        return '';
    return String(value);
}
function publishOutputs(result, prefix = '') {
    setOutput(`${prefix}changed`, String(result.changed));
    for (const [name, value] of Object.entries(result.outputs))
        setOutput(`${prefix}${name}`, outputText(value));
}
function escapeCell(text) {
    return redact(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
/** One section of the job summary: a heading, a two-column table, notes. */
function summarySection(title, result, dryRun) {
    const state = dryRun ? (result.changed ? 'plan: changes needed' : 'plan: nothing to change') : result.changed ? 'changed' : 'unchanged';
    const rows = [['Result', state], ...result.summary].map(([k, v]) => `| ${escapeCell(k)} | ${escapeCell(v)} |`);
    const notes = (result.notes ?? []).map((n) => `> ${escapeCell(n)}`);
    return [`### ${title}`, '', '| | |', '| --- | --- |', ...rows, '', ...(notes.length ? [...notes, ''] : [])].join('\n');
}
/** Appends to the job summary when the runner provides one (local runs may not). */
async function writeSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    appendSummary(markdown);
}

;// CONCATENATED MODULE: ./src/shared/run-action.ts









const actionLog = {
    info: (m) => info(redact(m)),
    warning: (m) => warning(redact(m)),
    debug: (m) => debug(redact(m)),
};
/** Off Windows only plan mode or an engine the workflow named itself can run (the lab does the latter). */
function assertPlatform(common, platform = process.platform) {
    if (platform === 'win32' || common.dryRun || common.shellGiven)
        return;
    throw new errors/* StepError */.zg(`This action manages a Windows server and this runner is ${platform}: use a self-hosted Windows runner, set 'dry-run: true' to only plan, or name a PowerShell engine with 'shell'.`, 'NotWindows');
}
/**
 * Runs steps in order in one PowerShell session. Every step's inputs were validated before this is
 * called, so bad input never leaves the server half-changed. Stops at the first failing step.
 */
async function runSteps(planned, common, onResult) {
    assertPlatform(common);
    const executable = await resolveEngine(common.shell);
    const session = new PowerShellSession({ executable, logger: actionLog, timeoutMs: common.timeoutMs });
    const context = { common, session, server: new ServerStateCache(session), log: actionLog, earlier: new Map() };
    try {
        for (const { step, settings } of planned) {
            startGroup(`${step.title}${common.dryRun ? ' (plan)' : ''}`);
            try {
                const result = await step.run(settings, context);
                context.earlier.set(step.name, result);
                await onResult(step, result);
                if (result.failure)
                    throw new errors/* StepError */.zg(result.failure, 'StepJudgedFailed');
            }
            finally {
                endGroup();
            }
        }
    }
    finally {
        await session.close();
    }
    return context.earlier;
}
/** The single line a failed run ends with. */
function failureLine(error) {
    return redact((0,errors/* errorMessage */.gJ)(error)).replace(/\s*\r?\n\s*/g, ' ').trim();
}
function fail(error) {
    if (error instanceof Error && error.stack)
        debug(redact(error.stack));
    setFailed(failureLine(error));
}
/** Entry of a step action used on its own (dist/<step>/index.js). */
async function runStepAction(step) {
    try {
        const inputs = new Inputs();
        const common = readCommonSettings(inputs);
        const settings = step.readSettings(inputs);
        await runSteps([{ step, settings }], common, async (s, result) => {
            publishOutputs(result);
            await writeSummary(summarySection(s.title, result, common.dryRun));
        });
    }
    catch (error) {
        fail(error);
    }
}


/***/ }),

/***/ 2572:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7037);
/* harmony import */ var _step_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5985);


await (0,_shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__/* .runStepAction */ .uB)(_step_js__WEBPACK_IMPORTED_MODULE_1__/* .installAgentStep */ .D);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5985:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  D: () => (/* binding */ installAgentStep)
});

;// CONCATENATED MODULE: ./src/agent/facts.ts
/** What we know about the Entra provisioning agent (../shared/reference/agent-facts.md), as code. */
const AGENT_FOLDER_NAME = 'Microsoft Azure AD Connect Provisioning Agent';
const AGENT_EXE = 'AADConnectProvisioningAgent.exe';
const AGENT_CONFIG = 'AADConnectProvisioningAgent.exe.config';
const AGENT_MODULE_DLL = 'Microsoft.CloudSync.PowerShell.dll';
const INSTALLER_FILE = 'AADConnectProvisioningAgentSetup.exe';
const AGENT_SERVICE = 'AADConnectProvisioningAgent';
/** UNDOCUMENTED short name (display name "Microsoft Entra Connect Agent Updater"); seen in practice. */
const UPDATER_SERVICE = 'AADConnectAgentUpdater';
/** The account the agent service runs as until a gMSA is configured. */
const VIRTUAL_SERVICE_ACCOUNT = 'NT SERVICE\\AADConnectProvisioningAgent';
const DEFAULT_GMSA = 'provAgentgMSA$';
/** Registration leaves the tenant id here (seen in public lab scripts). */
const AGENT_REGISTRY_KEY = 'HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect Provisioning Agent';
const FIPS_POLICY_KEY = 'HKLM:\\System\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';
/** Cloud environments the installer's ENVIRONMENTNAME property accepts (bundle default: 'Default'). */
const ENVIRONMENTS = ['AzureCloud', 'AzureUSGovernment'];
const MIN_VERSION = {
    gmsa: '1.1.281.0',
    customGmsaAndSilentInstall: '1.1.354.0',
    permissionCmdlets: '1.1.359.0',
    writebackCmdlet: '1.1.587.0',
    writebackGenerallyAvailable: '1.1.977.0',
    /** Upgrades before this one could reset config customisations (FIPS, proxy). */
    keepsCustomisationsOnUpgrade: '1.1.1365.0',
};
/**
 * Direct download link of the installer per environment (seen in Microsoft's version history). The
 * government link is the same path on the `.us` host: UNDOCUMENTED beyond "the .us host".
 */
const INSTALLER_URLS = {
    AzureCloud: 'https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller',
    AzureUSGovernment: 'https://download.msappproxy.us/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller',
};
/** The organisation an installer's Authenticode signer certificate must name (CN and O). */
const INSTALLER_SIGNER = 'Microsoft Corporation';

// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __nccwpck_require__(6289);
;// CONCATENATED MODULE: ./src/shared/version.ts
/**
 * Windows file versions (major.minor.build.revision, e.g. 1.1.2505.0). semver cannot hold four parts,
 * so these are compared here: numerically, part by part, missing parts counting as 0.
 */
const VERSION_PATTERN = /^\d{1,9}(\.\d{1,9}){1,3}$/;
function isVersion(text) {
    return VERSION_PATTERN.test(text.trim());
}
/** The numeric parts, padded to four; throws for anything that is not a version. */
function parseVersion(text) {
    const trimmed = text.trim();
    if (!isVersion(trimmed))
        throw new Error(`'${text}' is not a version (expected a.b.c.d).`);
    const parts = trimmed.split('.').map(Number);
    while (parts.length < 4)
        parts.push(0);
    return parts;
}
/** Negative when a < b, 0 when equal (1.1 equals 1.1.0.0), positive when a > b. */
function compareVersions(a, b) {
    const x = parseVersion(a);
    const y = parseVersion(b);
    for (let i = 0; i < 4; i++)
        if (x[i] !== y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}
/** The four-part form of a version ("1.1.2505" → "1.1.2505.0"). */
function normalizeVersion(text) {
    return parseVersion(text).join('.');
}

;// CONCATENATED MODULE: ./src/steps/install-agent/exit-codes.ts
/**
 * The installer's exit codes. UNDOCUMENTED for this bundle; WiX Burn follows the Windows Installer
 * conventions, which is what these are.
 */
const MEANINGS = {
    0: 'success',
    5: 'access denied; run the installer elevated',
    87: 'an invalid parameter was passed to the installer',
    1602: 'the installation was cancelled (a UI install without /quiet, or a user cancelled)',
    1603: 'fatal error during installation',
    1618: 'another installation is already in progress',
    1619: 'the installation package could not be opened',
    1620: 'the installation package could not be opened (invalid package)',
    1625: 'the installation is forbidden by system policy',
    1633: 'this installation package is not supported on this platform',
    1638: 'another version of this product is already installed',
    1639: 'invalid command line argument',
    1641: 'success; the installer started a reboot',
    3010: 'success; a reboot is required to complete the installation',
    [0x80070643 | 0]: 'fatal error during installation (0x80070643)',
};
function exitCodeMeaning(code) {
    return MEANINGS[code | 0] ?? 'unknown exit code (see the install log)';
}
/** The code as Windows tools print it: decimal, plus hex for HRESULTs. */
function formatExitCode(code) {
    if (code < 0 || code > 0xffff)
        return `${code} (0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')})`;
    return String(code);
}
function interpretExitCode(code) {
    switch (code) {
        case 0:
            return { kind: 'success', rebootRequired: false, rebootStarted: false };
        case 3010:
            return { kind: 'success', rebootRequired: true, rebootStarted: false };
        case 1641:
            return { kind: 'success', rebootRequired: true, rebootStarted: true };
        case 1618:
            return { kind: 'retry' };
        default:
            return { kind: 'failure' };
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: external "node:stream/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: ./src/steps/install-agent/file-hash.ts



/** SHA-256 of a file as lower-case hex, streamed: memory stays flat whatever the file's size. */
async function sha256File(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    await (0,promises_namespaceObject.pipeline)((0,external_node_fs_.createReadStream)(file, { highWaterMark: 1024 * 1024 }), hash);
    return hash.digest('hex');
}

;// CONCATENATED MODULE: ./src/steps/install-agent/installer-source.ts







/** The tool cache and its HTTP stack are loaded on first use: most runs never download. */
const toolCache = () => __nccwpck_require__.e(/* import() */ 571).then(__nccwpck_require__.bind(__nccwpck_require__, 7571));
/** Tool-cache name of downloaded installers; one entry per URL. */
const CACHE_TOOL = 'entra-provisioning-agent-installer';
const META_FILE = 'installer.json';
/** tool-cache wants a semver "version": the URL's hash becomes a pre-release tag. */
function cacheVersion(url) {
    return `0.0.0-u${(0,external_node_crypto_.createHash)('sha256').update(url).digest('hex').slice(0, 16)}`;
}
/**
 * Whether a cached installer may stand in for a download. A pin (sha256, or the exact version)
 * makes the entry content-addressed and good forever; without one, the URL (Microsoft's link has
 * no version in it) may serve a newer installer any day, so the entry is trusted for cacheHours.
 */
function cacheIsFresh(meta, settings, now = Date.now()) {
    if (settings.sha256)
        return meta.sha256 === settings.sha256;
    if (settings.version)
        return meta.version === settings.version;
    const age = now - Date.parse(meta.fetchedAt);
    return Number.isFinite(age) && age >= 0 && age < settings.cacheHours * 3_600_000;
}
function readMeta(folder) {
    try {
        const meta = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_.join(folder, META_FILE), 'utf8'));
        return typeof meta.sha256 === 'string' && typeof meta.fetchedAt === 'string' ? meta : undefined;
    }
    catch {
        return undefined;
    }
}
function checkPin(sha256, settings, where) {
    if (settings.sha256 && sha256 !== settings.sha256) {
        throw new errors/* StepError */.zg(`The installer's SHA-256 is ${sha256} but input 'installer-sha256' pins ${settings.sha256} (${where}); it was not run.`, 'InstallerHashMismatch');
    }
}
/**
 * The installer this runner cached for the URL, when still fresh, without hashing or downloading:
 * what was recorded when the file passed the signature check. Enough to know that nothing needs
 * installing (nothing is run on the strength of it; an install goes through locateInstaller).
 */
async function peekCachedInstaller(settings) {
    if (settings.installer.kind !== 'url')
        return undefined;
    const url = settings.installer.url;
    const tc = await toolCache();
    const cached = tc.find(CACHE_TOOL, cacheVersion(url));
    if (!cached)
        return undefined;
    const meta = readMeta(cached);
    if (!meta || meta.url !== url || !(0,external_node_fs_.existsSync)(external_node_path_.join(cached, INSTALLER_FILE)) || !cacheIsFresh(meta, settings))
        return undefined;
    return meta;
}
/**
 * Finds the installer: a local path is used in place; a URL comes from the tool cache when a
 * verified copy is there and still fresh, else it is downloaded (with retries). Every file is
 * hashed here and checked against the pin. Nothing is cached yet: that waits for the signature.
 */
async function locateInstaller(settings, log) {
    const source = settings.installer;
    if (source.kind === 'path') {
        if (!(0,external_node_fs_.existsSync)(source.path) || !(0,external_node_fs_.statSync)(source.path).isFile()) {
            throw new errors/* InputError */.dz('installer', `names a file that does not exist: '${source.path}'.`);
        }
        const sha256 = await sha256File(source.path);
        checkPin(sha256, settings, source.path);
        return { path: source.path, sha256, origin: 'path' };
    }
    const url = source.url;
    const tc = await toolCache();
    const cached = tc.find(CACHE_TOOL, cacheVersion(url));
    if (cached) {
        const meta = readMeta(cached);
        const file = external_node_path_.join(cached, INSTALLER_FILE);
        if (meta && meta.url === url && (0,external_node_fs_.existsSync)(file) && cacheIsFresh(meta, settings)) {
            const sha256 = await sha256File(file);
            if (sha256 === meta.sha256) {
                log.info(`Using the installer cached on this runner (downloaded ${meta.fetchedAt}, version ${meta.version}).`);
                return { path: file, sha256, origin: 'cache', url };
            }
            log.warning(`The cached installer at ${file} no longer matches its recorded SHA-256; downloading it again.`);
        }
    }
    const downloadDir = external_node_path_.join(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), `agent-installer-${(0,external_node_crypto_.randomUUID)()}`);
    (0,external_node_fs_.mkdirSync)(downloadDir, { recursive: true });
    const file = external_node_path_.join(downloadDir, INSTALLER_FILE);
    log.info(`Downloading the installer from ${url}`);
    try {
        await tc.downloadTool(url, file);
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(downloadDir, { recursive: true, force: true });
        const status = error instanceof tc.HTTPError && error.httpStatusCode ? `HTTP ${error.httpStatusCode}` : (0,errors/* errorMessage */.gJ)(error);
        throw new errors/* StepError */.zg(`Downloading the installer from ${url} failed: ${status}.`, 'InstallerDownloadFailed');
    }
    const sha256 = await sha256File(file);
    try {
        checkPin(sha256, settings, url);
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(downloadDir, { recursive: true, force: true });
        throw error;
    }
    return { path: file, sha256, origin: 'download', url, downloadDir };
}
/** Keeps a verified download in the tool cache (and returns the cached file), so the next run on this runner downloads nothing. */
async function cacheInstaller(located, version) {
    if (located.origin !== 'download' || !located.url || !located.downloadDir)
        return located.path;
    const meta = { url: located.url, sha256: located.sha256, version, fetchedAt: new Date().toISOString() };
    (0,external_node_fs_.writeFileSync)(external_node_path_.join(located.downloadDir, META_FILE), JSON.stringify(meta, null, 2));
    const tc = await toolCache();
    const folder = await tc.cacheDir(located.downloadDir, CACHE_TOOL, cacheVersion(located.url));
    (0,external_node_fs_.rmSync)(located.downloadDir, { recursive: true, force: true });
    return external_node_path_.join(folder, INSTALLER_FILE);
}
/** Removes a download that will not be kept (plan mode, or a refused file). */
function discardDownload(located) {
    if (located.origin === 'download' && located.downloadDir)
        (0,external_node_fs_.rmSync)(located.downloadDir, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./src/steps/install-agent/plan.ts


/**
 * When the workflow pins `version` and the agent already runs that version, there is nothing to
 * decide and no installer to fetch: the converged run stays offline.
 */
function alreadyAtRequestedVersion(installed, requested) {
    return !!requested && !!installed.version && installed.serviceExists && compareVersions(installed.version, requested) === 0;
}
/** Get → Test: what to do given what is installed and what the installer is. Throws when the run must stop. */
function planInstall(installed, installerVersion, options) {
    if (options.version && compareVersions(installerVersion, options.version) !== 0) {
        throw new errors/* StepError */.zg(`The installer is version ${installerVersion} but input 'version' asks for ${options.version}: give the installer of that version (or change 'version').`, 'InstallerVersionMismatch');
    }
    const from = installed.version;
    const to = installerVersion;
    if (!from)
        return { action: 'install', from, to, reason: `The agent is not installed; install ${to}.` };
    const order = compareVersions(from, to);
    if (order === 0) {
        if (!installed.serviceExists)
            return { action: 'repair', from, to, reason: `Agent ${from} files are present but its service is missing; reinstall ${to}.` };
        return { action: 'none', from, to, reason: `Agent ${from} is installed, the same version as the installer.` };
    }
    if (order < 0)
        return { action: 'upgrade', from, to, reason: `Upgrade the agent from ${from} to ${to}.` };
    if (!options.allowDowngrade) {
        throw new errors/* StepError */.zg(`The installed agent ${from} is newer than the installer (${to}); refusing to downgrade: set 'allow-downgrade: true' to install the older version, or use a newer installer.`, 'DowngradeRefused');
    }
    return { action: 'downgrade', from, to, reason: `Downgrade the agent from ${from} to ${to} (allow-downgrade).` };
}
/** The `action` output for a finished run. */
function actionOutput(action, dryRun) {
    if (action === 'none')
        return 'unchanged';
    if (dryRun)
        return 'planned';
    if (action === 'upgrade')
        return 'upgraded';
    if (action === 'downgrade')
        return 'downgraded';
    return 'installed';
}

;// CONCATENATED MODULE: ./src/steps/install-agent/preflight.ts
function failedChecks(checks) {
    return checks.filter((c) => !c.passed);
}
/** Every failed check with its fix, in one line. */
function preflightFailureMessage(checks) {
    const failed = failedChecks(checks);
    const items = failed.map((c) => `${c.name}: ${c.detail}; fix: ${c.fix.replace(/\.$/, '')}`);
    return `Preflight failed ${failed.length} of ${checks.length} checks: ${items.join(' | ')}. (Input 'preflight: warn' continues anyway.)`;
}
/** Summary rows, one per check. */
function preflightRows(checks, mode) {
    if (mode === 'skip')
        return [['Preflight', 'skipped']];
    const failed = failedChecks(checks).length;
    return [
        ['Preflight', `${checks.length - failed} of ${checks.length} checks passed${failed && mode === 'warn' ? ' (warn: continued)' : ''}`],
        ...checks.map((c) => [`Preflight: ${c.name}`, c.passed ? `pass (${c.detail})` : `FAIL: ${c.detail}. Fix: ${c.fix}`]),
    ];
}

;// CONCATENATED MODULE: ./src/steps/install-agent/provenance.ts

/** Splits an X.500 subject ("CN=Microsoft Corporation, O=..., C=US") into attributes; quoted values allowed. */
function parseSubject(subject) {
    const out = new Map();
    const pattern = /\s*([A-Za-z][\w.]*)\s*=\s*("(?:[^"]|"")*"|[^,+]*)\s*(?:[,+]|$)/g;
    let match;
    while ((match = pattern.exec(subject)) && match[0] !== '') {
        let value = match[2].trim();
        if (value.startsWith('"'))
            value = value.slice(1, -1).replace(/""/g, '"');
        const key = match[1].toUpperCase();
        if (!out.has(key))
            out.set(key, value);
    }
    return out;
}
/** Null when the file carries a valid Authenticode signature from Microsoft Corporation; else why not. */
function signatureProblem(info) {
    if (info.status !== 'Valid') {
        const detail = info.statusMessage ? ` (${info.statusMessage.replace(/\s+/g, ' ').trim()})` : '';
        return `its Authenticode signature status is ${info.status || 'unknown'}${detail}`;
    }
    const subject = parseSubject(info.signerSubject ?? '');
    if (subject.get('CN') !== INSTALLER_SIGNER || subject.get('O') !== INSTALLER_SIGNER) {
        return `it is signed by '${info.signerSubject ?? 'nobody'}', not ${INSTALLER_SIGNER}`;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/steps/install-agent/settings.ts





const PREFLIGHT_MODES = ['fail', 'warn', 'skip'];
/** A Windows path (C:\x, \\server\share\x), a POSIX absolute path, or a relative path starting with . */
const PATH_PATTERN = /^([a-zA-Z]:[\\/]|\\\\[^\\/]+[\\/]|\/|\.{1,2}[\\/])/;
function parseInstallerSource(value, environment) {
    if (value === '')
        return { kind: 'url', url: INSTALLER_URLS[environment], isDefault: true };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw new errors/* InputError */.dz('installer', `is not a valid URL: '${value}'.`);
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
            throw new errors/* InputError */.dz('installer', `must be an http(s) URL or a file path; got a ${url.protocol.replace(':', '')} URL.`);
        }
        if (url.username || url.password)
            throw new errors/* InputError */.dz('installer', 'must not carry credentials in the URL.');
        return { kind: 'url', url: url.toString(), isDefault: false };
    }
    if (PATH_PATTERN.test(value) && !/[<>"|?*\0]/.test(value.replace(/^\\\\\?\\/, ''))) {
        const file = external_node_path_.resolve(value);
        // The runner is the server: a missing file is bad input, caught before anything runs.
        if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile())
            throw new errors/* InputError */.dz('installer', `names a file that does not exist: '${file}'.`);
        return { kind: 'path', path: file };
    }
    throw new errors/* InputError */.dz('installer', `must be an http(s) URL or a file path (absolute, or starting with ./); got '${value.slice(0, 60)}'.`);
}
function readInstallSettings(inputs) {
    const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
    const installer = parseInstallerSource(inputs.text('installer'), environment);
    const sha256 = inputs.text('installer-sha256', { pattern: /^[0-9a-fA-F]{64}$/, describe: 'a SHA-256 hash (64 hexadecimal characters)' });
    const version = inputs.text('version');
    if (version && !isVersion(version))
        throw new errors/* InputError */.dz('version', `must be a version like 1.1.2505.0; got '${version.slice(0, 60)}'.`);
    const installDir = inputs.text('install-dir');
    return {
        installer,
        sha256: sha256 ? sha256.toLowerCase() : undefined,
        version: version ? normalizeVersion(version) : undefined,
        allowDowngrade: inputs.bool('allow-downgrade', false),
        preflight: inputs.choice('preflight', PREFLIGHT_MODES, 'fail'),
        environment,
        installDir: installDir || undefined,
        installRetries: inputs.integer('install-retries', 5, 0, 50),
        retryDelaySeconds: inputs.integer('retry-delay-seconds', 30, 0, 3600),
        cacheHours: inputs.integer('installer-cache-hours', 24, 0, 8760),
    };
}

;// CONCATENATED MODULE: ./src/steps/install-agent/step.ts









const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function installedAgent(state) {
    const raw = state.agent.installed ? state.agent.version : null;
    return { version: raw && isVersion(raw) ? normalizeVersion(raw) : null, serviceExists: state.services.agent.exists };
}
function installerVersion(info, file) {
    const version = [info.fileVersion, info.productVersion].find((v) => !!v && isVersion(v));
    if (!version)
        throw new errors/* StepError */.zg(`The installer ${file} carries no version in its version resource; it is not the agent installer.`, 'InstallerVersionUnknown');
    return normalizeVersion(version);
}
async function runPreflight(settings, ctx) {
    if (settings.preflight === 'skip')
        return [];
    const { checks } = await ctx.session.run('steps/install-agent/preflight.ps1');
    const failed = failedChecks(checks);
    for (const c of failed)
        ctx.log.warning(`Preflight: ${c.name} failed: ${c.detail}. Fix: ${c.fix}.`);
    if (failed.length && settings.preflight === 'fail')
        throw new errors/* StepError */.zg(preflightFailureMessage(checks), 'PreflightFailed');
    if (!failed.length)
        ctx.log.info(`Preflight: all ${checks.length} checks passed.`);
    return checks;
}
/** Runs the installer, retrying a bounded number of times while another installation is in progress. */
async function runInstaller(file, sha256, settings, ctx) {
    for (let attempt = 1;; attempt++) {
        const run = await ctx.session.run('steps/install-agent/run-installer.ps1', { Path: file, Environment: settings.environment, ExpectedSha256: sha256 }, { timeoutMs: ctx.common.timeoutMs });
        const outcome = interpretExitCode(run.exitCode);
        if (outcome.kind === 'success')
            return { run, rebootRequired: outcome.rebootRequired, rebootStarted: outcome.rebootStarted };
        if (outcome.kind === 'retry' && attempt <= settings.installRetries) {
            ctx.log.warning(`Another installation is in progress (exit code 1618); retry ${attempt} of ${settings.installRetries} in ${settings.retryDelaySeconds} s.`);
            await sleep(settings.retryDelaySeconds * 1000);
            continue;
        }
        const tail = run.logTail.map((l) => l.trim()).filter(Boolean);
        if (tail.length)
            ctx.log.info(`End of the install log ${run.logPath}:\n${tail.join('\n')}`);
        const after = outcome.kind === 'retry' ? ` after ${attempt} attempts` : '';
        const logPart = tail.length ? ` Log ${run.logPath} ends: ${tail.slice(-4).join(' | ')}` : ` No log was written at ${run.logPath}.`;
        throw new errors/* StepError */.zg(`The installer failed with exit code ${formatExitCode(run.exitCode)} (${exitCodeMeaning(run.exitCode)})${after}.${logPart}`, 'InstallerFailed');
    }
}
/** Success is the resulting state: the service exists and the agent is the installer's version. */
function validateInstalled(state, expected) {
    const agent = installedAgent(state);
    if (!agent.serviceExists) {
        throw new errors/* StepError */.zg(`The installer reported success but the ${AGENT_SERVICE} service does not exist.`, 'InstallNotEffective');
    }
    if (!agent.version || compareVersions(agent.version, expected) !== 0) {
        throw new errors/* StepError */.zg(`The installer reported success but the agent at ${state.agent.exePath} is ${agent.version ?? 'missing'}, not ${expected}.`, 'InstallNotEffective');
    }
}
function upgradeNotes(plan) {
    if (plan.action !== 'upgrade' && plan.action !== 'downgrade')
        return [];
    const notes = [`The agent went from ${plan.from} to ${plan.to}: re-check config customisations (FIPS, proxy) in the agent's .exe.config; the set-fips step does that.`];
    if (compareVersions(plan.to, MIN_VERSION.keepsCustomisationsOnUpgrade) < 0) {
        notes.push(`Agent versions before ${MIN_VERSION.keepsCustomisationsOnUpgrade} reset config customisations on upgrade: re-apply them.`);
    }
    return notes;
}
const installAgentStep = {
    name: 'install-agent',
    title: 'Install the provisioning agent',
    readSettings: (inputs) => readInstallSettings(inputs),
    // Every pipeline installs (or confirms) the agent.
    isRequested: () => true,
    async run(settings, ctx) {
        const dryRun = ctx.common.dryRun;
        const before = await ctx.server.get(settings.installDir);
        const installed = installedAgent(before);
        // Preflight checks what an install needs: it runs only once an install is possible.
        let checks;
        const outputs = {
            action: 'unchanged',
            'previous-version': installed.version ?? '',
            version: installed.version ?? '',
            'reboot-required': false,
            'installer-sha256': '',
            'service-account': before.services.agent.account ?? '',
            'log-path': '',
        };
        const summary = [];
        const finish = (changed, notes = []) => ({
            changed,
            outputs,
            summary: [
                ['Action', String(outputs.action)],
                ['Previous version', String(outputs['previous-version'] || 'not installed')],
                ['Version', String(outputs.version || 'not installed')],
                ...summary,
                ['Reboot required', String(outputs['reboot-required'])],
                ['Service account', String(outputs['service-account'] || 'n/a')],
                ['Install log', String(outputs['log-path'] || 'n/a')],
                ...(checks ? preflightRows(checks, settings.preflight) : [['Preflight', 'not needed (nothing to install)']]),
            ],
            notes,
        });
        if (alreadyAtRequestedVersion(installed, settings.version)) {
            ctx.log.info(`Agent ${installed.version} is installed, the version asked for; no installer needed.`);
            summary.push(['Installer', 'not needed']);
            return finish(false);
        }
        // A converged server: the runner's cache holds the installer of exactly the installed version
        // (its version was read when its signature was checked), so neither inspecting nor preflight is needed.
        const cached = installed.version && installed.serviceExists && !settings.version ? await peekCachedInstaller(settings) : undefined;
        if (cached && installed.version && isVersion(cached.version) && compareVersions(normalizeVersion(cached.version), installed.version) === 0) {
            ctx.log.info(`Agent ${installed.version} is installed, the version of the installer cached on this runner (downloaded ${cached.fetchedAt}); nothing to install.`);
            outputs['installer-sha256'] = cached.sha256;
            summary.push(['Installer', `${cached.url} (cache, version ${cached.version})`]);
            return finish(false);
        }
        checks = await runPreflight(settings, ctx);
        const located = await locateInstaller(settings, ctx.log);
        let keep = false;
        try {
            outputs['installer-sha256'] = located.sha256;
            summary.push(['Installer', `${located.url ?? located.path} (${located.origin})`], ['Installer SHA-256', located.sha256]);
            // Provenance before anything runs the file.
            const info = await ctx.session.run('steps/install-agent/inspect-installer.ps1', { Path: located.path });
            const problem = signatureProblem(info);
            if (problem)
                throw new errors/* StepError */.zg(`Refusing to run the installer ${located.url ?? located.path}: ${problem}.`, 'InstallerNotTrusted');
            const target = installerVersion(info, located.path);
            summary.push(['Installer signature', `Valid (${info.signerSubject})`], ['Installer version', target]);
            const plan = planInstall(installed, target, settings);
            ctx.log.info(plan.reason);
            outputs.version = plan.to;
            outputs.action = actionOutput(plan.action, dryRun);
            if (plan.action === 'none' || dryRun) {
                // A verified download is worth keeping for the next run, unless this is only a plan.
                if (!dryRun) {
                    await cacheInstaller(located, target);
                    keep = true;
                }
                if (plan.action !== 'none')
                    summary.push(['Plan', plan.reason]);
                return finish(plan.action !== 'none');
            }
            const file = await cacheInstaller(located, target);
            keep = true;
            const { run, rebootRequired, rebootStarted } = await runInstaller(file, located.sha256, settings, ctx);
            outputs['log-path'] = run.logPath;
            outputs['reboot-required'] = rebootRequired;
            if (rebootStarted)
                ctx.log.warning('THE INSTALLER STARTED A REBOOT OF THIS SERVER (exit code 1641): the runner will go down with it; later steps may not run.');
            else if (rebootRequired)
                ctx.log.warning('The installer needs a reboot to finish (exit code 3010): reboot the server before relying on the agent.');
            ctx.server.invalidate();
            const after = await ctx.server.get(settings.installDir);
            validateInstalled(after, plan.to);
            outputs['service-account'] = after.services.agent.account ?? '';
            if (after.services.agent.status !== 'Running')
                ctx.log.warning(`The ${AGENT_SERVICE} service is ${after.services.agent.status}, not Running.`);
            ctx.log.info(`Agent ${plan.to} is installed (${outputs.action}).`);
            const notes = upgradeNotes(plan);
            if (rebootStarted)
                notes.unshift('The installer started a reboot (exit code 1641).');
            else if (rebootRequired)
                notes.unshift('A reboot is required to finish the installation (exit code 3010).');
            for (const n of notes)
                ctx.log.warning(n);
            return finish(true, notes);
        }
        finally {
            if (!keep)
                discardDownload(located);
        }
    },
};


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 6568:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $1: () => (/* binding */ lstat),
/* harmony export */   Ck: () => (/* binding */ mkdir),
/* harmony export */   Cy: () => (/* binding */ readdir),
/* harmony export */   H8: () => (/* binding */ IS_WINDOWS),
/* harmony export */   Qh: () => (/* binding */ isRooted),
/* harmony export */   YN: () => (/* binding */ symlink),
/* harmony export */   dJ: () => (/* binding */ stat),
/* harmony export */   h_: () => (/* binding */ readlink),
/* harmony export */   k6: () => (/* binding */ chmod),
/* harmony export */   m3: () => (/* binding */ copyFile),
/* harmony export */   rm: () => (/* binding */ rm),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   vr: () => (/* binding */ tryGetExecutablePath),
/* harmony export */   y1: () => (/* binding */ unlink)
/* harmony export */ });
/* unused harmony exports open, rename, rmdir, UV_FS_O_EXLOCK, READONLY, isDirectory, getCmdPath */
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9896);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs__WEBPACK_IMPORTED_MODULE_0__.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs__WEBPACK_IMPORTED_MODULE_0__.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = path__WEBPACK_IMPORTED_MODULE_1__.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = path__WEBPACK_IMPORTED_MODULE_1__.dirname(filePath);
                        const upperName = path__WEBPACK_IMPORTED_MODULE_1__.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = path__WEBPACK_IMPORTED_MODULE_1__.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map

/***/ }),

/***/ 6823:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K7: () => (/* binding */ which),
/* harmony export */   U$: () => (/* binding */ mkdirP),
/* harmony export */   Yz: () => (/* binding */ rmRF),
/* harmony export */   cp: () => (/* binding */ cp)
/* harmony export */ });
/* unused harmony exports mv, findInPath */
/* harmony import */ var assert__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2613);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
/* harmony import */ var _io_util_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6568);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .exists */ .t2(dest)) ? yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .stat */ .dJ(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path__WEBPACK_IMPORTED_MODULE_1__.join(dest, path__WEBPACK_IMPORTED_MODULE_1__.basename(source))
            : dest;
        if (!(yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .exists */ .t2(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .stat */ .dJ(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path__WEBPACK_IMPORTED_MODULE_1__.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return __awaiter(this, void 0, void 0, function* () {
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        (0,assert__WEBPACK_IMPORTED_MODULE_0__.ok)(fsPath, 'a path argument must be provided');
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .mkdir */ .Ck(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .isRooted */ .Qh(tool)) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(path__WEBPACK_IMPORTED_MODULE_1__.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return __awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .readdir */ .Cy(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .lstat */ .$1(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .chmod */ .k6(destDir, (yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .stat */ .dJ(sourceDir)).mode);
    });
}
// Buffered file copy
function copyFile(srcFile, destFile, force) {
    return __awaiter(this, void 0, void 0, function* () {
        if ((yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .lstat */ .$1(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .lstat */ .$1(destFile);
                yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .unlink */ .y1(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .chmod */ .k6(destFile, '0666');
                    yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .unlink */ .y1(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .readlink */ .h_(srcFile);
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .symlink */ .YN(symlinkFull, destFile, _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 ? 'junction' : null);
        }
        else if (!(yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .exists */ .t2(destFile)) || force) {
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .copyFile */ .m3(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2572);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
