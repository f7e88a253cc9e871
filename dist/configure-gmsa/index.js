import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 757:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JH: () => (/* binding */ PowerShellTimeoutError),
/* harmony export */   Lc: () => (/* binding */ PowerShellNotFoundError),
/* harmony export */   N: () => (/* binding */ PowerShellExitedError),
/* harmony export */   Xm: () => (/* binding */ PowerShellScriptError)
/* harmony export */ });
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


/***/ }),

/***/ 289:
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

/***/ 170:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  uB: () => (/* binding */ runStepAction)
});

// UNUSED EXPORTS: actionLog, assertPlatform, fail, failureLine, runSteps

// EXTERNAL MODULE: ./src/shared/runner.ts + 1 modules
var runner = __nccwpck_require__(212);
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

;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ../../main/node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
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
        const result = yield fs.promises.readlink(fsPath);
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
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
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
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
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
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
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
;// CONCATENATED MODULE: ../../main/node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
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
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
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
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
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
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
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
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
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
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
// EXTERNAL MODULE: ./src/powershell/errors.ts
var errors = __nccwpck_require__(757);
;// CONCATENATED MODULE: ./src/powershell/engine.ts


/** 'powershell' is Windows PowerShell 5.1 (what the agent's .NET Framework module needs); 'pwsh' is 7. */
const DEFAULT_ENGINE = 'powershell';
/** Finds the engine named by the `shell` input: a command on PATH or a path to an executable. */
async function resolveEngine(shell) {
    const found = await which(shell, false);
    if (!found) {
        throw new errors/* PowerShellNotFoundError */.Lc(`Input 'shell': PowerShell engine '${shell}' was not found on PATH; install it or set 'shell' to 'powershell', 'pwsh' or the engine's full path.`);
    }
    return found;
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: ./src/shared/secrets.ts
var shared_secrets = __nccwpck_require__(553);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/powershell/scripts.ts



// Bundled, this code lives in dist/<entry>/index.js and the .ps1 files beside it in scripts/ (copied
// there by scripts/bundle.mjs, mirroring src/). Unbundled (unit tests), this file is src/powershell/.
const here = external_node_path_namespaceObject.dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
const root = (0,external_node_fs_.existsSync)(external_node_path_namespaceObject.join(here, 'scripts')) ? external_node_path_namespaceObject.join(here, 'scripts') : external_node_path_namespaceObject.resolve(here, '..');
/** Absolute path of a shipped script, given its path relative to src/ (e.g. 'agent/get-server-state.ps1'). */
function scriptPath(relative) {
    const full = external_node_path_namespaceObject.join(root, ...relative.split('/'));
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
            (0,shared_secrets/* registerSecret */.cl)(value);
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
                reject(new errors/* PowerShellTimeoutError */.JH(`PowerShell script ${leaf(file)} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`));
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
                this.options.logger.info((0,shared_secrets/* redact */.E$)(line));
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
            const message = (0,shared_secrets/* redact */.E$)(event.message ?? '');
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
            pending.reject(new errors/* PowerShellScriptError */.Xm((0,shared_secrets/* redact */.E$)(e.message), (0,shared_secrets/* redact */.E$)(e.code), e.script || leaf(pending.script), e.line));
        }
    }
    onStderr(chunk) {
        for (const line of chunk.split(/\r?\n/)) {
            if (line.trim() === '')
                continue;
            const safe = (0,shared_secrets/* redact */.E$)(line);
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
        const why = error ? (0,shared_secrets/* redact */.E$)(error.message) : signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const tail = this.stderrTail.length ? ` stderr: ${this.stderrTail.slice(-3).join(' | ')}` : '';
        pending.reject(new errors/* PowerShellExitedError */.N(`PowerShell (${this.options.executable}) ${why} while running ${leaf(pending.script)}.${tail}`, code, signal));
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
var shared_errors = __nccwpck_require__(289);
;// CONCATENATED MODULE: ./src/shared/inputs.ts



// Untrimmed, so a password that really ends in a space survives; readers trim where that is right.
const actionInputs = (name) => runner/* getInput */.V4(name);
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
                throw new shared_errors/* InputError */.dz(name, 'is required.');
            return options.default ?? '';
        }
        if (/[\r\n]/.test(value))
            throw new shared_errors/* InputError */.dz(name, 'must be a single line.');
        if (options.pattern && !options.pattern.test(value)) {
            throw new shared_errors/* InputError */.dz(name, `must be ${options.describe ?? `a value matching ${options.pattern}`}; got ${shown(value)}.`);
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
        throw new shared_errors/* InputError */.dz(name, `must be 'true' or 'false'; got ${shown(value)}.`);
    }
    choice(name, allowed, fallback) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
        if (!match)
            throw new shared_errors/* InputError */.dz(name, `must be one of ${allowed.join(', ')}; got ${shown(value)}.`);
        return match;
    }
    integer(name, fallback, min, max) {
        const value = this.raw(name);
        if (value === '')
            return fallback;
        if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
            throw new shared_errors/* InputError */.dz(name, `must be a whole number from ${min} to ${max}; got ${shown(value)}.`);
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
        (0,shared_secrets/* registerSecret */.cl)(value);
        (0,shared_secrets/* registerSecret */.cl)(value.trim());
        if (value.trim() === '') {
            if (options.required)
                throw new shared_errors/* InputError */.dz(name, 'is required.');
            return undefined;
        }
        // Passwords may legitimately start or end with spaces only if the user means it; we keep the raw value.
        if (/[\r\n]/.test(value.replace(/^\s+|\s+$/g, '')))
            throw new shared_errors/* InputError */.dz(name, 'must be a single line.');
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
    runner/* setOutput */.uH(`${prefix}changed`, String(result.changed));
    for (const [name, value] of Object.entries(result.outputs))
        runner/* setOutput */.uH(`${prefix}${name}`, outputText(value));
}
function escapeCell(text) {
    return (0,shared_secrets/* redact */.E$)(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
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
    runner/* appendSummary */.fe(markdown);
}

;// CONCATENATED MODULE: ./src/shared/run-action.ts









const actionLog = {
    info: (m) => runner/* info */.pq((0,shared_secrets/* redact */.E$)(m)),
    warning: (m) => runner/* warning */.$e((0,shared_secrets/* redact */.E$)(m)),
    debug: (m) => runner/* debug */.Yz((0,shared_secrets/* redact */.E$)(m)),
};
/** Off Windows only plan mode or an engine the workflow named itself can run (the lab does the latter). */
function assertPlatform(common, platform = process.platform) {
    if (platform === 'win32' || common.dryRun || common.shellGiven)
        return;
    throw new shared_errors/* StepError */.zg(`This action manages a Windows server and this runner is ${platform}: use a self-hosted Windows runner, set 'dry-run: true' to only plan, or name a PowerShell engine with 'shell'.`, 'NotWindows');
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
            runner/* startGroup */.Oh(`${step.title}${common.dryRun ? ' (plan)' : ''}`);
            try {
                const result = await step.run(settings, context);
                context.earlier.set(step.name, result);
                await onResult(step, result);
                if (result.failure)
                    throw new shared_errors/* StepError */.zg(result.failure, 'StepJudgedFailed');
            }
            finally {
                runner/* endGroup */.N4();
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
    return (0,shared_secrets/* redact */.E$)((0,shared_errors/* errorMessage */.gJ)(error)).replace(/\s*\r?\n\s*/g, ' ').trim();
}
function fail(error) {
    if (error instanceof Error && error.stack)
        runner/* debug */.Yz((0,shared_secrets/* redact */.E$)(error.stack));
    runner/* setFailed */.C1(failureLine(error));
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

/***/ 212:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fe: () => (/* binding */ appendSummary),
  Yz: () => (/* binding */ debug),
  N4: () => (/* binding */ endGroup),
  V4: () => (/* binding */ getInput),
  pq: () => (/* binding */ info),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  Oh: () => (/* binding */ startGroup),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: error

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
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
    process.stdout.write(`::${name}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
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
    process.stdout.write(`${message}${external_node_os_namespaceObject.EOL}`);
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
    process.stdout.write(`::endgroup::${external_node_os_namespaceObject.EOL}`);
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
        process.stdout.write(`${external_node_os_namespaceObject.EOL}::set-output name=${escapeData(name)}::${escapeData(value)}${external_node_os_namespaceObject.EOL}`);
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Output ${name} contains its own delimiter.`);
    appendFileCommand('GITHUB_OUTPUT', `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`);
}
/** Appends Markdown to the job summary, when the runner provides one. */
function appendSummary(markdown) {
    appendFileCommand('GITHUB_STEP_SUMMARY', `${markdown}${external_node_os_namespaceObject.EOL}`);
}


/***/ }),

/***/ 553:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   cl: () => (/* binding */ registerSecret)
/* harmony export */ });
/* unused harmony exports derivedForms, clearSecretsForTests */
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(212);

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
        _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(form);
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


/***/ }),

/***/ 974:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(170);
/* harmony import */ var _step_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(590);


await (0,_shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__/* .runStepAction */ .uB)(_step_js__WEBPACK_IMPORTED_MODULE_1__/* .configureGmsaStep */ .NE);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 590:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  NE: () => (/* binding */ configureGmsaStep)
});

// UNUSED EXPORTS: RECORD_KEY, RECORD_VALUE

// EXTERNAL MODULE: ./src/powershell/errors.ts
var errors = __nccwpck_require__(757);
// EXTERNAL MODULE: ./src/shared/errors.ts
var shared_errors = __nccwpck_require__(289);
;// CONCATENATED MODULE: ./src/steps/shared-tenant/sign-in-failure.ts

const MFA = /AADSTS(50076|50079|50074|50158)\b|multi-?factor|\bMFA\b|strong authentication/i;
const BAD_PASSWORD = /AADSTS50126\b|AADSTS50034\b|invalid username or password|user name or password is incorrect/i;
const WRONG_CLOUD = /AADSTS90002\b|AADSTS900(?:0)?23\b|tenant .*not found/i;
const ROLE = /hybrid identity administrator|global administrator|insufficient privileges|not authori[sz]ed|forbidden|does not hold .* role|role required/i;
const TOKEN = /AADSTS50013\b|AADSTS700024\b|token (is )?(invalid|expired)|invalid token|expired token/i;
const LOCKED = /AADSTS50053\b|AADSTS50057\b|locked|disabled/i;
/** One line naming the cause and the inputs to fix, for a failed tenant sign-in. */
function explainSignInFailure(signIn, message, environment) {
    const detail = message.replace(/\s+/g, ' ').trim();
    if (signIn.route === 'credential') {
        const who = `'${signIn.username}'`;
        if (MFA.test(detail)) {
            return new shared_errors/* StepError */.zg(`Sign-in as ${who} failed: the tenant requires multi-factor authentication for this account, and a user name and password ('tenant-username'/'tenant-password') cannot pass MFA; give 'access-token', 'tenant-id' and 'user-principal-name' instead (a token obtained with MFA). (${detail})`, 'MfaRequired');
        }
        if (BAD_PASSWORD.test(detail))
            return new shared_errors/* StepError */.zg(`Sign-in as ${who} failed: wrong user name or password (inputs 'tenant-username'/'tenant-password'). (${detail})`, 'BadCredentials');
        if (LOCKED.test(detail))
            return new shared_errors/* StepError */.zg(`Sign-in as ${who} failed: the account is locked or disabled. (${detail})`, 'AccountLocked');
        if (WRONG_CLOUD.test(detail))
            return new shared_errors/* StepError */.zg(`Sign-in as ${who} failed: the tenant was not found in the ${environment} cloud; check input 'environment'. (${detail})`, 'WrongCloud');
        if (ROLE.test(detail))
            return new shared_errors/* StepError */.zg(`Sign-in as ${who} worked but registering the agent was refused: the account needs the Hybrid Identity Administrator role. (${detail})`, 'MissingRole');
        return new shared_errors/* StepError */.zg(`Sign-in as ${who} failed: ${detail}`, 'SignInFailed');
    }
    const who = `'${signIn.userPrincipalName}'`;
    if (WRONG_CLOUD.test(detail))
        return new shared_errors/* StepError */.zg(`Sign-in with 'access-token' failed: tenant '${signIn.tenantId}' was not found in the ${environment} cloud; check inputs 'environment' and 'tenant-id'. (${detail})`, 'WrongCloud');
    if (TOKEN.test(detail)) {
        return new shared_errors/* StepError */.zg(`Sign-in with 'access-token' failed: the token was rejected (expired, or not issued for tenant '${signIn.tenantId}' and user ${who}); get a fresh token for that user and tenant. (${detail})`, 'TokenRejected');
    }
    if (ROLE.test(detail))
        return new shared_errors/* StepError */.zg(`Sign-in as ${who} worked but registering the agent was refused: the user needs the Hybrid Identity Administrator role. (${detail})`, 'MissingRole');
    return new shared_errors/* StepError */.zg(`Sign-in with 'access-token' as ${who} failed: ${detail}`, 'SignInFailed');
}

;// CONCATENATED MODULE: ./src/steps/shared-tenant/sign-in.ts


/**
 * Signs the session's agent module in to the tenant (which registers the agent) and returns the
 * tenant id the server then records. Secrets travel as SecureString parameters only.
 */
async function signInToTenant(ctx, tenant, installDir) {
    const s = tenant.signIn;
    const params = { InstallDir: installDir, Route: s.route, Environment: tenant.environment };
    const secrets = {};
    if (s.route === 'credential') {
        params.UserName = s.username;
        secrets.Password = s.password;
    }
    else {
        params.TenantId = s.tenantId;
        params.UserPrincipalName = s.userPrincipalName;
        secrets.AccessToken = s.accessToken;
    }
    try {
        const result = await ctx.session.run('steps/shared-tenant/connect-tenant.ps1', params, { secrets });
        return result.tenantId ?? null;
    }
    catch (error) {
        if (error instanceof errors/* PowerShellScriptError */.Xm && error.code === 'SignInFailed')
            throw explainSignInFailure(s, error.message, tenant.environment);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/steps/configure-gmsa/explain.ts

const flat = (m) => m.replace(/\s+/g, ' ').trim();
/** One line for a failed Add-AADCloudSyncGMSA. */
function explainGmsaFailure(mode, name, message) {
    const detail = flat(message);
    if (/after \d+ retries/i.test(detail)) {
        return new shared_errors/* StepError */.zg(`Installing gMSA ${name} on this server failed: its supported encryption types do not match the domain's (msDS-SupportedEncryptionTypes on the gMSA vs. the domain controllers' policy). (${detail})`, 'GmsaEncryptionTypes');
    }
    if (/key does not exist|kds/i.test(detail)) {
        return new shared_errors/* StepError */.zg(`Creating gMSA ${name} failed: the forest has no usable KDS root key (none, or not yet effective); see input 'create-kds-root-key'. (${detail})`, 'KdsRootKeyMissing');
    }
    if (/user name or password is incorrect|logon failure|invalid credentials/i.test(detail)) {
        return new shared_errors/* StepError */.zg(`Creating gMSA ${name} failed: the domain administrator's user name or password is wrong (inputs 'domain-username'/'domain-password'). (${detail})`, 'BadDomainCredentials');
    }
    if (mode === 'custom' && /cannot find|not found|does not exist/i.test(detail)) {
        return new shared_errors/* StepError */.zg(`gMSA ${name} was not found in Active Directory: create it first (New-ADServiceAccount) or fix input 'gmsa-name'. (${detail})`, 'GmsaNotFound');
    }
    if (/access is denied|insufficient|permission/i.test(detail)) {
        return new shared_errors/* StepError */.zg(`Configuring gMSA ${name} was refused: the account lacks the rights (domain administrator needed). (${detail})`, 'GmsaAccessDenied');
    }
    return new shared_errors/* StepError */.zg(`Configuring gMSA ${name} failed: ${detail}`, 'GmsaFailed');
}
/** One line for a failed Add-AADCloudSyncADDomain. */
function explainDomainFailure(domain, credentialInput, message) {
    const detail = flat(message);
    if (/Newtonsoft\.Json/i.test(detail) && /12\.0\.0\.0/.test(detail)) {
        return new shared_errors/* StepError */.zg(`Adding domain ${domain} failed: Add-AADCloudSyncADDomain could not load Newtonsoft.Json 12.0.0.0 (a known agent issue: the agent ships version 13). Run the action with 'shell: powershell' (Windows PowerShell 5.1) in a session with no other module that loads Newtonsoft.Json, or upgrade the agent; the domain can also be added in the agent's wizard. (${detail})`, 'NewtonsoftJsonLoadFailed');
    }
    if (/user name or password is incorrect|logon failure|invalid credentials/i.test(detail)) {
        return new shared_errors/* StepError */.zg(`Adding domain ${domain} failed: wrong user name or password in ${credentialInput}. (${detail})`, 'BadDomainCredentials');
    }
    if (/domain controller/i.test(detail))
        return new shared_errors/* StepError */.zg(`Adding domain ${domain} failed: a preferred domain controller could not be reached (input 'domains', dcs=). (${detail})`, 'DomainControllerUnreachable');
    if (/does not exist|could not be contacted|not found/i.test(detail))
        return new shared_errors/* StepError */.zg(`Adding domain ${domain} failed: the domain could not be contacted from this server (DNS, firewall, trust?). (${detail})`, 'DomainUnreachable');
    return new shared_errors/* StepError */.zg(`Adding domain ${domain} failed: ${detail}`, 'DomainAddFailed');
}

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

;// CONCATENATED MODULE: ./src/steps/configure-gmsa/gmsa-name.ts


/**
 * Accepts 'name', 'name$', 'DOMAIN\name$' or 'name$@contoso.com'. A gMSA's account name always ends
 * in '$'; forgetting it is a common mistake, so it is added rather than refused.
 */
function normaliseGmsaName(value, input = 'gmsa-name') {
    let name = value.trim();
    let domain;
    const slash = /^([^\\]+)\\(.+)$/.exec(name);
    const at = /^([^@]+)@(.+)$/.exec(name);
    if (slash)
        [, domain, name] = slash;
    else if (at)
        [, name, domain] = at;
    if (!name.endsWith('$'))
        name = `${name}$`;
    // sAMAccountName: at most 15 characters before the '$' for computer-like accounts such as gMSAs.
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}\$$/.test(name)) {
        throw new shared_errors/* InputError */.dz(input, `must be a gMSA account name of up to 15 letters, digits, '_', '.', '-' (e.g. 'provAgentgMSA$' or 'CONTOSO\\myAgentGmsa$'); got '${value.slice(0, 60)}'.`);
    }
    if (domain !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(domain))
        throw new shared_errors/* InputError */.dz(input, `has an invalid domain part '${domain.slice(0, 60)}'.`);
    return { account: name, domain };
}
const DEFAULT_GMSA_NAME = { account: DEFAULT_GMSA };
/** Whether a service account ('CONTOSO\name$' or 'name$@contoso.com') is the wanted gMSA. */
function isAccount(serviceAccount, wanted) {
    if (!serviceAccount)
        return false;
    let name = serviceAccount;
    let domain;
    const slash = /^([^\\]+)\\(.+)$/.exec(serviceAccount);
    const at = /^([^@]+)@(.+)$/.exec(serviceAccount);
    if (slash)
        [, domain, name] = slash;
    else if (at)
        [, name, domain] = at;
    if (name.toLowerCase() !== wanted.account.toLowerCase())
        return false;
    if (!wanted.domain || !domain)
        return true;
    const d = domain.toLowerCase();
    const w = wanted.domain.toLowerCase();
    // NetBIOS vs DNS: 'CONTOSO' matches 'contoso.com'.
    return d === w || d.split('.')[0] === w.split('.')[0];
}

;// CONCATENATED MODULE: ./src/steps/shared-tenant/versions.ts
/** Compares dotted numeric versions ('1.1.977.0'); missing parts count as 0. */
function compareVersions(a, b) {
    const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
    const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0)
            return d < 0 ? -1 : 1;
    }
    return 0;
}
function atLeast(version, minimum) {
    return !!version && compareVersions(version, minimum) >= 0;
}

;// CONCATENATED MODULE: ./src/steps/configure-gmsa/domains.ts

const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const CREDENTIAL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/**
 * Parses input `domains`. Never echoes a whole line back (a user may have pasted a password into
 * it by mistake); only the token that is wrong, and never the value of a password-like key.
 */
function parseDomains(text, input = 'domains') {
    const out = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.replace(/(^|\s)#.*$/, '').trim();
        if (!line)
            return;
        const where = `line ${index + 1}`;
        const [name, ...rest] = line.split(/\s+/);
        if (/=/.test(name))
            throw new shared_errors/* InputError */.dz(input, `${where} must start with the domain's DNS name (e.g. 'contoso.com').`);
        if (!FQDN.test(name))
            throw new shared_errors/* InputError */.dz(input, `${where}: '${name.slice(0, 60)}' is not a DNS domain name such as 'contoso.com'.`);
        const spec = { name: name.toLowerCase(), dcs: [] };
        for (const part of rest) {
            const at = part.indexOf('=');
            const key = (at < 0 ? part : part.slice(0, at)).toLowerCase();
            const value = at < 0 ? '' : part.slice(at + 1);
            if (/pass|pwd|secret|token/.test(key)) {
                throw new shared_errors/* InputError */.dz(input, `${where} has '${key}=': never put passwords in '${input}'; name a credential (credential=NAME) held in the secret input 'domain-credentials'.`);
            }
            if (key === 'dcs' || key === 'dc') {
                const dcs = value.split(',').map((d) => d.trim()).filter(Boolean);
                if (dcs.length === 0)
                    throw new shared_errors/* InputError */.dz(input, `${where}: 'dcs=' needs one or more domain controller names separated by commas.`);
                const bad = dcs.find((d) => !HOST.test(d));
                if (bad)
                    throw new shared_errors/* InputError */.dz(input, `${where}: '${bad.slice(0, 60)}' is not a domain controller host name.`);
                spec.dcs = [...new Set(dcs.map((d) => d.toLowerCase()))];
            }
            else if (key === 'credential') {
                if (!CREDENTIAL_NAME.test(value))
                    throw new shared_errors/* InputError */.dz(input, `${where}: 'credential=' needs a name of letters, digits, '_', '.', '-' (a key of 'domain-credentials').`);
                spec.credential = value.toUpperCase();
            }
            else {
                throw new shared_errors/* InputError */.dz(input, `${where}: unknown setting '${key.slice(0, 30)}'; allowed: dcs=dc1,dc2 and credential=NAME.`);
            }
        }
        if (out.some((d) => d.name === spec.name))
            throw new shared_errors/* InputError */.dz(input, `${where}: domain '${spec.name}' is listed twice.`);
        out.push(spec);
    });
    return out;
}
function sameDcs(a, b) {
    const norm = (l) => [...new Set(l.map((x) => x.toLowerCase()))].sort().join(',');
    return norm(a) === norm(b);
}

;// CONCATENATED MODULE: ./src/steps/configure-gmsa/plan.ts





/** The domains the workflow wants: as listed, or the server's own domain when none is listed. */
function wantedDomains(settings, computerDomain) {
    if (settings.domains.length)
        return settings.domains;
    if (!computerDomain || !computerDomain.includes('.')) {
        throw new shared_errors/* StepError */.zg("This server is not joined to an Active Directory domain and input 'domains' is empty: list the domains the agent should sync.", 'NoDomain');
    }
    return [{ name: computerDomain.toLowerCase(), dcs: [] }];
}
function planConfigureGmsa(settings, observed) {
    const changes = [];
    const warnings = [];
    const version = observed.agentVersion;
    const wantedTenantId = settings.tenant.tenantId ?? null;
    let register = false;
    if (!observed.tenantId) {
        register = true;
        changes.push('register the agent with the tenant');
    }
    else if (wantedTenantId && observed.tenantId.toLowerCase() !== wantedTenantId.toLowerCase()) {
        register = true;
        changes.push(`re-register the agent: it is registered to tenant ${observed.tenantId}, not ${wantedTenantId}`);
    }
    const tenantChanges = register && !!observed.tenantId;
    let gmsa = 'none';
    let createKdsRootKey = false;
    if (settings.gmsa !== 'keep' && settings.gmsaName && !isAccount(observed.serviceAccount, settings.gmsaName)) {
        if (settings.gmsa === 'create') {
            if (!atLeast(version, MIN_VERSION.gmsa))
                throw new shared_errors/* StepError */.zg(`Creating a gMSA needs agent ${MIN_VERSION.gmsa} or later; this server has ${version}: upgrade the agent first.`, 'AgentTooOld');
            const kds = observed.kds;
            if (!kds || !kds.checked) {
                warnings.push(`Could not check for a KDS root key (${kds?.error ?? 'not checked'}); if creating the gMSA fails with 'Key does not exist', the forest needs one.`);
            }
            else if (kds.effective === 0 && kds.keys > 0) {
                throw new shared_errors/* StepError */.zg(`The forest's KDS root key is not effective until ${kds.nextEffective} (new keys wait up to 10 hours for replication), so the gMSA cannot be created yet: re-run after that time, or use 'gmsa: custom' with a pre-created gMSA.`, 'KdsRootKeyNotEffective');
            }
            else if (kds.keys === 0) {
                if (!settings.createKdsRootKey) {
                    throw new shared_errors/* StepError */.zg("The forest has no KDS root key, which creating a gMSA needs: create one (a forest-wide change, e.g. Add-KdsRootKey on a domain controller) or set 'create-kds-root-key: true', or use 'gmsa: custom' with a pre-created gMSA.", 'KdsRootKeyMissing');
                }
                createKdsRootKey = true;
                changes.push('create a KDS root key in the forest (effective at once; forest-wide)');
            }
            gmsa = 'create';
            changes.push(`create gMSA ${settings.gmsaName.account} and run the agent as it (now: ${observed.serviceAccount ?? 'unknown'})`);
        }
        else {
            if (!atLeast(version, MIN_VERSION.customGmsaAndSilentInstall)) {
                throw new shared_errors/* StepError */.zg(`A custom gMSA needs agent ${MIN_VERSION.customGmsaAndSilentInstall} or later; this server has ${version}: upgrade the agent first.`, 'AgentTooOld');
            }
            gmsa = 'custom';
            changes.push(`run the agent as gMSA ${settings.gmsaName.domain ? `${settings.gmsaName.domain}\\` : ''}${settings.gmsaName.account} (now: ${observed.serviceAccount ?? 'unknown'})`);
        }
    }
    // The record counts only for the tenant the agent is registered to now and will stay registered to.
    const record = observed.record;
    const recordValid = !!record && !tenantChanges && !!observed.tenantId && record.tenantId?.toLowerCase() === observed.tenantId.toLowerCase();
    const baseRecord = recordValid ? { tenantId: record.tenantId, domains: [...record.domains] } : { tenantId: null, domains: [] };
    const domainsToAdd = [];
    for (const domain of wantedDomains(settings, observed.computerDomain)) {
        const known = baseRecord.domains.find((d) => d.name.toLowerCase() === domain.name);
        let why = null;
        if (!known)
            why = 'not configured by this action yet';
        else if (!sameDcs(known.dcs, domain.dcs))
            why = `preferred domain controllers change to ${domain.dcs.join(',') || '(any)'}`;
        // Adding a domain grants the service account access to it: a new account needs it again.
        else if (gmsa !== 'none')
            why = 'the service account changes';
        else if ((known.account ?? '').toLowerCase() !== (observed.serviceAccount ?? '').toLowerCase())
            why = `it was added for account ${known.account}`;
        if (why) {
            domainsToAdd.push(domain);
            changes.push(`add domain ${domain.name}${domain.dcs.length ? ` (dcs ${domain.dcs.join(',')})` : ''}: ${why}`);
        }
    }
    const restart = changes.length > 0;
    if (restart)
        changes.push('restart the agent service');
    return { register, wantedTenantId, gmsa, createKdsRootKey, domainsToAdd, baseRecord, restart, changes, warnings };
}
/** The record after a domain was added (the entry replaced, order kept). */
function recordWithDomain(record, tenantId, domain, account) {
    const domains = record.domains.filter((d) => d.name.toLowerCase() !== domain.name);
    domains.push({ name: domain.name, dcs: [...domain.dcs], account });
    return { tenantId, domains };
}
/** Parses the stored record; anything unreadable counts as no record (domains get added again, which is harmless). */
function parseRecord(text) {
    if (!text)
        return null;
    try {
        const value = JSON.parse(text);
        if (!Array.isArray(value.domains))
            return null;
        return {
            tenantId: typeof value.tenantId === 'string' ? value.tenantId : null,
            domains: value.domains
                .filter((d) => d && typeof d.name === 'string')
                .map((d) => ({ name: d.name.toLowerCase(), dcs: Array.isArray(d.dcs) ? d.dcs.map(String) : [], account: typeof d.account === 'string' ? d.account : null })),
        };
    }
    catch {
        return null;
    }
}

// EXTERNAL MODULE: ./src/shared/secrets.ts
var secrets = __nccwpck_require__(553);
;// CONCATENATED MODULE: ./src/steps/shared-tenant/tenant-settings.ts


const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^@\s\\]+@[^@\s]+\.[^@\s]+$/;
const ACCOUNT = /^([^\\\s]+\\[^\\\s]+|[^@\s\\]+@[^@\s]+)$/;
/** A user name + password pair of inputs: both or neither. Passwords are masked before anything else. */
function readCredentialPair(inputs, userInput, passwordInput, describe) {
    const password = inputs.secret(passwordInput);
    const username = inputs.text(userInput, { pattern: ACCOUNT, describe });
    if (username && password === undefined)
        throw new shared_errors/* InputError */.dz(passwordInput, `is required when '${userInput}' is given.`);
    if (!username && password !== undefined)
        throw new shared_errors/* InputError */.dz(userInput, `is required when '${passwordInput}' is given.`);
    return username && password !== undefined ? { username, password } : undefined;
}
function readTenantSettings(inputs) {
    const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
    const installDir = inputs.text('install-dir') || undefined;
    const tenantId = inputs.text('tenant-id', { pattern: GUID, describe: 'the tenant id (a GUID)' }) || undefined;
    const accessToken = inputs.secret('access-token');
    const credential = readCredentialPair(inputs, 'tenant-username', 'tenant-password', "a user principal name such as 'admin@contoso.onmicrosoft.com'");
    if (credential && !UPN.test(credential.username)) {
        throw new shared_errors/* InputError */.dz('tenant-username', "must be a user principal name such as 'admin@contoso.onmicrosoft.com'.");
    }
    if (accessToken !== undefined) {
        if (credential)
            throw new shared_errors/* InputError */.dz('access-token', "and 'tenant-username'/'tenant-password' are two ways to sign in: give one of them.");
        if (!tenantId)
            throw new shared_errors/* InputError */.dz('tenant-id', "is required with 'access-token'.");
        const upn = inputs.text('user-principal-name', { pattern: UPN, describe: 'the signed-in user principal name' });
        if (!upn)
            throw new shared_errors/* InputError */.dz('user-principal-name', "is required with 'access-token' (the user the token was issued to).");
        return { environment, installDir, tenantId, signIn: { route: 'token', accessToken: accessToken.trim(), tenantId, userPrincipalName: upn } };
    }
    if (credential)
        return { environment, installDir, tenantId, signIn: { route: 'credential', ...credential } };
    return { environment, installDir, tenantId };
}
function signInWho(signIn) {
    return signIn.route === 'credential' ? signIn.username : signIn.userPrincipalName;
}

;// CONCATENATED MODULE: ./src/steps/configure-gmsa/settings.ts





const GMSA_MODES = ['create', 'custom', 'keep'];
const DOMAIN_ACCOUNT = /^([^\\\s]+\\[^\\\s]+|[^@\s\\]+@[^@\s]+)$/;
/** Input domain-credentials: JSON {"NAME": {"username": "FABRIKAM\\admin", "password": "..."}}. */
function parseDomainCredentials(text, input = 'domain-credentials') {
    if (text === undefined)
        return {};
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        // The value is a secret: say what is wrong without showing any of it.
        throw new shared_errors/* InputError */.dz(input, 'must be JSON like {"FABRIKAM": {"username": "FABRIKAM\\\\admin", "password": "..."}} (it did not parse).');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new shared_errors/* InputError */.dz(input, 'must be a JSON object of named credentials.');
    const out = {};
    for (const [name, value] of Object.entries(parsed)) {
        const v = value;
        if (typeof v?.password === 'string')
            (0,secrets/* registerSecret */.cl)(v.password);
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name))
            throw new shared_errors/* InputError */.dz(input, `has a credential name that is not letters, digits, '_', '.', '-': '${name.slice(0, 30)}'.`);
        if (!v || typeof v !== 'object' || typeof v.username !== 'string' || typeof v.password !== 'string' || v.password === '') {
            throw new shared_errors/* InputError */.dz(input, `credential '${name}' needs a "username" and a non-empty "password".`);
        }
        if (!DOMAIN_ACCOUNT.test(v.username))
            throw new shared_errors/* InputError */.dz(input, `credential '${name}' needs a username like 'FABRIKAM\\admin' or 'admin@fabrikam.com'.`);
        const key = name.toUpperCase();
        if (out[key])
            throw new shared_errors/* InputError */.dz(input, `names credential '${name}' twice (names are case-insensitive).`);
        out[key] = { username: v.username, password: v.password };
    }
    return out;
}
function readConfigureGmsaSettings(inputs) {
    const tenant = readTenantSettings(inputs);
    const domainCredential = readCredentialPair(inputs, 'domain-username', 'domain-password', "a domain account such as 'CONTOSO\\admin' or 'admin@contoso.com'");
    const domainCredentials = parseDomainCredentials(inputs.secret('domain-credentials'));
    if (!tenant.signIn) {
        throw new shared_errors/* InputError */.dz('tenant-username', "and 'tenant-password' (or 'access-token' with 'tenant-id' and 'user-principal-name') are required: configuring the agent signs in to the tenant.");
    }
    const gmsa = inputs.choice('gmsa', GMSA_MODES, 'create');
    let gmsaName;
    if (gmsa === 'custom') {
        const name = inputs.text('gmsa-name');
        if (!name)
            throw new shared_errors/* InputError */.dz('gmsa-name', "is required with 'gmsa: custom' (the pre-created gMSA, e.g. 'CONTOSO\\myAgentGmsa$').");
        gmsaName = normaliseGmsaName(name);
    }
    else {
        if (inputs.has('gmsa-name'))
            throw new shared_errors/* InputError */.dz('gmsa-name', `is only used with 'gmsa: custom' ('${gmsa}' ${gmsa === 'create' ? 'always creates provAgentgMSA$' : 'leaves the account as it is'}).`);
        if (gmsa === 'create')
            gmsaName = DEFAULT_GMSA_NAME;
    }
    if (gmsa === 'create' && !domainCredential) {
        throw new shared_errors/* InputError */.dz('domain-username', "and 'domain-password' (a domain administrator) are required with 'gmsa: create'.");
    }
    const domains = parseDomains(inputs.raw('domains'));
    for (const d of domains) {
        if (d.credential && !domainCredentials[d.credential]) {
            throw new shared_errors/* InputError */.dz('domains', `domain '${d.name}' names credential '${d.credential}', which 'domain-credentials' does not hold.`);
        }
        if (!d.credential && !domainCredential)
            throw new shared_errors/* InputError */.dz('domain-username', `and 'domain-password' are required for domain '${d.name}' (or give it credential=NAME).`);
    }
    if (domains.length === 0 && !domainCredential) {
        throw new shared_errors/* InputError */.dz('domain-username', "and 'domain-password' are required to add the server's own domain (or list domains with their credentials in 'domains').");
    }
    return {
        tenant,
        gmsa,
        gmsaName,
        domainCredential,
        domainCredentials,
        domains,
        createKdsRootKey: inputs.bool('create-kds-root-key', false),
        restartTimeoutSeconds: inputs.integer('restart-timeout-seconds', 120, 5, 1800),
    };
}
function credentialFor(settings, domain) {
    const credential = domain.credential ? settings.domainCredentials[domain.credential] : settings.domainCredential;
    if (!credential)
        throw new shared_errors/* InputError */.dz('domains', `domain '${domain.name}' has no credential.`);
    return credential;
}

;// CONCATENATED MODULE: ./src/steps/configure-gmsa/step.ts







/** This action's own record of configured domains (see DomainRecord): not the agent's, which has none we can read. */
const RECORD_KEY = 'HKLM:\\SOFTWARE\\entra-provisioning-agent\\configure-gmsa';
const RECORD_VALUE = 'Domains';
function observe(server, raw) {
    return {
        agentVersion: server.agent.version,
        tenantId: server.tenantId,
        serviceAccount: server.services.agent.account,
        computerDomain: raw.computerDomain,
        record: parseRecord(raw.record),
        kds: raw.kds,
    };
}
function gmsaLabel(settings, account) {
    return settings.gmsa === 'keep' || !settings.gmsaName ? (account ?? '') : account && isAccount(account, settings.gmsaName) ? account : settings.gmsaName.account;
}
function result(settings, plan, changed, after, notes) {
    const domains = after.record.domains.map((d) => d.name);
    return {
        changed,
        outputs: { gmsa: gmsaLabel(settings, after.account), domains: domains.join(','), 'domains-added': after.added.join(','), registered: after.tenantId ?? '' },
        summary: [
            ['Tenant', after.tenantId ?? '(not registered)'],
            ['Service account', gmsaLabel(settings, after.account) || '(unknown)'],
            ['Domains', domains.join(', ') || '(none recorded)'],
            ['Domains added', after.added.join(', ') || '(none)'],
            ...plan.changes.map((c) => ['Change', c]),
        ],
        notes: [...plan.warnings, ...notes],
    };
}
async function apply(settings, plan, server, ctx) {
    const installDir = server.installDir;
    const done = [];
    const fail = (error) => {
        const so_far = done.length ? ` Done before this failure: ${done.join('; ')}.` : ' Nothing was changed.';
        if (error instanceof shared_errors/* StepError */.zg)
            throw new shared_errors/* StepError */.zg(`${error.message}${so_far}`, error.code);
        throw new shared_errors/* StepError */.zg(`${(0,shared_errors/* errorMessage */.gJ)(error)}${so_far}`, error instanceof errors/* PowerShellScriptError */.Xm ? error.code : 'StepFailed');
    };
    try {
        // Every change below needs the module signed in; signing in (re-)registers the agent.
        const tenantId = await signInToTenant(ctx, settings.tenant, installDir);
        if (!tenantId)
            throw new shared_errors/* StepError */.zg('Sign-in succeeded but the server shows no tenant registration (registry TenantId is empty); check the agent trace logs.', 'NotRegistered');
        if (plan.wantedTenantId && tenantId.toLowerCase() !== plan.wantedTenantId.toLowerCase()) {
            throw new shared_errors/* StepError */.zg(`The agent registered to tenant ${tenantId}, not the expected ${plan.wantedTenantId} (input 'tenant-id'): check the account's home tenant.`, 'WrongTenant');
        }
        if (plan.register)
            done.push(`agent registered to ${tenantId}`);
        let record = plan.baseRecord.tenantId && plan.baseRecord.tenantId.toLowerCase() === tenantId.toLowerCase() ? plan.baseRecord : { tenantId, domains: [] };
        let account = server.services.agent.account;
        if (plan.gmsa !== 'none' && settings.gmsaName) {
            const name = settings.gmsaName.account;
            try {
                const r = await ctx.session.run('steps/configure-gmsa/add-gmsa.ps1', { InstallDir: installDir, Mode: plan.gmsa, Name: name, UserName: settings.domainCredential?.username ?? '', CreateKdsRootKey: plan.createKdsRootKey }, { secrets: { Password: plan.gmsa === 'create' ? settings.domainCredential?.password : undefined } });
                account = r.account;
            }
            catch (error) {
                if (error instanceof errors/* PowerShellScriptError */.Xm && error.code === 'GmsaFailed')
                    throw explainGmsaFailure(plan.gmsa, name, error.message);
                throw error;
            }
            if (plan.createKdsRootKey)
                done.push('KDS root key created');
            done.push(`service account set to ${account}`);
        }
        const added = [];
        for (const domain of plan.domainsToAdd) {
            const credential = credentialFor(settings, domain);
            const next = recordWithDomain(record, tenantId, domain, account);
            try {
                await ctx.session.run('steps/configure-gmsa/add-domain.ps1', { InstallDir: installDir, DomainName: domain.name, PreferredDomainControllers: domain.dcs, UserName: credential.username, RecordKey: RECORD_KEY, RecordValue: RECORD_VALUE, Record: JSON.stringify(next) }, { secrets: { Password: credential.password } });
            }
            catch (error) {
                const input = domain.credential ? `'domain-credentials' (${domain.credential})` : "'domain-username'/'domain-password'";
                if (error instanceof errors/* PowerShellScriptError */.Xm && error.code === 'DomainAddFailed')
                    throw explainDomainFailure(domain.name, input, error.message);
                throw error;
            }
            record = next;
            added.push(domain.name);
            done.push(`domain ${domain.name} added`);
        }
        await ctx.session.run('steps/configure-gmsa/restart-agent.ps1', { TimeoutSeconds: settings.restartTimeoutSeconds }, { timeoutMs: (settings.restartTimeoutSeconds + 60) * 1000 });
        return { tenantId, record, added, done };
    }
    catch (error) {
        return fail(error);
    }
}
const configureGmsaStep = {
    name: 'configure-gmsa',
    title: 'Register the agent, gMSA and AD domains',
    readSettings: (inputs) => readConfigureGmsaSettings(inputs),
    isRequested: (inputs) => ['tenant-username', 'access-token', 'domains', 'gmsa', 'gmsa-name'].some((n) => inputs.has(n)),
    async run(settings, ctx) {
        const server = await ctx.server.get(settings.tenant.installDir);
        if (!server.agent.installed) {
            throw new shared_errors/* StepError */.zg(`The provisioning agent is not installed in '${server.installDir}': run install-agent first (or set 'install-dir').`, 'AgentNotInstalled');
        }
        const raw = await ctx.session.run('steps/configure-gmsa/get-gmsa-state.ps1', {
            RecordKey: RECORD_KEY,
            RecordValue: RECORD_VALUE,
            CheckKds: settings.gmsa === 'create',
        });
        const observed = observe(server, raw);
        const plan = planConfigureGmsa(settings, observed);
        for (const w of plan.warnings)
            ctx.log.warning(w);
        for (const c of plan.changes)
            ctx.log.info(`${ctx.common.dryRun ? 'Would ' : 'Will '}${c}`);
        if (ctx.common.dryRun || plan.changes.length === 0) {
            if (plan.changes.length === 0)
                ctx.log.info('The agent is registered, runs as the wanted account and has every domain: nothing to change.');
            let record = { tenantId: observed.tenantId, domains: [...plan.baseRecord.domains] };
            for (const d of plan.domainsToAdd)
                record = recordWithDomain(record, record.tenantId, d, observed.serviceAccount);
            return result(settings, plan, plan.changes.length > 0, {
                tenantId: plan.wantedTenantId ?? observed.tenantId,
                account: plan.gmsa === 'none' ? observed.serviceAccount : (settings.gmsaName?.account ?? null),
                record,
                added: plan.domainsToAdd.map((d) => d.name),
            }, []);
        }
        const applied = await apply(settings, plan, server, ctx);
        ctx.server.invalidate();
        const after = await ctx.server.get(settings.tenant.installDir);
        const agent = after.services.agent;
        if (agent.status !== 'Running')
            throw new shared_errors/* StepError */.zg(`The agent service is ${agent.status} after configuration. Done: ${applied.done.join('; ')}.`, 'AgentNotRunning');
        if (settings.gmsaName && settings.gmsa !== 'keep' && !isAccount(agent.account, settings.gmsaName)) {
            throw new shared_errors/* StepError */.zg(`The agent service runs as ${agent.account}, not the wanted gMSA ${settings.gmsaName.account}, after configuration. Done: ${applied.done.join('; ')}.`, 'GmsaNotApplied');
        }
        if (!after.tenantId)
            throw new shared_errors/* StepError */.zg('The server shows no tenant registration after configuration.', 'NotRegistered');
        return result(settings, plan, true, { tenantId: after.tenantId, account: agent.account, record: applied.record, added: applied.added }, []);
    },
};


/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

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
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(974);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
