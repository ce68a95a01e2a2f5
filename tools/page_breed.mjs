// The Breed mode in the real page (headless Chromium, CPU path): a seed, a parent, a mix and a
// gene, then a screenshot to look at (docs/breed.png by default). Needs `make dist` first.
//   node tools/page_breed.mjs [out.png]
import { serve, launch } from '../tests/e2e/harness.mjs';

const out = process.argv[2] || 'docs/breed.png';
const server = await serve();
const browser = await launch({ webgpu: false });
const page = await browser.newPage();
const settle = () => page.waitForFunction(() => document.body.dataset.status === 'done' && !window.atelier.engine.pending.size, null, { timeout: 120_000 });
await page.goto(`${server.url}/?backend=cpu&mode=breed`);
await page.waitForFunction(() => window.atelier.breed.children.length === 8, null, { timeout: 120_000 });
await settle();
await page.click('#add-parent');
await settle();
await page.fill('#seed', '11');
await page.click('#seed-go');
await settle();
await page.click('#children .child >> nth=5');
await settle();
await page.click('summary:has-text("Genes")');
await page.screenshot({ path: out, fullPage: true });
console.log(`${out}: lineage ${JSON.stringify(await page.evaluate(() => window.atelier.breed.lineage.map((e) => e.label)))}`);
await browser.close();
await server.close();
process.exit(0);
