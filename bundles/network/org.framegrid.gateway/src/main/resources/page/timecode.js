// The time code the page draws into what it sends and reads back from what it plays: 24 cells of 24x24 px from
// (8,8) in a 640x480 frame, 16 bits of (wall-clock ms & 0xFFFF) then an 8-bit checksum, MSB first, white = 1.
export const CELL = 24, X0 = 8, Y0 = 8;

export function drawCode(ctx, value) {
  const check = ((value >> 8) + (value & 0xff) + 0x5a) & 0xff;
  const bits = (value << 8) | check;
  ctx.fillStyle = 'rgb(128,128,128)';
  ctx.fillRect(X0 - 4, Y0 - 4, 24 * CELL + 8, CELL + 8);
  for (let i = 0; i < 24; i++) {
    ctx.fillStyle = ((bits >> (23 - i)) & 1) ? '#fff' : '#000';
    ctx.fillRect(X0 + i * CELL, Y0, CELL, CELL);
  }
}

// Reads the code from a frame drawn at its own size into ctx; returns the 16-bit value or -1 if the checksum fails.
export function readCode(ctx, width, invert) {
  const s = width / 640;
  const img = ctx.getImageData(0, 0, Math.ceil((X0 + 24 * CELL) * s), Math.ceil((Y0 + CELL) * s));
  let bits = 0;
  for (let i = 0; i < 24; i++) {
    const cx = Math.round((X0 + i * CELL + CELL / 2) * s), cy = Math.round((Y0 + CELL / 2) * s);
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const o = ((cy + dy) * img.width + (cx + dx)) * 4;
      sum += img.data[o] + img.data[o + 1] + img.data[o + 2];
    }
    const one = (sum / 27 > 128) !== invert;
    bits = (bits << 1) | (one ? 1 : 0);
  }
  const value = bits >> 8, check = bits & 0xff;
  return (((value >> 8) + (value & 0xff) + 0x5a) & 0xff) === check ? value : -1;
}

export const wallMs = t => Math.round(performance.timeOrigin + t);
export const ageMs = (code, atMs) => ((atMs & 0xffff) - code + 0x10000) & 0xffff;
