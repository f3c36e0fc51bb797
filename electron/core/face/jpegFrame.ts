/**
 * Camera frames reach main as JPEG bytes from the renderer (issue 9: size-capped, <= 640 px on the
 * long side, <= 200 KB). Everything is checked before the decoder sees it, so an oversized or
 * forged frame costs a header scan, not a decode, and gets its own error code.
 */
import jpeg from 'jpeg-js';

export const frameLimits = { maxBytes: 200 * 1024, maxSide: 640 } as const;

export const frameErrorCodes = ['FRAME_TOO_LARGE', 'FRAME_NOT_JPEG', 'FRAME_TRUNCATED', 'FRAME_DIMENSIONS', 'FRAME_UNDECODABLE'] as const;
export type FrameErrorCode = (typeof frameErrorCodes)[number];

export class FrameError extends Error {
  override name = 'FrameError';
  constructor(
    readonly code: FrameErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RgbImage {
  width: number;
  height: number;
  /** width * height * 3 bytes, row-major RGB. */
  data: Uint8Array;
}

/** Start-of-frame markers (ITU-T T.81 table B.1): C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Width and height from the first SOF segment, walking the marker segments (T.81 B.1.1). */
export function jpegDimensions(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) throw new FrameError('FRAME_NOT_JPEG', 'The frame is not a JPEG image (no SOI marker).');
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) throw new FrameError('FRAME_TRUNCATED', 'The JPEG frame is truncated (no EOI marker).');
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new FrameError('FRAME_UNDECODABLE', 'The JPEG frame has a corrupt marker segment.');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) break;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      return { width, height };
    }
    if (marker === 0xda || length < 2) break; // scan data before any SOF: not a frame we can read
    at += 2 + length;
  }
  throw new FrameError('FRAME_UNDECODABLE', 'The JPEG frame has no readable frame header.');
}

/** The size and header checks, without decoding: the core runs them before a frame reaches the face worker. */
export function checkFrame(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length > frameLimits.maxBytes)
    throw new FrameError('FRAME_TOO_LARGE', `The frame is ${bytes.length} bytes; at most ${frameLimits.maxBytes} are accepted.`);
  const { width, height } = jpegDimensions(bytes);
  if (width === 0 || height === 0 || Math.max(width, height) > frameLimits.maxSide)
    throw new FrameError('FRAME_DIMENSIONS', `The frame is ${width}x${height}; the long side must be 1-${frameLimits.maxSide} px.`);
  return { width, height };
}

export function decodeFrame(bytes: Uint8Array): RgbImage {
  const { width, height } = checkFrame(bytes);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    // The caps above bound the decoder's memory; these are its own belt and braces.
    decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 1, maxMemoryUsageInMB: 64 });
  } catch (error) {
    throw new FrameError('FRAME_UNDECODABLE', `The JPEG frame cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (decoded.width !== width || decoded.height !== height || decoded.data.length !== width * height * 3)
    throw new FrameError('FRAME_UNDECODABLE', 'The JPEG frame decoded to an unexpected size.');
  return decoded;
}
