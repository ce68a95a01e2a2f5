// The page fits the screen: at 360 px (a phone) the mode tabs come first and nothing scrolls
// sideways; at 768, 1280 and 1920 px the tabs fit their column. In every mode, with a screenshot
// of each (tests/output/shots/WIDTH-MODE.png) to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serve, launch } from './harness.mjs';

let server, browser;

before(async () => {
  server = await serve();
  browser = await launch({ webgpu: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const SHOTS = join(ROOT, 'tests', 'output', 'shots');

for (const width of [360, 768, 1280, 1920]) {
  test(`at ${width} px every mode fits the width (no sideways scroll), the tabs inside it${width < 800 ? ' and first' : ''}`, async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${server.url}/?backend=cpu`);
    await page.waitForFunction(() => ['ready', 'done'].includes(document.body.dataset.status), null, { timeout: 120_000 });
    const modes = await page.$$eval('#modes [role=tab]:not([hidden])', (tabs) => tabs.map((t) => t.dataset.mode));
    assert.ok(modes.length >= 4, modes.join());
    await mkdir(SHOTS, { recursive: true });
    for (const mode of modes) {
      await page.click(`[data-mode=${mode}]`);
      // Settled: the mode's model loaded and its first picture made (what the screenshot shows).
      await page.waitForFunction((id) => {
        const { status } = document.body.dataset;
        if (status === 'error') return true;
        if (id === 'draw') return window.atelier.drawCount > 0 && status === 'done';
        if (id === 'breed') return Boolean(window.atelier.breed.current) && status === 'done';
        return status === 'ready' || status === 'done';
      }, mode, { timeout: 120_000 });
      // Breed is done only once its children are drawn (not with the current image alone).
      if (mode === 'breed') assert.ok(await page.$$eval('#children > *', (c) => c.length) > 0, 'Breed said done before its children');
      const m = await page.evaluate(() => {
        const box = (el) => el.getBoundingClientRect();
        const stage = document.querySelector('.stage');
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth,
          tabsRight: Math.max(...[...document.querySelectorAll('#modes [role=tab]:not([hidden])')].map((t) => box(t).right)),
          tabsBottom: box(document.getElementById('modes')).bottom,
          stageTop: box(stage).top,
        };
      });
      assert.ok(m.scrollWidth <= m.innerWidth, `${mode} at ${width} px: the page is ${m.scrollWidth} px wide`);
      assert.ok(m.tabsRight <= m.innerWidth, `${mode} at ${width} px: a tab ends at ${m.tabsRight} px`);
      if (width < 800) assert.ok(m.tabsBottom <= m.stageTop, `${mode} at ${width} px: the tabs come before the picture`);
      await page.screenshot({ path: join(SHOTS, `${width}-${mode}.png`), fullPage: true });
    }
    await page.close();
  });
}
