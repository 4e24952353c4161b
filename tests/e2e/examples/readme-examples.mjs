// Runs the README's examples for data scientists against a live server, as a reader would paste them.
// An example is a fenced block preceded by <!-- example: NAME -->; http://localhost:5000 in it is
// replaced by the server under test. Python examples need pandas and R ones Rscript: when a machine
// lacks them, the example is skipped with a message saying so (.ci/run installs both).
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.env.E2E_BASE ?? "http://127.0.0.1:5000";
const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const examples = [...readme.matchAll(/<!-- example: ([\w-]+) -->\s*```(\w+)\n([\s\S]*?)```/g)]
  .map(([, name, language, code]) => ({ name, language, code: code.replaceAll("http://localhost:5000", base) }));
const work = mkdtempSync(join(tmpdir(), "readme-examples-"));

function works(command, args) {
  return spawnSync(command, args, { encoding: "utf8" }).status === 0;
}

// The Python that has pandas: pyenv's may not, Debian's python3-pandas goes with /usr/bin/python3.
const python = ["python3", "/usr/bin/python3"].find((p) => works(p, ["-c", "import pandas"]));
const runners = {
  python: python ? { command: python, file: "example.py" } : { missing: "no Python with pandas (apt-get install python3-pandas)" },
  r: works("Rscript", ["--version"]) ? { command: "Rscript", file: "example.R" } : { missing: "no Rscript (apt-get install r-base-core)" },
  js: { command: process.execPath, file: "example.mjs" },
};

let passed = 0, failed = 0, skipped = 0;
if (examples.length === 0) { console.log("FAIL readme examples: none marked in README.md"); failed++; }
for (const example of examples) {
  const runner = runners[example.language];
  if (!runner) { console.log(`FAIL example ${example.name}: no runner for ${example.language}`); failed++; continue; }
  if (runner.missing) { console.log(`SKIP example ${example.name}: ${runner.missing}`); skipped++; continue; }
  const file = join(work, `${example.name}-${runner.file}`);
  writeFileSync(file, example.code);
  const run = spawnSync(runner.command, [file], { encoding: "utf8", timeout: 120_000 });
  // An example passes when it runs cleanly and prints something: each ends by showing its result.
  if (run.status === 0 && run.stdout.trim().length > 0) {
    console.log(`PASS example ${example.name} (${example.language}): ${run.stdout.trim().split("\n").length} lines of output`);
    passed++;
  } else {
    console.log(`FAIL example ${example.name} (${example.language}): exit ${run.status}\n${run.stdout}\n${run.stderr}`);
    failed++;
  }
}
console.log(`readme examples: ${passed} passed, ${failed} failed, ${skipped} skipped`);
writeFileSync(join(process.env.E2E_ARTIFACTS ?? work, "readme-examples.counts"), `${passed} ${failed} ${skipped}\n`);
process.exit(failed > 0 ? 1 : 0);
