// Checks the formatting of every C++ file under native/ with clang-format (config: .clang-format at
// the repository root). `--fix` rewrites the files instead. Used by `npm run lint` / `npm run format`.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SKIP = new Set(['build', 'node_modules']);
const EXTENSIONS = /\.(cc|cpp|h|hpp)$/;

function collect(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && !entry.name.startsWith('build-')) files.push(...collect(join(dir, entry.name)));
    } else if (EXTENSIONS.test(entry.name)) {
      files.push(join(dir, entry.name));
    }
  }
  return files;
}

const fix = process.argv.includes('--fix');
const files = collect(join(ROOT, 'native'));
if (files.length === 0) {
  console.log('clang-format: no C++ files under native/');
  process.exit(0);
}
try {
  execFileSync('clang-format', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('clang-format is not installed (Debian: apt-get install -y clang-format)');
  process.exit(1);
}
const args = fix ? ['-i', ...files] : ['--dry-run', '--Werror', ...files];
try {
  execFileSync('clang-format', args, { cwd: ROOT, stdio: 'inherit' });
  console.log(`clang-format: ${files.length} files ${fix ? 'formatted' : 'clean'}`);
} catch {
  console.error(
    `clang-format: formatting differs in ${files.map((f) => relative(ROOT, f)).length} checked files; run npm run format`,
  );
  process.exit(1);
}
