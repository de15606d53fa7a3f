// Compiles every .sol file under SRC_DIR with the pinned solc-js (standard JSON, optimizer on) and writes
// <Name>.abi / <Name>.bin for each contract with bytecode (the layout web3j codegen reads).
// Skips the compiler when sources, compiler version and settings match the last run (loading solc-js alone takes
// seconds); the stamp lives outside OUT_DIR so that it is not packaged.
// Usage: node compile.js OUT_DIR EVM_VERSION SRC_DIR [STAMP_FILE]
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const [outDir, evmVersion, srcDir, stampFile] = process.argv.slice(2);
if (!outDir || !evmVersion || !srcDir) {
  console.error('usage: node compile.js OUT_DIR EVM_VERSION SRC_DIR [STAMP_FILE]');
  process.exit(2);
}

function listSol(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listSol(p) : e.name.endsWith('.sol') ? [p] : [];
  });
}

const files = listSol(srcDir).sort();
if (files.length === 0) {
  console.error(`no .sol files under ${srcDir}`);
  process.exit(1);
}
const sources = {};
for (const f of files) {
  sources[path.relative(srcDir, f).split(path.sep).join('/')] = { content: fs.readFileSync(f, 'utf8') };
}
const solcVersion = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', 'solc', 'package.json'))).version;
// The lock file pins the imported libraries (@openzeppelin/contracts): another version must recompile too.
const lock = fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8');
const stamp = crypto.createHash('sha256')
  .update(JSON.stringify({ solcVersion, evmVersion, script: fs.readFileSync(__filename, 'utf8'), lock, sources }))
  .digest('hex');
if (stampFile && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === stamp
    && fs.existsSync(outDir)) {
  console.log(`solc ${solcVersion}: ${files.length} files unchanged since the last compile; ${outDir} is up to date`);
  process.exit(0);
}
const solc = require('solc');

const input = {
  language: 'Solidity',
  sources,
  settings: {
    // anvil runs with --hardfork cancun (linear block mining); solc 0.8.37 would default to osaka.
    evmVersion,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImport(p) {
  const candidates = [path.join(srcDir, p), path.join(__dirname, 'node_modules', p)];
  for (const c of candidates) {
    if (fs.existsSync(c)) return { contents: fs.readFileSync(c, 'utf8') };
  }
  return { error: `import not found: ${p}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
let failed = false;
for (const e of output.errors || []) {
  if (e.severity === 'error') failed = true;
  // Warnings inside the pinned npm libraries (@openzeppelin/...) are theirs to fix, not ours: only errors show.
  const file = e.sourceLocation && e.sourceLocation.file;
  if (e.severity !== 'error' && file && !sources[file]) continue;
  console.error(e.formattedMessage || e.message);
}
if (failed) process.exit(1);

// Start empty: a renamed or deleted contract must not leave its old ABI behind in the jar.
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [file, contracts] of Object.entries(output.contracts || {})) {
  if (!sources[file]) continue; // imported library code (@openzeppelin/...) is compiled into ours, never deployed alone
  for (const [name, c] of Object.entries(contracts)) {
    const bin = c.evm && c.evm.bytecode && c.evm.bytecode.object;
    if (!bin) continue; // interfaces, abstract contracts and libraries inlined into others
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), bin);
    written++;
  }
}
if (stampFile) {
  fs.writeFileSync(stampFile, stamp + '\n');
}
console.log(`solc ${solc.version()} (${evmVersion}): ${files.length} files, ${written} contracts -> ${outDir}`);
