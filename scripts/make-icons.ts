/**
 * Renders the add-in's icons (assets/*.png) from the SVG marks below with headless Chromium.
 *
 * Usage: npx tsx scripts/make-icons.ts [outDir]   (outDir defaults to assets/)
 *
 * The marks are drawn on a 32-unit grid with even coordinates and even stroke widths, so that at
 * 16 px every edge lands on a whole pixel and the icons stay crisp at the smallest ribbon size.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BLUE = '#1b5e9e';
const DARK = '#323130';
const RED = '#c4314b';
const GRAY = '#605e5c';
const GREEN = '#107c10';

interface IconSpec {
  name: string;
  sizes: number[];
  /** Inner SVG markup on a 32x32 viewBox. */
  body: string;
}

/** Brand mark: a calm blue tile with rising bars and a check mark ("budget" + "koll"). */
const brand = `
  <rect x="0" y="0" width="32" height="32" rx="6" fill="${BLUE}"/>
  <rect x="6" y="16" width="4" height="10" fill="#ffffff"/>
  <rect x="12" y="10" width="4" height="16" fill="#ffffff"/>
  <path d="M18 19 L22 23 L28 9" fill="none" stroke="#ffffff" stroke-width="3.2"
        stroke-linecap="round" stroke-linejoin="round"/>`;

/** "Validera struktur": a table with a blue header row. */
const structure = `
  <rect x="3" y="5" width="26" height="20" fill="#ffffff" stroke="${DARK}" stroke-width="2"/>
  <rect x="4" y="6" width="24" height="6" fill="${BLUE}"/>
  <line x1="4" y1="13" x2="28" y2="13" stroke="${DARK}" stroke-width="2"/>
  <line x1="4" y1="19" x2="28" y2="19" stroke="${DARK}" stroke-width="2"/>
  <line x1="13" y1="14" x2="13" y2="24" stroke="${DARK}" stroke-width="2"/>`;

/** "Beräkna avvikelser": bars above and below a budget baseline. */
const deviations = `
  <rect x="2" y="4" width="6" height="10" fill="${BLUE}"/>
  <rect x="12" y="16" width="6" height="10" fill="${RED}"/>
  <rect x="22" y="8" width="6" height="6" fill="${BLUE}"/>
  <line x1="0" y1="15" x2="30" y2="15" stroke="${GRAY}" stroke-width="2"/>`;

/** "Validera summor": a sum sign with a check mark. */
const sums = `
  <path d="M22 6 H6 L15 16 L6 26 H22" fill="none" stroke="${BLUE}" stroke-width="4"
        stroke-linejoin="miter" stroke-linecap="butt"/>
  <path d="M17 22 L21 26 L29 14" fill="none" stroke="${GREEN}" stroke-width="3.5"
        stroke-linecap="round" stroke-linejoin="round"/>`;

/** "Skapa verksamhetsrapport": a report page with horizontal bars, one of them negative. */
const report = `
  <rect x="4" y="2" width="24" height="28" fill="#ffffff" stroke="${DARK}" stroke-width="2"/>
  <rect x="8" y="6" width="16" height="4" fill="${BLUE}"/>
  <line x1="14" y1="12" x2="14" y2="28" stroke="${GRAY}" stroke-width="2"/>
  <rect x="14" y="14" width="10" height="4" fill="${BLUE}"/>
  <rect x="8" y="20" width="6" height="4" fill="${RED}"/>
  <rect x="14" y="24" width="6" height="2" fill="${BLUE}"/>`;

/** "Skapa följetal": a table of volumes with a tally mark. */
const foljetal = `
  <rect x="3" y="5" width="26" height="22" fill="#ffffff" stroke="${DARK}" stroke-width="2"/>
  <line x1="4" y1="12" x2="28" y2="12" stroke="${DARK}" stroke-width="2"/>
  <line x1="12" y1="6" x2="12" y2="26" stroke="${DARK}" stroke-width="2"/>
  <line x1="16" y1="15" x2="16" y2="24" stroke="${BLUE}" stroke-width="2"/>
  <line x1="20" y1="15" x2="20" y2="24" stroke="${BLUE}" stroke-width="2"/>
  <line x1="24" y1="15" x2="24" y2="24" stroke="${BLUE}" stroke-width="2"/>
  <line x1="14" y1="24" x2="26" y2="15" stroke="${GREEN}" stroke-width="2"/>`;

export const ICONS: readonly IconSpec[] = [
  // 32 and 64 are the add-in's IconUrl and HighResolutionIconUrl; 16, 32 and 80 are ribbon sizes.
  { name: 'icon', sizes: [16, 32, 64, 80], body: brand },
  { name: 'structure', sizes: [16, 32, 80], body: structure },
  { name: 'deviations', sizes: [16, 32, 80], body: deviations },
  { name: 'sums', sizes: [16, 32, 80], body: sums },
  { name: 'report', sizes: [16, 32, 80], body: report },
  { name: 'foljetal', sizes: [16, 32, 80], body: foljetal },
];

export function svgFor(spec: IconSpec, size: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">${spec.body}</svg>`;
}

async function main(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const spec of ICONS) {
      for (const size of spec.sizes) {
        await page.setViewportSize({ width: size, height: size });
        await page.setContent(
          `<!doctype html><html><body style="margin:0;background:transparent">${svgFor(spec, size)}</body></html>`,
        );
        const file = path.join(outDir, `${spec.name}-${size}.png`);
        await page.screenshot({
          path: file,
          omitBackground: true,
          clip: { x: 0, y: 0, width: size, height: size },
        });
        console.log(`wrote ${file}`);
      }
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main(process.argv[2] ?? path.join(__dirname, '..', 'assets')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
