// Atelier's service worker: the page keeps working offline after one visit (a classroom with
// poor or no network).
//
// Every file of the site is fetched network-first: when the network answers, its copy is used
// and saved, so a new deploy (or `trunk serve` while developing) is never hidden behind a stale
// copy; when it does not answer (offline, or nothing within a few seconds) the saved copy is
// used. The core files are saved when the worker installs, so the first visit already leaves
// a working copy; the WebGPU engine is saved when it is used. Model files (.bpk) are left to
// the engine's own cache, which checks every file against manifest.json's SHA-256.
// Works under any sub-path: every URL is relative to this file's scope.

const CACHE = 'atelier-site-v1';
const CORE = ['./', 'index.html', 'app.js', 'worker.js', 'png-text.js', 'sketchpad.js', 'realism.js', 'image-size.js', 'messages.js', 'engine.js', 'breed.js', 'bands.js', 'band-worker.js', 'style.css', 'favicon.svg',
  'modes/style.js', 'modes/draw.js', 'modes/colourise.js', 'modes/translate.js', 'modes/breed.js', 'modes/photo.js', 'modes/output.js',
  'atelier.js', 'atelier_bg.wasm', 'models/manifest.json'];
const TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page has just loaded these: take them from the HTTP cache where it has them.
    const fromHttpCache = (url) => new Request(url, { cache: 'force-cache' });
    await cache.addAll(CORE.map(fromHttpCache));
    // The gallery's thumbnails, so the page looks the same offline.
    try {
      const manifest = await (await cache.match('models/manifest.json')).json();
      await cache.addAll(manifest.models.map((m) => fromHttpCache(`models/${m.thumbnail}`)));
    } catch { /* the page still works without them */ }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('atelier-site-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)),
    ]);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const saved = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (saved) return saved;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.endsWith('.bpk')) return;
  event.respondWith(networkFirst(event.request));
});
