// Colours chosen to read at a glance on a light floor: the robot blue, people skin-toned, anything
// in violation saturated red, the base policy's ghost grey-violet.
export const PALETTE = {
  background: 0xe9edf2,
  floor: 0xd5dbe3,
  grid: 0xb8c0cc,
  wall: 0x8a939e,
  glass: 0x9cc9ef,
  keepOut: 0xe0463c,
  sharedZone: 0xf0b429,
  drop: 0x1b1d22,
  edge: 0xffd400,
  goal: 0x2fb55d,
  robot: 0x2f6fe0,
  robotHeading: 0x0b2a66,
  human: 0xf0a860,
  violation: 0xff1a1a,
  scan: 0x19a974,
  bubble: 0x2f6fe0,
  force: 0xff1a1a,
  ghost: 0x8a63d2,
  trail: 0x2f6fe0,
} as const;
