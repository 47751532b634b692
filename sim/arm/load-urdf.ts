import { readFileSync } from 'node:fs';
import type { ArmModel } from './arm-model.js';
import { parseUrdf, UrdfError } from './parse-urdf.js';

/** I/O half of the URDF loader; the parse itself is pure (parseUrdf). */
export function loadUrdfFile(path: string, tip: string): ArmModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UrdfError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  return parseUrdf(text, path, tip);
}
