// The built site is whole offline: the service worker saves every script the page and its
// engine load (a new page module that it does not list would be missing offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DIST } from './harness.mjs';

async function scripts(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    // gpu/: the WebGPU engine, saved when it is used; models/: the engine's own cache.
    if (e.isDirectory() && !['gpu', 'models'].includes(e.name)) out.push(...(await scripts(path)));
    else if (e.isFile() && e.name.endsWith('.js') && e.name !== 'sw.js') out.push(relative(DIST, path));
  }
  return out;
}

test('the service worker saves every script of the built site', async () => {
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const core = new Set([...(/const CORE = \[([^\]]*)\]/.exec(sw)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]));
  const all = await scripts(DIST);
  assert.ok(all.includes('modes/style.js'), all.join());
  assert.deepEqual(all.filter((f) => !core.has(f)).sort(), []);
});
