/** Frames are checked before decoding: each bad frame gets its own code, a good one decodes. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import { decodeFrame, FrameError, jpegDimensions, type FrameErrorCode } from './jpegFrame';

function jpegOf(width: number, height: number, quality = 90): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251; // noise: compresses badly, on purpose
  return jpeg.encode({ width, height, data }, quality).data;
}

function codeOf(bytes: Uint8Array): FrameErrorCode | 'decoded' {
  try {
    decodeFrame(bytes);
    return 'decoded';
  } catch (error) {
    if (error instanceof FrameError) return error.code;
    throw error;
  }
}

describe('camera frames', () => {
  test('a 640x480 JPEG decodes to RGB of its size', () => {
    const image = decodeFrame(jpegOf(640, 480, 40));
    assert.deepEqual([image.width, image.height, image.data.length], [640, 480, 640 * 480 * 3]);
  });
  test('the dimensions come from the frame header, without decoding', () => {
    assert.deepEqual(jpegDimensions(jpegOf(320, 200)), { width: 320, height: 200 });
  });
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const good = jpegOf(64, 48);
  const cases: [string, Uint8Array, FrameErrorCode][] = [
    ['a PNG', png, 'FRAME_NOT_JPEG'],
    ['an empty frame', new Uint8Array(0), 'FRAME_NOT_JPEG'],
    ['a JPEG cut short', good.subarray(0, good.length - 40), 'FRAME_TRUNCATED'],
    ['a JPEG over 640 px on the long side', jpegOf(700, 100, 20), 'FRAME_DIMENSIONS'],
    ['a JPEG over 200 KB', jpegOf(640, 640, 100), 'FRAME_TOO_LARGE'],
    ['markers without a frame header', Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]), 'FRAME_UNDECODABLE'],
  ];
  for (const [name, bytes, code] of cases) test(`${name}: ${code}`, () => assert.equal(codeOf(bytes), code));

});
