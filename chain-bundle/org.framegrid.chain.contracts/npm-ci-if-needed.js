// Runs `npm ci --ignore-scripts` only when node_modules does not match package-lock.json, so that rebuilds work
// offline. The stamp is the lock file's SHA-256, written after a successful install.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const here = __dirname;
const lock = path.join(here, 'package-lock.json');
const stamp = path.join(here, 'node_modules', '.framegrid-lock.sha256');
// Files the build and the tests actually use: a stamp alone cannot tell that someone deleted one of them.
const needed = [
  'node_modules/solc/soljson.js',
  'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil',
  'node_modules/@openzeppelin/contracts/package.json',
];

const lockHash = crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
if (current === lockHash && needed.every((f) => fs.existsSync(path.join(here, f)))) {
  console.log('node_modules matches package-lock.json; npm ci skipped');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// --ignore-scripts: no package needs an install script, and none may download anything.
const r = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`npm ci failed in ${here} (exit ${r.status}); check network access to the npm registry or the npm cache`);
  process.exit(r.status || 1);
}
for (const f of needed) {
  if (!fs.existsSync(path.join(here, f))) {
    console.error(`npm ci finished but ${f} is missing in ${here}`);
    process.exit(1);
  }
}
fs.writeFileSync(stamp, lockHash + '\n');
