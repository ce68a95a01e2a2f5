// The built site is whole offline: the service worker saves every script the page and its
// engine load (a new page module that it does not list would be missing offline). It loads
// without a console error, under the strict Content-Security-Policy; `trunk serve` adds to that
// policy only the nonce of its live-reload script (tools/trunk_csp.py).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { DIST, ROOT, serve, launch } from './harness.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' blob: data:; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'";
let server, browser;

after(async () => {
  await browser?.close();
  await server?.close();
});

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

test('the built page ships the strict policy, with no nonce placeholder left', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  assert.equal(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1], POLICY);
  assert.equal(html.includes('nonce'), false);
});

test("trunk serve's page: the policy allows its live-reload script by nonce, and nothing else changes", () => {
  const hook = (html) => {
    const r = spawnSync('python3', [join(ROOT, 'tools', 'trunk_csp.py'), '-'], { input: html, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const meta = `<meta http-equiv="Content-Security-Policy"\n        content="${POLICY}">`;
  const served = `<head>${meta}<link rel="stylesheet" nonce="{{__TRUNK NONCE__}}" href="./style.css"/></head>`
    + '<body><script nonce="{{__TRUNK NONCE__}}">const url = "/.well-known/trunk/ws";</script></body>';
  assert.equal(hook(served), served.replace("script-src 'self'", "script-src 'nonce-{{__TRUNK NONCE__}}' 'self'"));
  const built = `<head>${meta}<link rel="stylesheet" nonce="{{__TRUNK NONCE__}}" href="./style.css"/></head><body></body>`;
  assert.equal(hook(built), `<head>${meta}<link rel="stylesheet" href="./style.css"/></head><body></body>`);
});

test('a normal load of the built site logs no console error, in any mode', async () => {
  server = await serve();
  browser = await launch({ webgpu: false });
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?backend=cpu`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  for (const mode of ['draw', 'colourise', 'translate', 'breed', 'style']) {
    await page.click(`[data-mode=${mode}]`);
    await page.waitForFunction(() => ['ready', 'done', 'error'].includes(document.body.dataset.status), null, { timeout: 120_000 });
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  assert.deepEqual(errors, []);
  const icon = server.log.find((e) => e.path === '/favicon.svg');
  assert.ok(icon, 'the favicon was served');
  await page.close();
});
