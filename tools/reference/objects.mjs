// Generates the reference outputs that Tests/Objects compares the C# graph executor and CenterNet decoder against.
// Development-time tool, not run in CI:  node tools/reference/objects.mjs  (from the repository root, with
// node_modules holding @vladmandic/human 3.3.6 and @tensorflow/tfjs 4.22). Writes Tests/Fixtures/Objects/reference.json.
//
// It loads @vladmandic/human's CenterNet graph model (models/centernet.json + .bin) into plain TF.js on the pure-JS CPU
// backend and runs it the way human's src/object/centernet.ts does: the RGB frame as float 0..255, resized bilinearly
// (no corner alignment, no half-pixel centres) to 512x512, executed for 'tower_0/detections', then class-agnostic
// non-maximum suppression (IoU 0.4, at most 10 objects, scores above 0.2). Images are decoded by spawning ffmpeg with
// the arguments Glance.Media.Images.FfmpegImageCodec uses, so both sides see identical pixels.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { decode, round } from './ppm.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');

const root = process.cwd();
const modelDir = path.join(root, 'node_modules/@vladmandic/human/models');
const outFile = path.join(root, 'Tests/Fixtures/Objects/reference.json');
const opencv = '/usr/share/doc/opencv-doc/examples/data';
const faceApiDemo = path.join(root, 'node_modules/@vladmandic/face-api/demo');
const images = [
  { source: 'opencv', name: 'messi5.jpg' },
  { source: 'opencv', name: 'fruits.jpg' },
  { source: 'opencv', name: 'basketball1.png' },
  { source: 'opencv', name: 'licenseplate_motion.jpg' },
  { source: 'face-api', name: 'sample1.jpg' },
];
const featureNode = 'tower_0/extern1/hard_swish/mul_1';
const headNode = 'tower_0/CenternetHead/Mean';
const inputSize = 512;
const maxDetected = 10;
const iouThreshold = 0.4;
const minConfidence = 0.2;
const sampleCount = 64;

// Evenly spaced flat indices, so the samples cover the whole tensor deterministically.
const sampleIndices = (length) => Array.from({ length: sampleCount }, (_, i) => Math.floor((i * (length - 1)) / (sampleCount - 1)));

async function loadModel() {
  const json = JSON.parse(fs.readFileSync(path.join(modelDir, 'centernet.json'), 'utf8'));
  const bin = fs.readFileSync(path.join(modelDir, 'centernet.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData, signature: json.signature,
  }));
}

// As human's centernet.ts process(): tf.image.nonMaxSuppressionAsync on [y1, x1, y2, x2] boxes, then labels by class.
async function humanObjects(detections) {
  const rows = detections[0];
  const boxes = tf.tensor2d(rows.map((r) => [r[1], r[0], r[3], r[2]]));
  const scores = tf.tensor1d(rows.map((r) => r[4]));
  const nms = await tf.image.nonMaxSuppressionAsync(boxes, scores, maxDetected, iouThreshold, minConfidence);
  const kept = Array.from(await nms.data());
  tf.dispose([boxes, scores, nms]);
  return kept.map((id) => {
    const r = rows[id];
    const [x, y] = [r[0] / inputSize, r[1] / inputSize];
    return {
      index: id,
      classId: r[5],
      score: Math.trunc(100 * r[4]) / 100,
      boxRaw: [x, y, r[2] / inputSize - x, r[3] / inputSize - y].map((v) => round(v, 5)),
    };
  });
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await loadModel();
  const results = [];
  for (const image of images) {
    const file = path.join(image.source === 'opencv' ? opencv : faceApiDemo, image.name);
    const { width, height, pixels } = decode(file, { maxBuffer: 256 * 1024 * 1024 });
    const input = tf.tensor4d(Float32Array.from(pixels), [1, height, width, 3]);
    const resized = tf.image.resizeBilinear(input, [inputSize, inputSize]);
    const [detections, keypoints, wh, feature, head] = model.execute(resized,
      ['tower_0/detections', 'tower_0/keypoints', 'tower_0/wh', featureNode, headNode]);
    const pooled = tf.mean(feature, [1, 2]);
    const detectionRows = await detections.array();
    const keypointValues = await keypoints.data();
    const whValues = await wh.data();
    const resizedValues = await resized.data();
    results.push({
      source: image.source,
      name: image.name,
      width,
      height,
      resizedSamples: sampleIndices(resizedValues.length).map((i) => [i, round(resizedValues[i], 4)]),
      detections: detectionRows[0].map((r) => r.map((v) => round(v, 4))),
      keypointSamples: sampleIndices(keypointValues.length).map((i) => [i, round(keypointValues[i], 6)]),
      keypointSum: round(keypointValues.reduce((a, b) => a + b, 0), 2),
      whSamples: sampleIndices(whValues.length).map((i) => [i, round(whValues[i], 4)]),
      features: Array.from(await pooled.data()).map((v) => round(v, 5)),
      headMean: Array.from(await head.data()).map((v) => round(v, 5)),
      objects: await humanObjects(detectionRows),
    });
    tf.dispose([input, resized, detections, keypoints, wh, feature, head, pooled]);
    console.log(`${image.name}: ${results.at(-1).objects.map((o) => `${o.classId}:${o.score}`).join(' ')}`);
  }

  const document = {
    generator: 'tools/reference/objects.mjs',
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    model: '@vladmandic/human 3.3.6 models/centernet.json',
    inputSize,
    featureNode,
    headNode,
    postProcessing: { maxDetected, iouThreshold, minConfidence },
    images: results,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(document)}\n`);
  console.log(`wrote ${outFile}`);
}

main().catch((error) => { console.error(error); process.exit(1); });
