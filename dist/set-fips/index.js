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

/***/ 956:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  uB: () => (/* binding */ runStepAction)
});

// UNUSED EXPORTS: actionLog, assertPlatform, fail, failureLine, runSteps

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
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/powershell/scripts.ts



// Bundled, this code lives in dist/<entry>/index.js and the .ps1 files beside it in scripts/ (copied
// there by scripts/bundle.mjs, mirroring src/). Unbundled (unit tests), this file is src/powershell/.
const here = external_node_path_.dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
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
            pending.reject(new errors/* PowerShellScriptError */.Xm(redact(e.message), redact(e.code), e.script || leaf(pending.script), e.line));
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
        registerSecret(value);
        registerSecret(value.trim());
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
            startGroup(`${step.title}${common.dryRun ? ' (plan)' : ''}`);
            try {
                const result = await step.run(settings, context);
                context.earlier.set(step.name, result);
                await onResult(step, result);
                if (result.failure)
                    throw new shared_errors/* StepError */.zg(result.failure, 'StepJudgedFailed');
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
    return redact((0,shared_errors/* errorMessage */.gJ)(error)).replace(/\s*\r?\n\s*/g, ' ').trim();
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

/***/ 346:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(956);
/* harmony import */ var _step_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(209);


await (0,_shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__/* .runStepAction */ .uB)(_step_js__WEBPACK_IMPORTED_MODULE_1__/* .setFipsStep */ .V);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 209:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  V: () => (/* binding */ setFipsStep)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
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
const ENVIRONMENTS = (/* unused pure expression or super */ null && (['AzureCloud', 'AzureUSGovernment']));
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

;// CONCATENATED MODULE: ./src/config/diff.ts
/** A unified-style line diff (changed lines with one line of context), for plan mode's log. */
function splitLines(text) {
    return text.split(/\r?\n/);
}
/** Longest-common-subsequence line diff; configs are small, so O(n*m) after trimming is fine. */
function lineDiff(before, after, context = 1) {
    const a = splitLines(before);
    const b = splitLines(after);
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head])
        head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail])
        tail++;
    const x = a.slice(head, a.length - tail);
    const y = b.slice(head, b.length - tail);
    const lcs = Array.from({ length: x.length + 1 }, () => new Array(y.length + 1).fill(0));
    for (let i = x.length - 1; i >= 0; i--)
        for (let j = y.length - 1; j >= 0; j--)
            lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const ops = [];
    for (let k = 0; k < head; k++)
        ops.push({ kind: ' ', line: a[k], oldNo: k + 1, newNo: k + 1 });
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
        if (i < x.length && j < y.length && x[i] === y[j]) {
            ops.push({ kind: ' ', line: x[i], oldNo: head + i + 1, newNo: head + j + 1 });
            i++;
            j++;
        }
        else if (i < x.length && (j >= y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.push({ kind: '-', line: x[i], oldNo: head + i + 1, newNo: head + j });
            i++;
        }
        else {
            ops.push({ kind: '+', line: y[j], oldNo: head + i, newNo: head + j + 1 });
            j++;
        }
    }
    for (let k = 0; k < tail; k++)
        ops.push({ kind: ' ', line: a[a.length - tail + k], oldNo: a.length - tail + k + 1, newNo: b.length - tail + k + 1 });
    const out = [];
    let lastShown = -1;
    ops.forEach((op, index) => {
        if (op.kind === ' ')
            return;
        for (let c = Math.max(lastShown + 1, index - context); c < index; c++)
            out.push(format(ops[c], c > lastShown + 1 || out.length === 0));
        out.push(format(op, false));
        lastShown = index;
        for (let c = index + 1; c <= Math.min(ops.length - 1, index + context) && ops[c].kind === ' '; c++) {
            out.push(format(ops[c], false));
            lastShown = c;
        }
    });
    return out;
    function format(op, gap) {
        const prefix = gap && out.length > 0 ? '  ...\n' : '';
        return `${prefix}${op.kind} ${String(op.kind === '+' ? op.newNo : op.oldNo).padStart(4)} | ${op.line}`;
    }
}

// EXTERNAL MODULE: ./src/powershell/errors.ts
var errors = __nccwpck_require__(757);
// EXTERNAL MODULE: ./src/shared/errors.ts
var shared_errors = __nccwpck_require__(289);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: ./src/config/attributes.ts
function escapeAttr(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function unescapeAttr(value) {
    return value
        .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
        .replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]);
}
/**
 * Sets attributes on one start tag: a value that differs is replaced between its own quotes (quote
 * style and attribute order kept); a missing attribute is appended after the last one, `name="value"`.
 * `values` holds raw (unescaped) values; returns the text unchanged when every value already matches.
 */
function setAttributes(text, element, values) {
    const changes = [];
    const missing = [];
    for (const [name, value] of Object.entries(values)) {
        const existing = element.attrs.find((a) => a.name === name);
        if (!existing)
            missing.push(` ${name}="${escapeAttr(value)}"`);
        else if (unescapeAttr(existing.value) !== value) {
            const quote = text[existing.valueEnd];
            const escaped = quote === "'" ? escapeAttr(value).replace(/'/g, '&apos;').replace(/&quot;/g, '"') : escapeAttr(value);
            changes.push({ at: existing.valueStart, remove: existing.valueEnd - existing.valueStart, insert: escaped });
        }
    }
    if (missing.length) {
        const lastAttr = element.attrs[element.attrs.length - 1];
        const at = lastAttr ? lastAttr.valueEnd + 1 : element.start + 1 + element.name.length;
        changes.push({ at, remove: 0, insert: missing.join('') });
    }
    let out = text;
    for (const c of changes.sort((a, b) => b.at - a.at))
        out = out.slice(0, c.at) + c.insert + out.slice(c.at + c.remove);
    return out;
}

;// CONCATENATED MODULE: ./src/config/errors.ts
/** The config file cannot be edited safely; the message completes "The agent config ...". */
class ConfigFormatError extends Error {
    reason;
    name = 'ConfigFormatError';
    constructor(reason) {
        super(reason);
        this.reason = reason;
    }
}

;// CONCATENATED MODULE: ./src/config/text-style.ts
/**
 * Bytes <-> text for the agent's config without losing a byte, and the file's own style (line
 * ending, indent unit) so inserted lines look like their neighbours.
 *
 * Supported encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Decoding is strict and
 * checked by re-encoding: a file that would not come back byte for byte is refused, never rewritten.
 * Every edit inserts ASCII only, so the file's declared encoding stays true.
 */

function swapBytes(bytes) {
    const out = Buffer.from(bytes);
    out.swap16();
    return out;
}
function text_style_decodeConfig(bytes) {
    let decoded;
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
        if (bytes.length % 2 !== 0)
            throw new ConfigFormatError('is not valid UTF-16 (odd number of bytes)');
        decoded = { encoding: 'utf-16le', bom: true, text: bytes.subarray(2).toString('utf16le') };
    }
    else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
        if (bytes.length % 2 !== 0)
            throw new ConfigFormatError('is not valid UTF-16 (odd number of bytes)');
        decoded = { encoding: 'utf-16be', bom: true, text: swapBytes(bytes.subarray(2)).toString('utf16le') };
    }
    else {
        const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        let text;
        try {
            text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
        }
        catch {
            throw new ConfigFormatError('is not valid UTF-8 text');
        }
        decoded = { encoding: 'utf-8', bom, text };
    }
    if (!encodeConfig(decoded).equals(bytes))
        throw new ConfigFormatError(`does not round-trip as ${decoded.encoding} text`);
    return decoded;
}
function encodeConfig(config) {
    if (config.encoding === 'utf-8') {
        const body = Buffer.from(config.text, 'utf8');
        return config.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
    const le = Buffer.from(config.text, 'utf16le');
    if (config.encoding === 'utf-16le')
        return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(le)]);
}
/** The file's dominant line ending; a file without any gets Windows' CRLF. */
function detectEol(text) {
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/\n/g) ?? []).length - crlf;
    if (crlf === 0 && lf === 0)
        return '\r\n';
    return lf > crlf ? '\n' : '\r\n';
}
/** Whitespace from the start of pos's line to pos, or null when something else precedes pos on its line. */
function indentBefore(text, pos) {
    const start = text.lastIndexOf('\n', pos - 1) + 1;
    const lead = text.slice(start, pos);
    return /^[ \t]*$/.test(lead) ? lead : null;
}
/** True when only spaces/tabs follow pos up to the end of its line (or of the text). */
function restOfLineBlank(text, pos) {
    const m = /^[ \t]*(\r?\n|$)/.exec(text.slice(pos, pos + 4096));
    return m !== null;
}

;// CONCATENATED MODULE: ./src/config/layout.ts
/**
 * Where inserted markup goes and how it is laid out, shared by the FIPS and proxy edits.
 *
 * Placement rules (every insertion is the exact inverse of a removal by removeElement):
 *  - Element on its own line: the inserted block starts with the file's line ending, then the
 *    indentation of its siblings (or the parent's indentation plus the file's indent unit when it
 *    has none), so a file's CRLF/LF and tabs/spaces carry over.
 *  - Parent written inline (`<a><b/></a>`): the block is inserted inline, without new lines.
 *  - Self-closing parent (`<runtime/>`): rewritten as start tag + block + end tag, attributes kept.
 *  - First child: right after the parent's start tag, before any comment that opens the content.
 *  - Last child: right after the last non-blank content, before the parent's closing tag.
 */

function onOwnLine(text, el) {
    return indentBefore(text, el.start) !== null && restOfLineBlank(text, el.end);
}
/** The file's indent unit, learned from parent/child pairs that each sit on their own line. */
function detectIndentUnit(text, root) {
    const counts = new Map();
    const walk = (parent) => {
        const outer = indentBefore(text, parent.start);
        for (const child of parent.children) {
            const inner = indentBefore(text, child.start);
            if (outer !== null && inner !== null && inner.length > outer.length && inner.startsWith(outer)) {
                const unit = inner.slice(outer.length);
                counts.set(unit, (counts.get(unit) ?? 0) + 1);
            }
            walk(child);
        }
    };
    walk(root);
    let best = '';
    let bestCount = 0;
    for (const [unit, count] of counts)
        if (count > bestCount)
            [best, bestCount] = [unit, count];
    if (best)
        return best;
    return /^\t/m.test(text) ? '\t' : '  ';
}
function render(block, indent, unit, eol) {
    return block.map(([depth, line], i) => (i === 0 ? '' : indent + unit.repeat(depth)) + line).join(eol);
}
function inline(block) {
    return block.map(([, line]) => line).join('');
}
function childIndent(text, parent, unit) {
    for (const child of parent.children) {
        const indent = indentBefore(text, child.start);
        if (indent !== null)
            return indent;
    }
    const own = indentBefore(text, parent.start);
    return own === null ? null : own + unit;
}
function splice(text, at, remove, insert) {
    return text.slice(0, at) + insert + text.slice(at + remove);
}
/** Rewrites a self-closing element as start tag + block + end tag. */
function expand(text, parent, block, unit) {
    const eol = detectEol(text);
    const startTag = text.slice(parent.start, parent.end).replace(/\s*\/>$/, '>');
    const closeTag = `</${parent.name}>`;
    const own = indentBefore(text, parent.start);
    const inner = own !== null && restOfLineBlank(text, parent.end) ? `${eol}${own}${unit}${render(block, own + unit, unit, eol)}${eol}${own}` : inline(block);
    return splice(text, parent.start, parent.end - parent.start, startTag + inner + closeTag);
}
function insertFirstChild(text, root, parent, block) {
    const unit = detectIndentUnit(text, root);
    if (parent.selfClosing)
        return expand(text, parent, block, unit);
    const eol = detectEol(text);
    const content = text.slice(parent.openEnd, parent.closeStart);
    const own = indentBefore(text, parent.start);
    if (/^[ \t]*\r?\n/.test(content) && own !== null) {
        // The next line holds the first child (or the closing tag): the block becomes a line of its own,
        // indented like the first non-blank line inside unless that line is the closing tag.
        const first = /\n([ \t]*)\S/.exec(content);
        const firstAt = first ? parent.openEnd + first.index + first[0].length - 1 : -1;
        const indent = first && firstAt !== parent.closeStart ? first[1] : (childIndent(text, parent, unit) ?? own + unit);
        const at = parent.openEnd + /^[ \t]*/.exec(content)[0].length;
        return splice(text, at, 0, eol + indent + render(block, indent, unit, eol));
    }
    if (content === '' && own !== null && restOfLineBlank(text, parent.end)) {
        return splice(text, parent.openEnd, 0, `${eol}${own}${unit}${render(block, own + unit, unit, eol)}${eol}${own}`);
    }
    return splice(text, parent.openEnd, 0, inline(block));
}
function insertLastChild(text, root, parent, block) {
    const content = text.slice(parent.openEnd, parent.closeStart);
    if (parent.selfClosing || !/\S/.test(content))
        return insertFirstChild(text, root, parent, block);
    const unit = detectIndentUnit(text, root);
    const eol = detectEol(text);
    const closeIndent = indentBefore(text, parent.closeStart);
    if (closeIndent === null)
        return splice(text, parent.closeStart, 0, inline(block));
    const contentEnd = parent.openEnd + content.replace(/\s+$/, '').length;
    const at = contentEnd + /^[ \t]*/.exec(text.slice(contentEnd))[0].length;
    const last = parent.children[parent.children.length - 1];
    const indent = (last && indentBefore(text, last.start)) ?? childIndent(text, parent, unit) ?? closeIndent + unit;
    return splice(text, at, 0, eol + indent + render(block, indent, unit, eol));
}
function insertAfter(text, root, sibling, block) {
    const unit = detectIndentUnit(text, root);
    const own = indentBefore(text, sibling.start);
    if (own === null || !restOfLineBlank(text, sibling.end))
        return splice(text, sibling.end, 0, inline(block));
    const eol = detectEol(text);
    const at = sibling.end + /^[ \t]*/.exec(text.slice(sibling.end))[0].length;
    return splice(text, at, 0, eol + own + render(block, own, unit, eol));
}
/**
 * Removes an element. On its own line, the line goes with it: the line break before it, its
 * indentation, and trailing blanks (the inverse of the insertions above); inline, just the element.
 */
function removeElement(text, el) {
    if (!onOwnLine(text, el))
        return splice(text, el.start, el.end - el.start, '');
    const lineStart = text.lastIndexOf('\n', el.start - 1) + 1;
    const trailing = /^[ \t]*/.exec(text.slice(el.end))[0].length;
    if (lineStart === 0) {
        const after = /^[ \t]*(\r?\n)?/.exec(text.slice(el.end))[0].length;
        return splice(text, 0, el.end + after, '');
    }
    const from = lineStart >= 2 && text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
    return splice(text, from, el.end + trailing - from, '');
}
/** True when an element holds nothing but whitespace and has no attributes (safe to drop). */
function isEmptyShell(text, el) {
    return el.attrs.length === 0 && el.children.length === 0 && !el.hasOtherContent && !/\S/.test(text.slice(el.openEnd, el.closeStart));
}

;// CONCATENATED MODULE: ../../main/node_modules/fast-xml-parser/src/util.js


const nameStartChar = ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const nameChar = nameStartChar + '\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const nameRegexp = '[' + nameStartChar + '][' + nameChar + ']*';
const regexName = new RegExp('^' + nameRegexp + '$');

function getAllMatches(string, regex) {
  const matches = [];
  let match = regex.exec(string);
  while (match) {
    const allmatches = [];
    allmatches.startIndex = regex.lastIndex - match[0].length;
    const len = match.length;
    for (let index = 0; index < len; index++) {
      allmatches.push(match[index]);
    }
    matches.push(allmatches);
    match = regex.exec(string);
  }
  return matches;
}

const isName = function (string) {
  const match = regexName.exec(string);
  return !(match === null || typeof match === 'undefined');
}

function isExist(v) {
  return typeof v !== 'undefined';
}

function isEmptyObject(obj) {
  return Object.keys(obj).length === 0;
}

function getValue(v) {
  if (exports.isExist(v)) {
    return v;
  } else {
    return '';
  }
}

/**
 * Dangerous property names that could lead to prototype pollution or security issues
 */
const DANGEROUS_PROPERTY_NAMES = (/* unused pure expression or super */ null && ([
  // '__proto__',
  // 'constructor',
  // 'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__'
]));

const criticalProperties = (/* unused pure expression or super */ null && (["__proto__", "constructor", "prototype"]));
;// CONCATENATED MODULE: ../../main/node_modules/fast-xml-parser/src/validator.js




const defaultOptions = {
  allowBooleanAttributes: false, //A tag can have attributes without any value
  unpairedTags: []
};

//const tagsPattern = new RegExp("<\\/?([\\w:\\-_\.]+)\\s*\/?>","g");
function validate(xmlData, options) {
  options = Object.assign({}, defaultOptions, options);

  //xmlData = xmlData.replace(/(\r\n|\n|\r)/gm,"");//make it single line
  //xmlData = xmlData.replace(/(^\s*<\?xml.*?\?>)/g,"");//Remove XML starting tag
  //xmlData = xmlData.replace(/(<!DOCTYPE[\s\w\"\.\/\-\:]+(\[.*\])*\s*>)/g,"");//Remove DOCTYPE
  const tags = [];
  let tagFound = false;

  //indicates that the root tag has been closed (aka. depth 0 has been reached)
  let reachedRoot = false;

  if (xmlData[0] === '\ufeff') {
    // check for byte order mark (BOM)
    xmlData = xmlData.substr(1);
  }

  for (let i = 0; i < xmlData.length; i++) {

    if (xmlData[i] === '<' && xmlData[i + 1] === '?') {
      i += 2;
      i = readPI(xmlData, i);
      if (i.err) return i;
    } else if (xmlData[i] === '<') {
      //starting of tag
      //read until you reach to '>' avoiding any '>' in attribute value
      let tagStartPos = i;
      i++;

      if (xmlData[i] === '!') {
        i = readCommentAndCDATA(xmlData, i);
        continue;
      } else {
        let closingTag = false;
        if (xmlData[i] === '/') {
          //closing tag
          closingTag = true;
          i++;
        }
        //read tagname
        let tagName = '';
        for (; i < xmlData.length &&
          xmlData[i] !== '>' &&
          xmlData[i] !== ' ' &&
          xmlData[i] !== '\t' &&
          xmlData[i] !== '\n' &&
          xmlData[i] !== '\r'; i++
        ) {
          tagName += xmlData[i];
        }
        tagName = tagName.trim();
        //console.log(tagName);

        if (tagName[tagName.length - 1] === '/') {
          //self closing tag without attributes
          tagName = tagName.substring(0, tagName.length - 1);
          //continue;
          i--;
        }
        if (!validateTagName(tagName)) {
          let msg;
          if (tagName.trim().length === 0) {
            msg = "Invalid space after '<'.";
          } else {
            msg = "Tag '" + tagName + "' is an invalid name.";
          }
          return getErrorObject('InvalidTag', msg, getLineNumberForPosition(xmlData, i));
        }

        const result = readAttributeStr(xmlData, i);
        if (result === false) {
          return getErrorObject('InvalidAttr', "Attributes for '" + tagName + "' have open quote.", getLineNumberForPosition(xmlData, i));
        }
        let attrStr = result.value;
        i = result.index;

        if (attrStr[attrStr.length - 1] === '/') {
          //self closing tag
          const attrStrStart = i - attrStr.length;
          attrStr = attrStr.substring(0, attrStr.length - 1);
          const isValid = validateAttributeString(attrStr, options);
          if (isValid === true) {
            tagFound = true;
            //continue; //text may presents after self closing tag
          } else {
            //the result from the nested function returns the position of the error within the attribute
            //in order to get the 'true' error line, we need to calculate the position where the attribute begins (i - attrStr.length) and then add the position within the attribute
            //this gives us the absolute index in the entire xml, which we can use to find the line at last
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, attrStrStart + isValid.err.line));
          }
        } else if (closingTag) {
          if (!result.tagClosed) {
            return getErrorObject('InvalidTag', "Closing tag '" + tagName + "' doesn't have proper closing.", getLineNumberForPosition(xmlData, i));
          } else if (attrStr.trim().length > 0) {
            return getErrorObject('InvalidTag', "Closing tag '" + tagName + "' can't have attributes or invalid starting.", getLineNumberForPosition(xmlData, tagStartPos));
          } else if (tags.length === 0) {
            return getErrorObject('InvalidTag', "Closing tag '" + tagName + "' has not been opened.", getLineNumberForPosition(xmlData, tagStartPos));
          } else {
            const otg = tags.pop();
            if (tagName !== otg.tagName) {
              let openPos = getLineNumberForPosition(xmlData, otg.tagStartPos);
              return getErrorObject('InvalidTag',
                "Expected closing tag '" + otg.tagName + "' (opened in line " + openPos.line + ", col " + openPos.col + ") instead of closing tag '" + tagName + "'.",
                getLineNumberForPosition(xmlData, tagStartPos));
            }

            //when there are no more tags, we reached the root level.
            if (tags.length == 0) {
              reachedRoot = true;
            }
          }
        } else {
          const isValid = validateAttributeString(attrStr, options);
          if (isValid !== true) {
            //the result from the nested function returns the position of the error within the attribute
            //in order to get the 'true' error line, we need to calculate the position where the attribute begins (i - attrStr.length) and then add the position within the attribute
            //this gives us the absolute index in the entire xml, which we can use to find the line at last
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, i - attrStr.length + isValid.err.line));
          }

          //if the root level has been reached before ...
          if (reachedRoot === true) {
            return getErrorObject('InvalidXml', 'Multiple possible root nodes found.', getLineNumberForPosition(xmlData, i));
          } else if (options.unpairedTags.indexOf(tagName) !== -1) {
            //don't push into stack
          } else {
            tags.push({ tagName, tagStartPos });
          }
          tagFound = true;
        }

        //skip tag text value
        //It may include comments and CDATA value
        for (i++; i < xmlData.length; i++) {
          if (xmlData[i] === '<') {
            if (xmlData[i + 1] === '!') {
              //comment or CADATA
              i++;
              i = readCommentAndCDATA(xmlData, i);
              continue;
            } else if (xmlData[i + 1] === '?') {
              i = readPI(xmlData, ++i);
              if (i.err) return i;
            } else {
              break;
            }
          } else if (xmlData[i] === '&') {
            const afterAmp = validateAmpersand(xmlData, i);
            if (afterAmp == -1)
              return getErrorObject('InvalidChar', "char '&' is not expected.", getLineNumberForPosition(xmlData, i));
            i = afterAmp;
          } else {
            if (reachedRoot === true && !isWhiteSpace(xmlData[i])) {
              return getErrorObject('InvalidXml', "Extra text at the end", getLineNumberForPosition(xmlData, i));
            }
          }
        } //end of reading tag text value
        if (xmlData[i] === '<') {
          i--;
        }
      }
    } else {
      if (isWhiteSpace(xmlData[i])) {
        continue;
      }
      return getErrorObject('InvalidChar', "char '" + xmlData[i] + "' is not expected.", getLineNumberForPosition(xmlData, i));
    }
  }

  if (!tagFound) {
    return getErrorObject('InvalidXml', 'Start tag expected.', 1);
  } else if (tags.length == 1) {
    return getErrorObject('InvalidTag', "Unclosed tag '" + tags[0].tagName + "'.", getLineNumberForPosition(xmlData, tags[0].tagStartPos));
  } else if (tags.length > 0) {
    return getErrorObject('InvalidXml', "Invalid '" +
      JSON.stringify(tags.map(t => t.tagName), null, 4).replace(/\r?\n/g, '') +
      "' found.", { line: 1, col: 1 });
  }

  return true;
};

function isWhiteSpace(char) {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
/**
 * Read Processing insstructions and skip
 * @param {*} xmlData
 * @param {*} i
 */
function readPI(xmlData, i) {
  const start = i;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] == '?' || xmlData[i] == ' ') {
      //tagname
      const tagname = xmlData.substr(start, i - start);
      if (i > 5 && tagname === 'xml') {
        return getErrorObject('InvalidXml', 'XML declaration allowed only at the start of the document.', getLineNumberForPosition(xmlData, i));
      } else if (xmlData[i] == '?' && xmlData[i + 1] == '>') {
        //check if valid attribut string
        i++;
        break;
      } else {
        continue;
      }
    }
  }
  return i;
}

function readCommentAndCDATA(xmlData, i) {
  if (xmlData.length > i + 5 && xmlData[i + 1] === '-' && xmlData[i + 2] === '-') {
    //comment
    for (i += 3; i < xmlData.length; i++) {
      if (xmlData[i] === '-' && xmlData[i + 1] === '-' && xmlData[i + 2] === '>') {
        i += 2;
        break;
      }
    }
  } else if (
    xmlData.length > i + 8 &&
    xmlData[i + 1] === 'D' &&
    xmlData[i + 2] === 'O' &&
    xmlData[i + 3] === 'C' &&
    xmlData[i + 4] === 'T' &&
    xmlData[i + 5] === 'Y' &&
    xmlData[i + 6] === 'P' &&
    xmlData[i + 7] === 'E'
  ) {
    let angleBracketsCount = 1;
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === '<') {
        angleBracketsCount++;
      } else if (xmlData[i] === '>') {
        angleBracketsCount--;
        if (angleBracketsCount === 0) {
          break;
        }
      }
    }
  } else if (
    xmlData.length > i + 9 &&
    xmlData[i + 1] === '[' &&
    xmlData[i + 2] === 'C' &&
    xmlData[i + 3] === 'D' &&
    xmlData[i + 4] === 'A' &&
    xmlData[i + 5] === 'T' &&
    xmlData[i + 6] === 'A' &&
    xmlData[i + 7] === '['
  ) {
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === ']' && xmlData[i + 1] === ']' && xmlData[i + 2] === '>') {
        i += 2;
        break;
      }
    }
  }

  return i;
}

const doubleQuote = '"';
const singleQuote = "'";

/**
 * Keep reading xmlData until '<' is found outside the attribute value.
 * @param {string} xmlData
 * @param {number} i
 */
function readAttributeStr(xmlData, i) {
  let attrStr = '';
  let startChar = '';
  let tagClosed = false;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === doubleQuote || xmlData[i] === singleQuote) {
      if (startChar === '') {
        startChar = xmlData[i];
      } else if (startChar !== xmlData[i]) {
        //if vaue is enclosed with double quote then single quotes are allowed inside the value and vice versa
      } else {
        startChar = '';
      }
    } else if (xmlData[i] === '>') {
      if (startChar === '') {
        tagClosed = true;
        break;
      }
    }
    attrStr += xmlData[i];
  }
  if (startChar !== '') {
    return false;
  }

  return {
    value: attrStr,
    index: i,
    tagClosed: tagClosed
  };
}

/**
 * Walk `attrStr` once, left to right, splitting it into attribute tokens.
 *
 * This replaces a regex that used to do the same job
 * (`(\s*)([^\s=]+)(\s*=)?(\s*(['"])(([\s\S])*?)\5)?`). That regex led with an
 * optional whitespace group followed by a required "non-whitespace" group.
 * On a long run of whitespace that never resolves into an attribute name
 * (e.g. a tag with thousands of trailing spaces before `>`), the engine
 * backtracks the whitespace group one character at a time before giving up
 * and moving to the next starting position — one full backtrack per
 * position, which is quadratic in the length of the run.
 *
 * The scan is forward-only: the cursor never moves backwards, so each
 * character is visited a constant number of times and the cost is linear
 * in the length of the string.
 *
 * Each returned token mirrors the shape the old regex match array had, so
 * the validation logic below (which reads token[1]..token[6]) didn't need
 * to change:
 *   token.startIndex - where this token begins in attrStr
 *   token[1]          - leading whitespace before the name
 *   token[2]          - the attribute name
 *   token[3]          - whitespace + '=' if present, else undefined
 *   token[4]          - marker (any defined value) if a quoted value was found
 *   token[5]          - the quote character used ('"' or "'")
 *   token[6]          - the value's text, without the surrounding quotes
 *
 * A malformed leading character (e.g. a stray '=' with no name before it)
 * is simply skipped over, one character at a time — the same outcome the
 * old regex produced by failing to match at that position and retrying at
 * the next one.
 */
function scanAttributeTokens(attrStr) {
  const tokens = [];
  const len = attrStr.length;
  let i = 0;

  while (i < len) {
    const tokenStart = i;

    // Leading whitespace before the name.
    while (i < len && isWhiteSpace(attrStr[i])) i++;
    if (i >= len) break; // trailing whitespace only — nothing left to read

    if (attrStr[i] === '=') {
      // No name before this '=' — not a valid attribute start. Move past
      i++;
      continue;
    }

    const leadingWs = attrStr.slice(tokenStart, i);

    // Attribute name — everything up to the next whitespace or '='.
    const nameStart = i;
    while (i < len && !isWhiteSpace(attrStr[i]) && attrStr[i] !== '=') i++;
    const name = attrStr.slice(nameStart, i);

    // Optional whitespace + '='.
    let equalsGroup; // whitespace + '=' text, or undefined if absent
    let j = i;
    while (j < len && isWhiteSpace(attrStr[j])) j++;
    if (j < len && attrStr[j] === '=') {
      equalsGroup = attrStr.slice(i, j + 1);
      i = j + 1;
    }

    // Optional whitespace + quoted value.
    let quoteChar;
    let value;
    let k = i;
    while (k < len && isWhiteSpace(attrStr[k])) k++;
    if (k < len && (attrStr[k] === '"' || attrStr[k] === "'")) {
      const valueStart = k + 1;
      const closeIdx = attrStr.indexOf(attrStr[k], valueStart);
      if (closeIdx !== -1) {
        quoteChar = attrStr[k];
        value = attrStr.slice(valueStart, closeIdx);
        i = closeIdx + 1;
      }
      // No closing quote found anywhere in the rest of the string — leave
      // quoteChar/value undefined, same as the old regex's group failing
      // to match a backreference-less run.
    }

    const token = { startIndex: tokenStart };
    token[1] = leadingWs;
    token[2] = name;
    token[3] = equalsGroup;
    token[4] = quoteChar !== undefined ? true : undefined;
    token[5] = quoteChar;
    token[6] = value;
    tokens.push(token);
  }

  return tokens;
}

//attr, ="sd", a="amit's", a="sd"b="saf", ab  cd=""

function validateAttributeString(attrStr, options) {
  //console.log("start:"+attrStr+":end");

  //if(attrStr.trim().length === 0) return true; //empty string

  const matches = scanAttributeTokens(attrStr);
  const attrNames = {};

  for (let i = 0; i < matches.length; i++) {
    if (matches[i][1].length === 0) {
      //nospace before attribute name: a="sd"b="saf"
      return getErrorObject('InvalidAttr', "Attribute '" + matches[i][2] + "' has no space in starting.", getPositionFromMatch(matches[i]))
    } else if (matches[i][3] !== undefined && matches[i][4] === undefined) {
      return getErrorObject('InvalidAttr', "Attribute '" + matches[i][2] + "' is without value.", getPositionFromMatch(matches[i]));
    } else if (matches[i][3] === undefined && !options.allowBooleanAttributes) {
      //independent attribute: ab
      return getErrorObject('InvalidAttr', "boolean attribute '" + matches[i][2] + "' is not allowed.", getPositionFromMatch(matches[i]));
    }
    /* else if(matches[i][6] === undefined){//attribute without value: ab=
                    return { err: { code:"InvalidAttr",msg:"attribute " + matches[i][2] + " has no value assigned."}};
                } */
    const attrName = matches[i][2];
    if (!validateAttrName(attrName)) {
      return getErrorObject('InvalidAttr', "Attribute '" + attrName + "' is an invalid name.", getPositionFromMatch(matches[i]));
    }
    if (!Object.prototype.hasOwnProperty.call(attrNames, attrName)) {
      //check for duplicate attribute.
      attrNames[attrName] = 1;
    } else {
      return getErrorObject('InvalidAttr', "Attribute '" + attrName + "' is repeated.", getPositionFromMatch(matches[i]));
    }
  }

  return true;
}

function validateNumberAmpersand(xmlData, i) {
  let re = /\d/;
  if (xmlData[i] === 'x') {
    i++;
    re = /[\da-fA-F]/;
  }
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === ';')
      return i;
    if (!xmlData[i].match(re))
      break;
  }
  return -1;
}

function validateAmpersand(xmlData, i) {
  // https://www.w3.org/TR/xml/#dt-charref
  i++;
  if (xmlData[i] === ';')
    return -1;
  if (xmlData[i] === '#') {
    i++;
    return validateNumberAmpersand(xmlData, i);
  }
  let count = 0;
  for (; i < xmlData.length; i++, count++) {
    if (xmlData[i].match(/\w/) && count < 20)
      continue;
    if (xmlData[i] === ';')
      break;
    return -1;
  }
  return i;
}

function getErrorObject(code, message, lineNumber) {
  return {
    err: {
      code: code,
      msg: message,
      line: lineNumber.line || lineNumber,
      col: lineNumber.col,
    },
  };
}

function validateAttrName(attrName) {
  return isName(attrName);
}

// const startsWithXML = /^xml/i;

function validateTagName(tagname) {
  return isName(tagname) /* && !tagname.match(startsWithXML) */;
}

//this function returns the line number for the character at the given index
function getLineNumberForPosition(xmlData, index) {
  const lines = xmlData.substring(0, index).split(/\r?\n/);
  return {
    line: lines.length,

    // column number is last line's length + 1, because column numbering starts at 1:
    col: lines[lines.length - 1].length + 1
  };
}

//this function returns the position of the first character of match within attrStr
function getPositionFromMatch(match) {
  return match.startIndex + match[1].length;
}
;// CONCATENATED MODULE: ../../main/node_modules/fast-xml-parser/src/fxp.js






const XMLValidator = {
  validate: validate
}

;// CONCATENATED MODULE: ./src/config/xml-tree.ts
/**
 * A small XML tokenizer that knows where every element starts and ends (fast-xml-parser validates
 * but gives no offsets). It skips comments, CDATA, processing instructions and DOCTYPE, respects
 * quoted attribute values, and is strict about what fast-xml-parser lets through: exactly one root
 * element, no text outside it, XML declaration only at the very start, no control characters, no
 * bare '&'. Offsets are indexes into the decoded text (BOM excluded).
 */


const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const BARE_AMP = /&(?!(?:[A-Za-z_][-A-Za-z0-9_.]*|#[0-9]+|#x[0-9A-Fa-f]+);)/;
function position(text, offset) {
    const before = text.slice(0, offset);
    const line = (before.match(/\n/g) ?? []).length + 1;
    return `line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}
function bad(text, offset, what) {
    throw new ConfigFormatError(`is not well-formed XML (${position(text, offset)}: ${what})`);
}
function checkCharacters(text, from, chunk) {
    const ctl = FORBIDDEN_CHAR.exec(chunk);
    if (ctl)
        bad(text, from + ctl.index, `character U+${ctl[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed`);
    const amp = BARE_AMP.exec(chunk);
    if (amp)
        bad(text, from + amp.index, "'&' that starts no entity reference");
}
function readName(text, at) {
    NAME.lastIndex = at;
    return NAME.exec(text)?.[0];
}
/** Parses the whole document; returns its root element. Throws ConfigFormatError. */
function parseXmlTree(text) {
    const verdict = XMLValidator.validate(text);
    if (verdict !== true) {
        const { msg, line, col } = verdict.err;
        throw new ConfigFormatError(`is not well-formed XML (line ${line}${col ? `, column ${col}` : ''}: ${msg.replace(/\s+/g, ' ')})`);
    }
    const stack = [];
    let root;
    let i = 0;
    const n = text.length;
    while (i < n) {
        const lt = text.indexOf('<', i);
        const chunk = text.slice(i, lt < 0 ? n : lt);
        checkCharacters(text, i, chunk);
        if (/\S/.test(chunk)) {
            if (stack.length === 0)
                bad(text, i + chunk.search(/\S/), 'text outside the root element');
            stack[stack.length - 1].hasOtherContent = true;
        }
        if (lt < 0)
            break;
        const top = stack[stack.length - 1];
        if (text.startsWith('<!--', lt)) {
            const close = text.indexOf('-->', lt + 4);
            if (close < 0)
                bad(text, lt, 'comment is never closed');
            checkCharacters(text, lt, text.slice(lt, close).replace(/&/g, ' '));
            if (top)
                top.hasOtherContent = true;
            i = close + 3;
            continue;
        }
        if (text.startsWith('<![CDATA[', lt)) {
            if (!top)
                bad(text, lt, 'CDATA outside the root element');
            const close = text.indexOf(']]>', lt);
            if (close < 0)
                bad(text, lt, 'CDATA section is never closed');
            top.hasOtherContent = true;
            i = close + 3;
            continue;
        }
        if (text.startsWith('<?', lt)) {
            const close = text.indexOf('?>', lt + 2);
            if (close < 0)
                bad(text, lt, 'processing instruction is never closed');
            if (/^xml$/i.test(readName(text, lt + 2) ?? '') && lt !== 0)
                bad(text, lt, 'XML declaration not at the start of the file');
            if (top)
                top.hasOtherContent = true;
            i = close + 2;
            continue;
        }
        if (text.startsWith('<!DOCTYPE', lt)) {
            if (root || top)
                bad(text, lt, 'DOCTYPE after the root element started');
            let j = lt + 9;
            let depth = 0;
            while (j < n && (text[j] !== '>' || depth > 0)) {
                if (text[j] === '[')
                    depth++;
                else if (text[j] === ']')
                    depth--;
                j++;
            }
            if (j >= n)
                bad(text, lt, 'DOCTYPE is never closed');
            i = j + 1;
            continue;
        }
        if (text.startsWith('</', lt)) {
            const name = readName(text, lt + 2);
            const element = stack.pop();
            if (!name || !element || element.name !== name)
                bad(text, lt, `unexpected closing tag '${name ?? ''}'`);
            const m = /^\s*>/.exec(text.slice(lt + 2 + name.length, lt + 2 + name.length + 256));
            if (!m)
                bad(text, lt, `closing tag '${name}' is not closed`);
            element.closeStart = lt;
            element.end = lt + 2 + name.length + m[0].length;
            i = element.end;
            continue;
        }
        // A start tag.
        const name = readName(text, lt + 1);
        if (!name)
            bad(text, lt, "'<' that starts no tag");
        if (!top && root)
            bad(text, lt, `second root element '${name}'`);
        const element = { name, start: lt, openEnd: 0, selfClosing: false, closeStart: 0, end: 0, attrs: [], children: [], hasOtherContent: false };
        let j = lt + 1 + name.length;
        for (;;) {
            const ws = /^\s*/.exec(text.slice(j, j + 4096))[0].length;
            j += ws;
            if (j >= n)
                bad(text, lt, `start tag '${name}' is never closed`);
            if (text.startsWith('/>', j)) {
                element.selfClosing = true;
                element.openEnd = element.closeStart = element.end = j + 2;
                break;
            }
            if (text[j] === '>') {
                element.openEnd = j + 1;
                break;
            }
            const attrName = readName(text, j);
            if (!attrName || ws === 0)
                bad(text, j, `malformed attribute in '${name}'`);
            j += attrName.length;
            const eq = /^\s*=\s*(["'])/.exec(text.slice(j, j + 4096));
            if (!eq)
                bad(text, j, `attribute '${attrName}' has no quoted value`);
            const valueStart = j + eq[0].length;
            const valueEnd = text.indexOf(eq[1], valueStart);
            if (valueEnd < 0)
                bad(text, valueStart, `value of '${attrName}' is never closed`);
            const value = text.slice(valueStart, valueEnd);
            if (value.includes('<'))
                bad(text, valueStart, `'<' inside the value of '${attrName}'`);
            checkCharacters(text, valueStart, value);
            element.attrs.push({ name: attrName, value, valueStart, valueEnd });
            j = valueEnd + 1;
        }
        if (top)
            top.children.push(element);
        else
            root = element;
        if (!element.selfClosing)
            stack.push(element);
        i = element.end || element.openEnd;
    }
    if (stack.length)
        bad(text, stack[stack.length - 1].start, `element '${stack[stack.length - 1].name}' is never closed`);
    if (!root)
        throw new ConfigFormatError('has no root element');
    return root;
}
function childrenNamed(parent, name) {
    return parent.children.filter((c) => c.name === name);
}
function attr(element, name) {
    return element.attrs.find((a) => a.name === name);
}
/** The agent config's root: refuses anything whose root is not <configuration>. */
function xml_tree_parseConfigRoot(text) {
    const root = parseXmlTree(text);
    if (root.name !== 'configuration')
        throw new ConfigFormatError(`has root element '${root.name}' instead of 'configuration'`);
    return root;
}

;// CONCATENATED MODULE: ./src/config/edit-fips.ts
/**
 * The FIPS exception: `<enforceFIPSPolicy enabled="false"/>` in configuration/runtime.
 *
 * Placement rules:
 *  - runtime exists: the element becomes runtime's first child (the documented "first child group
 *    at the top"), indented like runtime's first child line; `<runtime/>` is expanded.
 *  - runtime missing: a new runtime holding the element is placed after the leading
 *    configSections/startup elements (configSections must stay first for .NET), else as the first
 *    child of configuration.
 *  - enforceFIPSPolicy already there: only its `enabled` value is changed, in place, to exactly
 *    `false` (or the attribute added); it is never duplicated.
 *  - Removal takes out every enforceFIPSPolicy that is not exactly enabled="true" (those are the
 *    exception, or broken), with its line; one saying "true" only restates the policy and is kept.
 *    A runtime left holding nothing (no attributes, comments or text) goes too: an empty runtime
 *    means nothing to .NET.
 *  - More than one runtime section is refused: .NET rejects such a file anyway.
 */




const FIPS_ELEMENT = 'enforceFIPSPolicy';
const FIPS_MARKUP = `<${FIPS_ELEMENT} enabled="false"/>`;
function runtimeOf(root) {
    const runtimes = childrenNamed(root, 'runtime');
    if (runtimes.length > 1)
        throw new ConfigFormatError('has more than one <runtime> section');
    return runtimes[0];
}
function edit_fips_readFips(text) {
    const runtime = runtimeOf(xml_tree_parseConfigRoot(text));
    const elements = runtime ? childrenNamed(runtime, FIPS_ELEMENT) : [];
    return { present: elements.length > 0, exception: elements.length > 0 && elements.every((e) => attr(e, 'enabled')?.value === 'false') };
}
function ensureFipsException(text) {
    const root = xml_tree_parseConfigRoot(text);
    const runtime = runtimeOf(root);
    if (runtime) {
        const existing = childrenNamed(runtime, FIPS_ELEMENT);
        if (existing.length === 0)
            return insertFirstChild(text, root, runtime, [[0, FIPS_MARKUP]]);
        let out = text;
        for (const element of [...existing].reverse())
            out = setAttributes(out, element, { enabled: 'false' });
        return out;
    }
    const block = [
        [0, '<runtime>'],
        [1, FIPS_MARKUP],
        [0, '</runtime>'],
    ];
    let anchor;
    for (const child of root.children) {
        if (child.name !== 'configSections' && child.name !== 'startup')
            break;
        anchor = child;
    }
    return anchor ? insertAfter(text, root, anchor, block) : insertFirstChild(text, root, root, block);
}
function removeFipsException(text) {
    let root = xml_tree_parseConfigRoot(text);
    let runtime = runtimeOf(root);
    if (!runtime)
        return text;
    const existing = childrenNamed(runtime, FIPS_ELEMENT).filter((e) => attr(e, 'enabled')?.value !== 'true');
    if (existing.length === 0)
        return text;
    let out = text;
    for (const element of [...existing].reverse())
        out = removeElement(out, element);
    root = xml_tree_parseConfigRoot(out);
    runtime = runtimeOf(root);
    return isEmptyShell(out, runtime) ? removeElement(out, runtime) : out;
}

;// CONCATENATED MODULE: ./src/config/edit-proxy.ts
/**
 * The proxy: configuration/system.net/defaultProxy, in the shape the agent's docs show:
 *   <system.net>
 *     <defaultProxy enabled="true" useDefaultCredentials="true">
 *       <proxy usesystemdefault="true" proxyaddress="http://proxy:8080" bypassonlocal="true"/>
 *     </defaultProxy>
 *   </system.net>
 *
 * Placement rules:
 *  - system.net missing: the whole block becomes configuration's last child (before </configuration>).
 *  - system.net without defaultProxy: defaultProxy becomes system.net's last child.
 *  - defaultProxy exists: edited in place, attribute by attribute: defaultProxy `enabled` set to
 *    true when it says otherwise; the proxy child's `proxyaddress` and `bypassonlocal` set (added
 *    when missing); a missing proxy child is added as defaultProxy's first child. Other attributes
 *    and children (bypasslist, module) are kept.
 *  - Removal takes out defaultProxy with its line, and system.net when left holding nothing.
 */





function single(parent, name) {
    if (!parent)
        return undefined;
    const found = childrenNamed(parent, name);
    if (found.length > 1)
        throw new ConfigFormatError(`has more than one <${name}> in <${parent.name}>`);
    return found[0];
}
function proxyLine(settings) {
    return `<proxy usesystemdefault="true" proxyaddress="${escapeAttr(settings.url)}" bypassonlocal="${settings.bypassLocal}"/>`;
}
function edit_proxy_readProxy(text) {
    const defaultProxy = single(single(xml_tree_parseConfigRoot(text), 'system.net'), 'defaultProxy');
    const proxy = single(defaultProxy, 'proxy');
    const address = proxy && attr(proxy, 'proxyaddress');
    const bypass = proxy && attr(proxy, 'bypassonlocal');
    return {
        present: defaultProxy !== undefined,
        url: address ? unescapeAttr(address.value) : null,
        bypassLocal: bypass ? bypass.value.trim().toLowerCase() === 'true' : null,
    };
}
function ensureProxy(text, settings) {
    const root = xml_tree_parseConfigRoot(text);
    const systemNet = single(root, 'system.net');
    const proxyBlock = [
        [0, '<defaultProxy enabled="true" useDefaultCredentials="true">'],
        [1, proxyLine(settings)],
        [0, '</defaultProxy>'],
    ];
    if (!systemNet)
        return insertLastChild(text, root, root, [[0, '<system.net>'], ...proxyBlock.map(([d, l]) => [d + 1, l]), [0, '</system.net>']]);
    const defaultProxy = single(systemNet, 'defaultProxy');
    if (!defaultProxy)
        return insertLastChild(text, root, systemNet, proxyBlock);
    const enabled = attr(defaultProxy, 'enabled');
    const proxy = single(defaultProxy, 'proxy');
    const wanted = { proxyaddress: settings.url, bypassonlocal: String(settings.bypassLocal) };
    // Later offsets first, so earlier ones stay valid.
    let out = proxy ? setAttributes(text, proxy, wanted) : text;
    if (enabled && enabled.value.trim().toLowerCase() !== 'true')
        out = setAttributes(out, defaultProxy, { enabled: 'true' });
    if (proxy)
        return out;
    const reparsed = xml_tree_parseConfigRoot(out);
    return insertFirstChild(out, reparsed, single(single(reparsed, 'system.net'), 'defaultProxy'), [[0, proxyLine(settings)]]);
}
function removeProxy(text) {
    const systemNet = single(xml_tree_parseConfigRoot(text), 'system.net');
    const defaultProxy = single(systemNet, 'defaultProxy');
    if (!defaultProxy)
        return text;
    const out = removeElement(text, defaultProxy);
    const after = single(xml_tree_parseConfigRoot(out), 'system.net');
    return isEmptyShell(out, after) ? removeElement(out, after) : out;
}

;// CONCATENATED MODULE: ./src/config/editor.ts
/**
 * The lossless editor of the agent's AADConnectProvisioningAgent.exe.config: bytes in, bytes out,
 * and nothing but the requested elements differs. Pure: no file access (see safe-write.ts).
 *
 * Guarantees, each checked here rather than assumed:
 *  - the input is refused (ConfigFormatError) unless it decodes losslessly, is well-formed XML
 *    (fast-xml-parser plus xml-tree's stricter checks) and has a <configuration> root;
 *  - BOM, encoding, line endings, indentation, comments, attribute order and quoting are kept,
 *    because edits splice new text in at computed offsets and never re-serialise the document;
 *  - the result is parsed again and must show the requested state, or nothing is returned;
 *  - the same request on its own result changes nothing (idempotent).
 *
 * Exact undo: several files map to the same edited file (`<runtime/>` and no runtime both become a
 * runtime holding the element; enabled="true" and a missing element both become enabled="false").
 * So a removal first looks at `history` (earlier versions of the file, e.g. the backups, newest
 * first): a version that lacks what is being removed and that the opposite edit turns into exactly
 * the current text is the file before the step changed it, and is restored byte for byte.
 * Otherwise removal is structural (edit-fips.ts / edit-proxy.ts).
 */




/** The config .NET would read if the file were missing, as a file: used when an upgrade deleted it. */
function minimalConfig() {
    return Buffer.from('<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n</configuration>\r\n', 'utf8');
}
function applyPresent(text, request) {
    let out = text;
    if (request.fips === 'present')
        out = ensureFipsException(out);
    if (request.proxy && request.proxy !== 'absent')
        out = ensureProxy(out, request.proxy);
    return out;
}
function removalsOnly(text, request) {
    let out = text;
    if (request.fips === 'absent')
        out = removeFipsException(out);
    if (request.proxy === 'absent')
        out = removeProxy(out);
    return out;
}
/** An earlier version that the opposite of the requested removals turns into exactly `text`. */
function findPreImage(text, request, history, current) {
    const inverse = {};
    if (request.fips === 'absent')
        inverse.fips = 'present';
    if (request.proxy === 'absent') {
        const proxy = edit_proxy_readProxy(text);
        if (proxy.url === null || proxy.bypassLocal === null)
            return undefined;
        inverse.proxy = { url: proxy.url, bypassLocal: proxy.bypassLocal };
    }
    for (const earlier of history) {
        if (earlier.encoding !== current.encoding || earlier.bom !== current.bom || earlier.text === text)
            continue;
        try {
            if (request.fips === 'absent' && edit_fips_readFips(earlier.text).exception)
                continue;
            if (request.proxy === 'absent' && edit_proxy_readProxy(earlier.text).present)
                continue;
            if (applyPresent(earlier.text, inverse) === text)
                return earlier.text;
        }
        catch {
            // A history version that does not parse is simply not a candidate.
        }
    }
    return undefined;
}
function assertReached(text, request) {
    xml_tree_parseConfigRoot(text);
    const fips = edit_fips_readFips(text);
    const proxy = edit_proxy_readProxy(text);
    const fipsOk = request.fips === undefined || (request.fips === 'present' ? fips.exception : !fips.exception);
    const proxyOk = request.proxy === undefined ||
        (request.proxy === 'absent' ? !proxy.present : proxy.present && proxy.url === request.proxy.url && proxy.bypassLocal === request.proxy.bypassLocal);
    if (!fipsOk || !proxyOk)
        throw new Error('The config edit did not reach the requested state; the file was not written.');
    return { fips, proxy };
}
function editConfig(bytes, request, history = []) {
    const before = text_style_decodeConfig(bytes);
    xml_tree_parseConfigRoot(before.text);
    let text = removalsOnly(before.text, request);
    let restoredFromHistory = false;
    if (text !== before.text) {
        const decodedHistory = history.flatMap((h) => {
            try {
                return [text_style_decodeConfig(h)];
            }
            catch {
                return [];
            }
        });
        const earlier = findPreImage(before.text, request, decodedHistory, before);
        if (earlier !== undefined) {
            text = earlier;
            restoredFromHistory = true;
        }
    }
    text = applyPresent(text, request);
    const state = assertReached(text, request);
    const after = { ...before, text };
    const out = encodeConfig(after);
    return { changed: !out.equals(bytes), before, after, bytes: out, ...state, restoredFromHistory };
}
/** What the file says now, without changing anything. */
function inspectConfig(bytes) {
    const { text } = decodeConfig(bytes);
    parseConfigRoot(text);
    return { fips: readFips(text), proxy: readProxy(text) };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
;// CONCATENATED MODULE: ./src/config/safe-write.ts
/**
 * Replacing the agent's config on disk without ever leaving a half-written file:
 *  - the original is first copied to `<config>.<UTC yyyyMMddTHHmmssZ>.bak` beside it (the newest
 *    `keep` backups are kept, older ones deleted);
 *  - the new bytes go to a temporary file in the same folder (same volume, so the rename is atomic),
 *    flushed to disk, then renamed over the config; a rename refused because the file is locked
 *    (EPERM/EBUSY/EACCES on Windows) is retried for a bounded time, then reported in one line;
 *  - the result is read back and compared with what was meant to be written.
 * On Windows the replaced file takes the folder's inherited permissions (as the installer's does).
 */




const LOCKED = new Set(['EPERM', 'EBUSY', 'EACCES']);
function backupStamp(now) {
    return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}
function backupPattern(configPath) {
    const base = external_node_path_.basename(configPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^${base}\\.(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.bak$`);
}
/** The config's backups, newest first. */
function listBackups(configPath) {
    const pattern = backupPattern(configPath);
    const dir = external_node_path_.dirname(configPath);
    // Newest first: by time stamp, then by the counter added for several backups in one second.
    const key = (name) => {
        const m = pattern.exec(name);
        return `${m[1]}${(m[2] ?? '0').padStart(6, '0')}`;
    };
    return (0,external_node_fs_.readdirSync)(dir)
        .filter((name) => pattern.test(name))
        .sort((x, y) => (key(x) < key(y) ? 1 : key(x) > key(y) ? -1 : 0))
        .map((name) => external_node_path_.join(dir, name));
}
function writeNew(file, bytes, mode) {
    const fd = (0,external_node_fs_.openSync)(file, 'wx', mode);
    try {
        let offset = 0;
        while (offset < bytes.length)
            offset += (0,external_node_fs_.writeSync)(fd, bytes, offset, bytes.length - offset);
        (0,external_node_fs_.fsyncSync)(fd);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Copies the current bytes to a new timestamped backup; returns its path. */
function writeBackup(configPath, original, now = new Date()) {
    const stem = `${configPath}.${backupStamp(now)}`;
    for (let n = 0; n < 100; n++) {
        const candidate = n === 0 ? `${stem}.bak` : `${stem}-${n}.bak`;
        try {
            writeNew(candidate, original);
            return candidate;
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
        }
    }
    throw new shared_errors/* StepError */.zg(`Could not create a backup of ${configPath}: too many backups in the same second.`, 'BackupFailed');
}
function pruneBackups(configPath, keep) {
    const removed = listBackups(configPath).slice(keep);
    for (const file of removed)
        (0,external_node_fs_.rmSync)(file, { force: true });
    return removed;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Atomically replaces `file` with `bytes`; throws a StepError naming the cause. */
async function replaceFileAtomically(file, bytes, options = {}) {
    const dir = external_node_path_.dirname(file);
    const temp = external_node_path_.join(dir, `.${external_node_path_.basename(file)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    let mode;
    try {
        mode = (0,external_node_fs_.statSync)(file).mode & 0o7777;
    }
    catch {
        mode = undefined;
    }
    try {
        writeNew(temp, bytes, mode);
        if (mode !== undefined && process.platform !== 'win32')
            (0,external_node_fs_.chmodSync)(temp, mode);
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(temp, { force: true });
        throw new shared_errors/* StepError */.zg(`Could not write a temporary file beside ${file}: ${error.message}`, 'ConfigWriteFailed');
    }
    const deadline = Date.now() + (options.lockedRetryMs ?? 10_000);
    for (let attempt = 1;; attempt++) {
        try {
            (0,external_node_fs_.renameSync)(temp, file);
            break;
        }
        catch (error) {
            const code = error.code ?? '';
            if (LOCKED.has(code) && Date.now() < deadline) {
                await sleep(Math.min(100 * attempt, 1000));
                continue;
            }
            (0,external_node_fs_.rmSync)(temp, { force: true });
            const why = LOCKED.has(code) ? `it stayed locked by another process (${code})` : error.message;
            throw new shared_errors/* StepError */.zg(`Could not replace ${file}: ${why}; the file was left as it was.`, 'ConfigLocked');
        }
    }
    if (process.platform !== 'win32') {
        try {
            const dirFd = (0,external_node_fs_.openSync)(dir, 'r');
            try {
                (0,external_node_fs_.fsyncSync)(dirFd);
            }
            finally {
                (0,external_node_fs_.closeSync)(dirFd);
            }
        }
        catch {
            // Directory fsync is best effort (not every file system allows it).
        }
    }
    if (!(0,external_node_fs_.readFileSync)(file).equals(bytes))
        throw new shared_errors/* StepError */.zg(`${file} does not hold what was written; restore it from its newest .bak file.`, 'ConfigVerifyFailed');
}

;// CONCATENATED MODULE: ./src/steps/set-fips/config-file.ts
/**
 * The agent config on disk: read it with its backups (the editor's history for exact undo), plan
 * the edit, and apply it with a backup and an atomic replace. The action runs on the server itself,
 * so Node reads and writes the file directly.
 */





/** Backups read as history for exact undo (newest first). */
const HISTORY_DEPTH = 10;
function malformedConfigError(path, error) {
    return new shared_errors/* StepError */.zg(`The agent config ${path} ${error.reason}; it was left untouched. Repair it or restore a .bak copy beside it (or reinstall the agent), then run again.`, 'ConfigMalformed');
}
function planConfigFile(path, request, options) {
    const exists = (0,external_node_fs_.existsSync)(path);
    if (!exists && !options.createIfMissing)
        return undefined;
    const original = exists ? (0,external_node_fs_.readFileSync)(path) : minimalConfig();
    const history = [];
    if (exists) {
        for (const file of listBackups(path).slice(0, HISTORY_DEPTH)) {
            try {
                history.push((0,external_node_fs_.readFileSync)(file));
            }
            catch {
                // An unreadable backup is no candidate for undo.
            }
        }
    }
    try {
        return { path, create: !exists, original, result: editConfig(original, request, history) };
    }
    catch (error) {
        if (error instanceof ConfigFormatError)
            throw malformedConfigError(path, error);
        throw error;
    }
}
/** Writes the planned bytes; returns the backup's path ('' when the file was created). */
async function applyConfigFile(plan, backupsToKeep) {
    if (plan.create) {
        if ((0,external_node_fs_.existsSync)(plan.path))
            throw new shared_errors/* StepError */.zg(`${plan.path} appeared while this step ran; nothing was written. Run again.`, 'ConfigChangedDuringRun');
        await replaceFileAtomically(plan.path, plan.result.bytes);
        return '';
    }
    // The plan was made from what was read; never overwrite a file that changed since.
    if (!(0,external_node_fs_.readFileSync)(plan.path).equals(plan.original)) {
        throw new shared_errors/* StepError */.zg(`${plan.path} changed while this step ran; nothing was written. Run again.`, 'ConfigChangedDuringRun');
    }
    const backup = writeBackup(plan.path, plan.original);
    await replaceFileAtomically(plan.path, plan.result.bytes);
    pruneBackups(plan.path, backupsToKeep);
    return backup;
}

;// CONCATENATED MODULE: ./src/steps/set-fips/plan.ts
/** What the config should say, from the inputs and the server's FIPS policy (pure). */
function decideConfigIntent(settings, fipsPolicyEnabled) {
    const request = {};
    let fipsReason;
    switch (settings.fipsException) {
        case 'add':
            request.fips = 'present';
            fipsReason = "fips-exception is 'add'";
            break;
        case 'remove':
            request.fips = 'absent';
            fipsReason = "fips-exception is 'remove'";
            break;
        case 'leave':
            fipsReason = "fips-exception is 'leave'";
            break;
        default:
            if (fipsPolicyEnabled)
                request.fips = 'present';
            fipsReason = fipsPolicyEnabled ? 'the FIPS policy is on (auto)' : 'the FIPS policy is off, so auto leaves it alone';
    }
    if (settings.proxy === 'remove')
        request.proxy = 'absent';
    else if (settings.proxy)
        request.proxy = settings.proxy;
    return { request, fipsReason };
}
function nothingRequested(request) {
    return request.fips === undefined && request.proxy === undefined;
}

;// CONCATENATED MODULE: ./src/steps/set-fips/settings.ts

/**
 * fips-exception:
 *   auto   add the exception only when the server's FIPS policy is on; otherwise leave the file alone
 *   add    always ensure it          remove  take it out again          leave  do not touch it
 */
const FIPS_EXCEPTION_MODES = ['auto', 'add', 'remove', 'leave'];
function readProxyUrl(inputs) {
    const raw = inputs.raw('proxy-url');
    if (raw === '')
        return undefined;
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    // Credentials in the URL would end up in a world-readable file: refuse without echoing the value.
    if (url && (url.username || url.password)) {
        throw new shared_errors/* InputError */.dz('proxy-url', 'must not contain a user name or password; the agent authenticates to the proxy as its service account (useDefaultCredentials).');
    }
    const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
    if (!/^[\x21-\x7e]+$/.test(raw) || !url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
        throw new shared_errors/* InputError */.dz('proxy-url', `must be an http:// or https:// URL such as http://proxy.contoso.com:8080 (ASCII, no spaces); got '${shown}'.`);
    }
    return raw;
}
function readSetFipsSettings(inputs) {
    const fipsException = inputs.choice('fips-exception', FIPS_EXCEPTION_MODES, 'auto');
    const url = readProxyUrl(inputs);
    const removeProxy = inputs.bool('remove-proxy', false);
    if (url && removeProxy)
        throw new shared_errors/* InputError */.dz('remove-proxy', "cannot be 'true' while 'proxy-url' is set; choose one.");
    const bypassLocal = inputs.bool('proxy-bypass-local', true);
    const installDir = inputs.text('install-dir') || undefined;
    return {
        fipsException,
        proxy: url ? { url, bypassLocal } : removeProxy ? 'remove' : undefined,
        installDir,
        restartAgent: inputs.bool('restart-agent', true),
        restartTimeoutSeconds: inputs.integer('restart-timeout-seconds', 120, 5, 3600),
        backupsToKeep: inputs.integer('backups-to-keep', 5, 1, 100),
    };
}
/** In the root action's automatic mode the step runs unless told to leave both parts alone. */
function setFipsRequested(inputs) {
    return inputs.raw('fips-exception').toLowerCase() !== 'leave' || inputs.has('proxy-url') || inputs.bool('remove-proxy', false);
}

;// CONCATENATED MODULE: ./src/steps/set-fips/step.ts








function describeProxy(settings) {
    if (settings.proxy === undefined)
        return 'left alone';
    if (settings.proxy === 'remove')
        return 'removed';
    return `${settings.proxy.url} (bypass local: ${settings.proxy.bypassLocal})`;
}
async function restartAgent(settings, state, context, backupPath) {
    if (!settings.restartAgent)
        return { restarted: false, note: `restart-agent is false: ${AGENT_SERVICE} reads the change at its next start.` };
    const service = state.services.agent;
    if (!service.exists)
        return { restarted: false, note: `Service ${AGENT_SERVICE} does not exist; the change applies once the agent's service starts.` };
    if (service.status !== 'Running') {
        return { restarted: false, note: `Service ${AGENT_SERVICE} is ${service.status}; it was left so and reads the change when it next starts.` };
    }
    try {
        await context.session.run('agent/restart-service.ps1', { Name: AGENT_SERVICE, TimeoutSeconds: settings.restartTimeoutSeconds });
    }
    catch (error) {
        const kept = backupPath ? ` (previous file: ${backupPath})` : '';
        const why = error instanceof errors/* PowerShellScriptError */.Xm ? error.message : error.message;
        throw new shared_errors/* StepError */.zg(`The agent config was updated${kept}, but the agent did not come back: ${why}`, 'AgentRestartFailed');
    }
    finally {
        context.server.invalidate();
    }
    return { restarted: true };
}
const setFipsStep = {
    name: 'set-fips',
    title: 'Agent config: FIPS exception and proxy',
    readSettings: readSetFipsSettings,
    isRequested: (inputs) => setFipsRequested(inputs),
    async run(settings, context) {
        const state = await context.server.get(settings.installDir);
        const configPath = state.agent.configPath;
        const { request, fipsReason } = decideConfigIntent(settings, state.fipsPolicyEnabled);
        const outputs = {
            'fips-policy-enabled': state.fipsPolicyEnabled,
            'config-path': configPath,
            'backup-path': '',
            'fips-exception-present': null,
            'agent-restarted': false,
        };
        const summary = [
            ['FIPS policy on the server', state.fipsPolicyEnabled ? 'on' : 'off'],
            ['FIPS exception', `${request.fips === 'present' ? 'ensure present' : request.fips === 'absent' ? 'ensure absent' : 'left alone'} (${fipsReason})`],
            ['Proxy', describeProxy(settings)],
            ['Config file', configPath],
        ];
        const notes = [];
        context.log.info(`FIPS policy: ${state.fipsPolicyEnabled ? 'on' : 'off'}; FIPS exception: ${fipsReason}; proxy: ${describeProxy(settings)}.`);
        if (nothingRequested(request)) {
            notes.push(`Nothing to do: ${fipsReason} and no proxy change was asked for.`);
            return { changed: false, outputs, summary, notes };
        }
        const plan = planConfigFile(configPath, request, { createIfMissing: state.agent.installed });
        if (!plan) {
            const where = external_node_path_.dirname(configPath);
            if (context.common.dryRun) {
                notes.push(`The agent is not installed in ${where} yet; once it is, this step will edit its ${AGENT_CONFIG}.`);
                return { changed: true, outputs, summary, notes };
            }
            throw new shared_errors/* StepError */.zg(`The agent is not installed in ${where} (no ${AGENT_CONFIG}); run install-agent first, or set 'install-dir' to where it is installed.`, 'AgentNotInstalled');
        }
        const { result } = plan;
        outputs['fips-exception-present'] = result.fips.exception;
        if (plan.create)
            notes.push(`${AGENT_CONFIG} was missing (some agent upgrades delete it); it is created with just the requested settings.`);
        if (!result.changed) {
            context.log.info(`${configPath} already says what was asked; nothing written.`);
            return { changed: false, outputs, summary, notes };
        }
        context.log.info(`${context.common.dryRun ? 'Planned change' : 'Change'} to ${configPath}${result.restoredFromHistory ? ' (restores the version from before this step changed it)' : ''}:`);
        for (const line of lineDiff(result.before.text, result.after.text))
            context.log.info(line);
        if (context.common.dryRun) {
            summary.push(['Restart of the agent', settings.restartAgent && state.services.agent.status === 'Running' ? 'planned' : 'no']);
            return { changed: true, outputs, summary, notes };
        }
        const backupPath = await applyConfigFile(plan, settings.backupsToKeep);
        outputs['backup-path'] = backupPath;
        context.server.invalidate();
        if (backupPath)
            summary.push(['Backup', backupPath]);
        context.log.info(`Wrote ${configPath}${backupPath ? `; the previous version is ${backupPath}` : ''}.`);
        const restart = await restartAgent(settings, state, context, backupPath);
        outputs['agent-restarted'] = restart.restarted;
        summary.push(['Restart of the agent', restart.restarted ? 'done, Running' : 'no']);
        if (restart.note)
            notes.push(restart.note);
        return { changed: true, outputs, summary, notes };
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

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

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
/******/ var __webpack_exports__ = __nccwpck_require__(346);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
