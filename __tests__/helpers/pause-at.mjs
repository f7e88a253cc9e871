// Loaded into a bundled entry with NODE_OPTIONS=--import: stops the action at a named point of its
// config write, with no timing involved. EPA_TEST_PAUSE_AT names the point ('before-rename': the temp
// file is written and the "changed since read" check passed; 'after-rename': the new config is in
// place, the agent not yet restarted). At the point the process prints "paused:<point>" and waits
// until the file EPA_TEST_RELEASE exists (then goes on) or for ever when none is named (to be killed).
// The default export of node:fs is the module object the bundles require(), so patching it reaches them.
import fs from 'node:fs';

const point = process.env.EPA_TEST_PAUSE_AT;
const release = process.env.EPA_TEST_RELEASE;
const cell = new Int32Array(new SharedArrayBuffer(4));
let paused = false;

function pause(name) {
  if (name !== point || paused) return;
  paused = true;
  fs.writeSync(1, `pid:${process.pid}\npaused:${name}\n`);
  if (!release) Atomics.wait(cell, 0, 0);
  while (!fs.existsSync(release)) Atomics.wait(cell, 0, 0, 20);
}

if (point) {
  const renameSync = fs.renameSync;
  fs.renameSync = (from, ...rest) => {
    // Only the atomic replace of a config (its temp file), not the lab's or anything else's renames.
    if (!/\.config\.[0-9a-f]{12}\.tmp$/.test(String(from))) return renameSync.call(fs, from, ...rest);
    pause('before-rename');
    const out = renameSync.call(fs, from, ...rest);
    pause('after-rename');
    return out;
  };
}
