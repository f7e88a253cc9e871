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

/***/ 448:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  uB: () => (/* binding */ runStepAction)
});

// UNUSED EXPORTS: actionLog, assertPlatform, fail, failureLine, runSteps

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
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
    if (!(0,external_node_fs_namespaceObject.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,external_node_fs_namespaceObject.appendFileSync)(file, text, { encoding: 'utf8' });
}
/** An output of the step (heredoc form of the GITHUB_OUTPUT file, safe for any value). */
function setOutput(name, value) {
    if (!process.env.GITHUB_OUTPUT) {
        process.stdout.write(`${external_node_os_namespaceObject.EOL}::set-output name=${escapeData(name)}::${escapeData(value)}${external_node_os_namespaceObject.EOL}`);
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
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

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/powershell/scripts.ts



// Bundled, this code lives in dist/<entry>/index.js and the .ps1 files beside it in scripts/ (copied
// there by scripts/bundle.mjs, mirroring src/). Unbundled (unit tests), this file is src/powershell/.
const here = external_node_path_namespaceObject.dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
const root = (0,external_node_fs_namespaceObject.existsSync)(external_node_path_namespaceObject.join(here, 'scripts')) ? external_node_path_namespaceObject.join(here, 'scripts') : external_node_path_namespaceObject.resolve(here, '..');
/** Absolute path of a shipped script, given its path relative to src/ (e.g. 'agent/get-server-state.ps1'). */
function scriptPath(relative) {
    const full = external_node_path_namespaceObject.join(root, ...relative.split('/'));
    if (!(0,external_node_fs_namespaceObject.existsSync)(full))
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
        this.marker = `@@epa-${(0,external_node_crypto_namespaceObject.randomBytes)(12).toString('hex')}@@`;
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

/***/ 999:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(448);
/* harmony import */ var _step_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(547);


await (0,_shared_run_action_js__WEBPACK_IMPORTED_MODULE_0__/* .runStepAction */ .uB)(_step_js__WEBPACK_IMPORTED_MODULE_1__/* .enableWritebackStep */ .KC);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 547:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  KC: () => (/* binding */ enableWritebackStep)
});

// UNUSED EXPORTS: explainWritebackFailure, writebackBlocker

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
const facts_ENVIRONMENTS = ['AzureCloud', 'AzureUSGovernment'];
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
        throw new InputError('tenant-username', "must be a user principal name such as 'admin@contoso.onmicrosoft.com'.");
    }
    if (accessToken !== undefined) {
        if (credential)
            throw new InputError('access-token', "and 'tenant-username'/'tenant-password' are two ways to sign in: give one of them.");
        if (!tenantId)
            throw new InputError('tenant-id', "is required with 'access-token'.");
        const upn = inputs.text('user-principal-name', { pattern: UPN, describe: 'the signed-in user principal name' });
        if (!upn)
            throw new InputError('user-principal-name', "is required with 'access-token' (the user the token was issued to).");
        return { environment, installDir, tenantId, signIn: { route: 'token', accessToken: accessToken.trim(), tenantId, userPrincipalName: upn } };
    }
    if (credential)
        return { environment, installDir, tenantId, signIn: { route: 'credential', ...credential } };
    return { environment, installDir, tenantId };
}
function signInWho(signIn) {
    return signIn.route === 'credential' ? signIn.username : signIn.userPrincipalName;
}

;// CONCATENATED MODULE: ./src/steps/enable-writeback/settings.ts



const UPN_DESCRIBE = "a user principal name such as 'admin@contoso.onmicrosoft.com'";
function readEnableWritebackSettings(inputs) {
    const value = inputs.raw('password-writeback').toLowerCase();
    if (value !== 'true' && value !== 'false')
        throw new shared_errors/* InputError */.dz('password-writeback', `is required: 'true' to enable password writeback, 'false' to disable it.`);
    const environment = inputs.choice('environment', facts_ENVIRONMENTS, 'AzureCloud');
    const installDir = inputs.text('install-dir') || undefined;
    // The cmdlet takes a credential only (no token route is known), so MFA-enforced accounts cannot be used.
    const own = readCredentialPair(inputs, 'writeback-username', 'writeback-password', UPN_DESCRIBE);
    const fallback = readCredentialPair(inputs, 'tenant-username', 'tenant-password', UPN_DESCRIBE);
    const credential = own ?? fallback;
    if (!credential) {
        throw new shared_errors/* InputError */.dz('writeback-username', `and 'writeback-password' (a Global Administrator${value === 'false' ? ' or Hybrid Identity Administrator' : ''}) are required; 'tenant-username'/'tenant-password' are used when they are empty. An access token cannot be used: the writeback cmdlet takes only a credential.`);
    }
    return {
        enable: value === 'true',
        credential,
        credentialInputs: own ? "'writeback-username'/'writeback-password'" : "'tenant-username'/'tenant-password'",
        environment,
        installDir,
    };
}

;// CONCATENATED MODULE: ./src/steps/enable-writeback/step.ts






const CANNOT_READ_BACK = 'The writeback setting cannot be read back from the agent (no Get command is known), so it is applied on every run; re-applying is harmless.';
/** Checks that make a run pointless or harmful, before any sign-in. */
function writebackBlocker(version, installed, tenantId, enable) {
    if (!installed)
        return new shared_errors/* StepError */.zg("The provisioning agent is not installed: run install-agent first (or set 'install-dir').", 'AgentNotInstalled');
    if (enable && !atLeast(version, MIN_VERSION.writebackGenerallyAvailable)) {
        return new shared_errors/* StepError */.zg(`Password writeback needs agent ${MIN_VERSION.writebackGenerallyAvailable} or later and this server has ${version}: upgrade the agent (install-agent with a current installer) and re-run.`, 'AgentTooOld');
    }
    if (!enable && !atLeast(version, MIN_VERSION.writebackCmdlet)) {
        return new shared_errors/* StepError */.zg(`Agent ${version} has no password writeback command (added in ${MIN_VERSION.writebackCmdlet}), so writeback is not on through it; upgrade the agent to change the setting.`, 'AgentTooOld');
    }
    if (!tenantId)
        return new shared_errors/* StepError */.zg('The agent is not registered with a tenant: run configure-gmsa first.', 'NotRegistered');
    return null;
}
const enableWritebackStep = {
    name: 'enable-writeback',
    title: 'Password writeback',
    readSettings: (inputs) => readEnableWritebackSettings(inputs),
    isRequested: (inputs) => inputs.has('password-writeback'),
    async run(settings, ctx) {
        const server = await ctx.server.get(settings.installDir);
        const blocker = writebackBlocker(server.agent.version, server.agent.installed, server.tenantId, settings.enable);
        if (blocker)
            throw blocker;
        const wanted = settings.enable ? 'enabled' : 'disabled';
        const base = {
            outputs: { 'password-writeback': String(settings.enable), applied: !ctx.common.dryRun },
            summary: [
                ['Password writeback', ctx.common.dryRun ? `would be ${wanted}` : wanted],
                ['Tenant', server.tenantId ?? ''],
                ['Read back', 'not possible (no Get command known); applied on every run'],
            ],
            notes: [CANNOT_READ_BACK],
        };
        if (ctx.common.dryRun) {
            ctx.log.info(`Would set password writeback to ${wanted} as ${settings.credential.username}.`);
            return { changed: true, ...base };
        }
        try {
            await ctx.session.run('steps/enable-writeback/set-writeback.ps1', { InstallDir: server.installDir, Enable: settings.enable, UserName: settings.credential.username }, { secrets: { Password: settings.credential.password } });
        }
        catch (error) {
            if (error instanceof errors/* PowerShellScriptError */.Xm && error.code === 'WritebackFailed')
                throw explainWritebackFailure(settings, error.message);
            throw error;
        }
        ctx.log.info(`Password writeback ${wanted} (applied; ${CANNOT_READ_BACK.charAt(0).toLowerCase()}${CANNOT_READ_BACK.slice(1)})`);
        return { changed: true, ...base };
    },
};
function explainWritebackFailure(settings, message) {
    const detail = message.replace(/\s+/g, ' ').trim();
    const who = settings.credential.username;
    if (/insufficient privileges|forbidden|role required|not authori[sz]ed|global administrator/i.test(detail)) {
        const role = settings.enable ? 'Global Administrator' : 'Global Administrator or Hybrid Identity Administrator';
        return new shared_errors/* StepError */.zg(`Setting password writeback as '${who}' was refused: ${settings.enable ? 'enabling' : 'disabling'} needs the ${role} role (inputs ${settings.credentialInputs}). (${detail})`, 'MissingRole');
    }
    const signIn = explainSignInFailure({ route: 'credential', username: who, password: '' }, detail, settings.environment);
    if (signIn.code === 'MfaRequired') {
        return new shared_errors/* StepError */.zg(`Setting password writeback as '${who}' failed: the tenant requires MFA for this account, and the writeback command accepts only a user name and password (inputs ${settings.credentialInputs}); use an account that may sign in without MFA, or set it in the admin center (Protection > Password reset > On-premises integration). (${detail})`, 'MfaRequired');
    }
    if (signIn.code === 'BadCredentials')
        return new shared_errors/* StepError */.zg(`Setting password writeback failed: wrong user name or password (inputs ${settings.credentialInputs}). (${detail})`, 'BadCredentials');
    return new shared_errors/* StepError */.zg(`Setting password writeback as '${who}' failed: ${detail}`, 'WritebackFailed');
}


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
/******/ var __webpack_exports__ = __nccwpck_require__(999);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
