// What both reference tools share: decoding an image the way Glance.Media.Images.FfmpegImageCodec does (ffmpeg to
// RGB24 PPM), so the C# side and TF.js see identical pixels, and rounding numbers for the reference JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

// maxLongSide: scale down (never up) so the longer side is at most this, as the codec's bounded decode does; omit for
// the image's own size. maxBuffer: the largest decoded picture expected, in bytes.
export function decode(file, { maxLongSide, maxBuffer = 64 * 1024 * 1024 } = {}) {
  const scale = maxLongSide === undefined ? [] : ['-vf', `scale=w='if(gte(iw,ih),min(${maxLongSide},iw),-2)':h='if(gte(iw,ih),-2,min(${maxLongSide},ih))'`];
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-max_pixels', '40000000', '-i', 'pipe:0', '-frames:v', '1',
    ...scale, '-pix_fmt', 'rgb24', '-f', 'image2pipe', '-c:v', 'ppm', 'pipe:1'];
  const result = spawnSync('ffmpeg', args, { input: fs.readFileSync(file), maxBuffer, timeout: 30000 });
  if (result.status !== 0) throw new Error(`ffmpeg failed on ${file}: ${result.stderr}`);
  const data = result.stdout;
  // PPM: "P6\n<w> <h>\n255\n" then RGB bytes.
  let offset = 0;
  const fields = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]))) offset += 1;
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[offset]))) { token += String.fromCharCode(data[offset]); offset += 1; }
    fields.push(token);
  }
  offset += 1;
  const [, width, height] = fields.map(Number);
  return { width, height, pixels: new Uint8Array(data.buffer, data.byteOffset + offset, width * height * 3) };
}

export const round = (v, digits = 5) => Number(v.toFixed(digits));
