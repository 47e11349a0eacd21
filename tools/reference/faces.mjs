// Generates the reference outputs that Tests/Faces compares the C# face networks against.
// Development-time tool, not run in CI. From the repository root, after scripts/setup, install the dev dependency
// (`npm ci` without --omit=dev brings @tensorflow/tfjs), then: node tools/reference/faces.mjs
// Writes Tests/Fixtures/Faces/reference.json (about a minute on 2 cores).
//
// It runs @vladmandic/face-api 1.7.15 on the pure-JS TF.js CPU backend. face-api's node build asks for
// @tensorflow/tfjs-node (native); we resolve that name to plain @tensorflow/tfjs instead, so no native code is needed.
// Images are decoded by spawning ffmpeg with the same arguments as Glance.Media.Images.FfmpegImageCodec, so both
// sides see identical pixels.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { decode, round } from './ppm.mjs';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  return originalResolve.call(this, request === '@tensorflow/tfjs-node' ? '@tensorflow/tfjs' : request, ...rest);
};
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node.js');

const root = process.cwd();
const modelDir = path.join(root, 'node_modules/@vladmandic/face-api/model');
const demoDir = path.join(root, 'node_modules/@vladmandic/face-api/demo');
const outFile = path.join(root, 'Tests/Fixtures/Faces/reference.json');
const maxLongSide = 640;
const inputSize = 416;
const scoreThreshold = 0.5;

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  await faceapi.tf.setBackend('cpu');
  await faceapi.tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  const ftf = faceapi.tf;

  const images = [];
  const chips = [];
  for (const name of ['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg']) {
    const { width, height, pixels } = decode(path.join(demoDir, name), { maxLongSide });
    const image = ftf.tensor3d(Int32Array.from(pixels), [height, width, 3], 'int32');
    const detections = await faceapi.nets.tinyFaceDetector.locateFaces(image, new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold }));
    const faces = [];
    for (const detection of detections) {
      const [crop] = await faceapi.extractFaceTensors(image, [detection]);
      const cropBox = detection.box.clipAtImageBorders(width, height);
      const landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(crop);
      faces.push({
        score: round(detection.score),
        box: [detection.box.x, detection.box.y, detection.box.width, detection.box.height].map((v) => round(v, 3)),
        crop: [cropBox.x, cropBox.y, cropBox.width, cropBox.height],
        landmarks: landmarks.positions.flatMap((p) => [round(p.x, 3), round(p.y, 3)]),
      });
      if (faces.length === 1 && ['sample1.jpg', 'sample3.jpg', 'sample6.jpg'].includes(name)) {
        // The recognition net's input, fixed as bytes so both implementations get the identical tensor.
        const chip = ftf.tidy(() => ftf.image.resizeBilinear(ftf.cast(crop, 'float32'), [150, 150]).round().clipByValue(0, 255).cast('int32'));
        const bytes = Uint8Array.from(chip.dataSync());
        const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chip);
        chips.push({ image: name, face: faces.length - 1, rgb150: Buffer.from(bytes).toString('base64'), descriptor: Array.from(descriptor).map((v) => round(v, 6)) });
        chip.dispose();
      }
      crop.dispose();
    }
    image.dispose();
    images.push({ image: name, width, height, faces });
    console.log(`${name}: ${width}x${height}, ${faces.length} faces`);
  }

  const reference = {
    generatedBy: `tools/reference/faces.mjs with @vladmandic/face-api ${faceapi.version}, @tensorflow/tfjs ${tf.version.tfjs} (${ftf.getBackend()} backend)`,
    decode: { maxLongSide },
    detector: { inputSize, scoreThreshold },
    images,
    descriptors: chips,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(reference, null, 1)}\n`);
  console.log(`wrote ${outFile}`);
}

main().catch((error) => { console.error(error); process.exit(1); });
