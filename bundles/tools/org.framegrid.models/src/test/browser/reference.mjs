// Reference outputs from the ORIGINAL runtimes, in headless Chromium (Debian's chromium), for the converted models'
// tests (src/test/java/.../ReferenceCheckTest.java, which runs this script) and the pose stage's:
//   pixels/NAME.rgba        every image decoded by Chromium (no colour conversion): uint32le width, height, RGBA bytes;
//                           the Java side reads these, so both sides start from the same pixels
//   raw/MODEL/NAME/OUT.f32  TFLite's own wasm runtime (@tensorflow/tfjs-tflite, XNNPACK) on MODEL with the input built
//                           from NAME as in models.tsv (nearest-neighbour resize, affine range); float32 little-endian
//   selfie/NAME.mask        @mediapipe/selfie_segmentation (general model): its segmentationMask drawn on a canvas of
//                           the image's size and read back (uint32le width, height, RGBA; the confidence is alpha)
//   selfie_landscape/...    the same with modelSelection 1 (the 256x144 landscape model)
//   selfie[_landscape]_prescaled/...  the same on the image resized (bilinear, rounded) to the model's input size
//   pose/NAME.json          @mediapipe/pose (modelComplexity 1 = pose_landmark_full, no smoothing, each image on its
//                           own): 33 landmarks [x, y normalised to the image, z, visibility], [] if none
// (@mediapipe/face_mesh cannot serve: its 0.4 build aborts in Chromium 156, RET_CHECK options_.has_num_classes().)
// Usage: [STEPS=raw,selfie,pose] [SELFIE_IMAGES=a.png,b.jpg] [POSE_IMAGES=...] node reference.mjs WORK_DIR RESULTS_DIR
//        (WORK_DIR holds models/*.tflite and images/*; ReferenceCheckTest fills it)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.resolve(process.argv[2] ?? path.join(here, '..', 'work'));
const results = path.resolve(process.argv[3] ?? path.join(here, 'results'));
const images = fs.readdirSync(path.join(work, 'images')).filter((f) => /\.(png|jpe?g)$/.test(f)).sort();
const models = fs.readFileSync(path.join(here, 'models.tsv'), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
    const [file, min, max, imageList] = l.split('\t');
    return { file, min: +min, max: +max, images: imageList.split(',') };
  });

// Static files from this folder (/b/...) and the work folder (/w/...), on 127.0.0.1 only.
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg' };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const root = url.startsWith('/w/') ? work : here;
  const file = path.join(root, url.slice(3));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const profile = fs.mkdtempSync('/tmp/tflite2onnx-chromium-');
// A fresh profile each run (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // MediaPipe's solutions draw through WebGL: software GL (SwiftShader) stands in for the disabled GPU.
    '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const write = (file, bytes) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
};
const fromBase64 = (s) => Buffer.from(s, 'base64');
// STEPS=raw,selfie,pose runs a part (default: all); the pixels are always decoded first.
const steps = (process.env.STEPS ?? 'raw,selfie,selfie_landscape,selfie_prescaled,selfie_landscape_prescaled,pose').split(',');
// Which images each solution runs on (software GL is slow: 5-15 s per image for selfie, 25-60 s for pose).
const solutionImages = (kind) => (kind.startsWith('selfie') ? process.env.SELFIE_IMAGES : process.env.POSE_IMAGES)
  ?.split(',') ?? images;
// One evaluation that hangs (a solution that never calls back) fails the run instead of blocking it.
const evaluate = (page, fn, arg) => Promise.race([page.evaluate(fn, arg),
  new Promise((_, reject) => setTimeout(() => reject(new Error(`page call timed out: ${JSON.stringify(arg).slice(0, 200)}`)), 300000))]);

try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('[page]', m.text(), m.location().url); });
  await page.goto(`${base}/b/page.html`);

  // 1. Pixels, decoded once by Chromium.
  const pixels = {};
  for (const image of images) {
    const { width, height, rgba } = await page.evaluate((url) => window.decode(url), `${base}/w/images/${image}`);
    const header = Buffer.alloc(8);
    header.writeUInt32LE(width, 0);
    header.writeUInt32LE(height, 4);
    pixels[image] = { width, height, rgba };
    write(path.join(results, 'pixels', image.replace(/\.\w+$/, '.rgba')), Buffer.concat([header, fromBase64(rgba)]));
  }
  console.log(`[reference] ${images.length} images decoded`);

  // 2. Raw outputs of TFLite's own runtime.
  if (steps.includes('raw')) await page.addScriptTag({ url: `${base}/b/node_modules/@tensorflow/tfjs-core/dist/tf-core.min.js` });
  if (steps.includes('raw')) await page.addScriptTag({ url: `${base}/b/node_modules/@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.min.js` });
  if (steps.includes('raw')) await page.addScriptTag({ url: `${base}/b/node_modules/@tensorflow/tfjs-tflite/dist/tf-tflite.min.js` });
  for (const model of steps.includes('raw') ? models : []) {
    for (const image of model.images) {
      const out = await evaluate(page, (args) => window.runTflite(args), {
        modelUrl: `${base}/w/models/${model.file}`, wasmPath: `${base}/b/node_modules/@tensorflow/tfjs-tflite/wasm/`,
        pixels: pixels[image], min: model.min, max: model.max,
      });
      for (const [name, data] of Object.entries(out.outputs)) {
        write(path.join(results, 'raw', model.file.replace('.tflite', ''), image.replace(/\.\w+$/, ''),
          `${name.replace(/[^\w.-]/g, '_')}.f32`), fromBase64(data));
      }
      console.log(`[reference] tflite ${model.file} on ${image}: ${Object.keys(out.outputs).join(', ')} (${out.ms} ms)`);
    }
  }

  // 3. The MediaPipe solutions themselves (fresh page each: one solution per page).
  const solutions = [
    ['selfie', 'selfie_segmentation', 'SelfieSegmentation'],
    ['selfie_landscape', 'selfie_segmentation', 'SelfieSegmentation'],
    // The same two models on images already resized (bilinear, as the Java side does) to the model's input size.
    ['selfie_prescaled', 'selfie_segmentation', 'SelfieSegmentation', [256, 256]],
    ['selfie_landscape_prescaled', 'selfie_segmentation', 'SelfieSegmentation', [256, 144]],
    ['pose', 'pose', 'Pose'],
  ];
  for (const [kind, pkg, cls, resizeTo] of solutions.filter(([kind]) => steps.includes(kind))) {
    const solutionPage = await browser.newPage();
    solutionPage.on('console', (m) => { if (process.env.VERBOSE || m.type() === 'error') console.log('[page]', m.type(), m.text()); });
    solutionPage.on('pageerror', (e) => console.log('[page] error', e.message));
    solutionPage.on('requestfinished', (r) => { if (process.env.VERBOSE) console.log('[page] fetched', r.url()); });
    await solutionPage.goto(`${base}/b/page.html`);
    await solutionPage.addScriptTag({ url: `${base}/b/node_modules/@mediapipe/${pkg}/${pkg}.js` });
    const wanted = solutionImages(kind);
    for (const image of images.filter((i) => wanted.includes(i))) {
      console.log(`[reference] ${kind} on ${image} ...`);
      const out = await evaluate(solutionPage, (args) => window.runSolution(args), {
        kind, cls, prefix: `${base}/b/node_modules/@mediapipe/${pkg}/`, pixels: pixels[image], resizeTo,
      });
      const name = image.replace(/\.\w+$/, '');
      if (kind.startsWith('selfie')) {
        const header = Buffer.alloc(8);
        header.writeUInt32LE(out.width, 0);
        header.writeUInt32LE(out.height, 4);
        write(path.join(results, kind, `${name}.mask`), Buffer.concat([header, fromBase64(out.mask)]));
        console.log(`[reference] ${kind} on ${image}: ${out.width}x${out.height} mask (${out.ms} ms)`);
      } else {
        write(path.join(results, 'pose', `${name}.json`), JSON.stringify(out.landmarks));
        console.log(`[reference] pose on ${image}: ${out.landmarks.length} landmarks (${out.ms} ms)`);
      }
    }
    await solutionPage.close();
  }
} finally {
  // Closing can hang on a software-GL browser: bounded here, and the Java side kills the whole process tree anyway.
  await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10000))]);
  server.closeAllConnections();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log('[reference] done');
}
process.exit(0);
