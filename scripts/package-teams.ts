// `npm run package:teams`: writes the Teams app package (manifest + localisation + icons) to upload in Teams admin.
//   TEAMS_APP_ID=<bot app id> npm run package:teams [-- --domain bot.example.se] [--out dist/teams/iop-assistenten.zip]
//   npm run package:teams -- --icons      redraws manifests/teams/color.png and outline.png (committed)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { PNG } from 'pngjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST_DIR = join(ROOT, 'manifests/teams');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const ACCENT = [0x1f, 0x5f, 0x7a] as const;

type Rgb = readonly [number, number, number];

// ---- icons: a speech bubble with a check mark, drawn from distance functions with 4×4 supersampling ----

function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h);
}

function triangle(x: number, y: number, pts: Array<[number, number]>): number {
  // Negative inside: the largest signed distance to the three edges (clockwise points).
  let d = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const [ax, ay] = pts[i] as [number, number];
    const [bx, by] = pts[(i + 1) % 3] as [number, number];
    const nx = by - ay;
    const ny = ax - bx;
    const len = Math.hypot(nx, ny);
    d = Math.max(d, ((x - ax) * nx + (y - ay) * ny) / len);
  }
  return d;
}

/** The symbol in a unit square (0..1): distance to the bubble and to the check mark, in units of the square. */
function symbol(u: number, v: number): { bubble: number; check: number } {
  const box = roundedBox(u, v, 0.5, 0.44, 0.4, 0.3, 0.12);
  const tail = triangle(u, v, [
    [0.24, 0.66],
    [0.44, 0.66],
    [0.2, 0.9],
  ]);
  const bubble = Math.min(box, tail);
  const check = Math.min(segment(u, v, 0.32, 0.45, 0.45, 0.58), segment(u, v, 0.45, 0.58, 0.69, 0.32));
  return { bubble, check };
}

function draw(size: number, shade: (u: number, v: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (y * size + x) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return PNG.sync.write(png);
}

/** 192×192 colour icon: the white symbol, 96 px across, on the accent colour filling the square. */
export function colorIcon(accent: Rgb = ACCENT): Buffer {
  return draw(192, (x, y) => {
    const u = (x - 0.25) / 0.5;
    const v = (y - 0.25) / 0.5;
    const { bubble, check } = symbol(u, v);
    if (check < 0.055) return [...accent, 1];
    if (bubble < 0) return [255, 255, 255, 1];
    return [...accent, 1];
  });
}

/** 32×32 outline icon: white strokes on transparency, as Teams requires. */
export function outlineIcon(): Buffer {
  return draw(32, (x, y) => {
    const u = (x - 0.03) / 0.94;
    const v = (y - 0.03) / 0.94;
    const { bubble, check } = symbol(u, v);
    const stroke = Math.abs(bubble) < 0.035 || check < 0.045;
    return stroke ? [255, 255, 255, 1] : [255, 255, 255, 0];
  });
}

// ---- package ----

function packageApp(options: { appId: string; domain?: string; out: string }): string {
  const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as {
    version: string;
    id: string;
    bots: Array<{ botId: string }>;
    validDomains?: string[];
    localizationInfo?: { additionalLanguages?: Array<{ file: string }> };
  };
  // Teams only takes an updated package with a higher version: follow the project's version.
  manifest.version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  manifest.id = options.appId;
  for (const bot of manifest.bots) bot.botId = options.appId;
  if (options.domain) manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), options.domain])];
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`) };
  const extra = [
    'color.png',
    'outline.png',
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ];
  for (const file of extra) files[file] = readFileSync(join(MANIFEST_DIR, file));
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, zipSync(files, { level: 9 }));
  return options.out;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      icons: { type: 'boolean', default: false },
      domain: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'dist/teams/iop-assistenten.zip') },
    },
  });
  if (values.icons) {
    writeFileSync(join(MANIFEST_DIR, 'color.png'), colorIcon());
    writeFileSync(join(MANIFEST_DIR, 'outline.png'), outlineIcon());
    console.log('wrote manifests/teams/color.png (192×192) and outline.png (32×32)');
    return 0;
  }
  const appId = process.env.TEAMS_APP_ID?.trim();
  if (!appId || !GUID.test(appId)) {
    console.error(
      "TEAMS_APP_ID must be the bot's Microsoft App ID (a GUID), e.g. TEAMS_APP_ID=… npm run package:teams",
    );
    return 2;
  }
  const out = packageApp({ appId, domain: values.domain, out: values.out });
  console.log(`wrote ${relative(process.cwd(), out) || out} — upload it in Teams admin center (Manage apps → Upload)`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
