import type { Rect } from '../../scenarios/index.js';

/**
 * Splits a floor rectangle into tiles that leave the given holes open, by cutting along
 * every hole edge and keeping the grid cells outside all holes.
 */
export function floorTiles(floor: Rect, holes: readonly Rect[]): Rect[] {
  const xs = uniqueSorted([floor.xMinM, floor.xMaxM, ...holes.flatMap((h) => [h.xMinM, h.xMaxM])]).filter((x) => x >= floor.xMinM && x <= floor.xMaxM);
  const ys = uniqueSorted([floor.yMinM, floor.yMaxM, ...holes.flatMap((h) => [h.yMinM, h.yMaxM])]).filter((y) => y >= floor.yMinM && y <= floor.yMaxM);
  const tiles: Rect[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let j = 0; j + 1 < ys.length; j++) {
      const cell = { xMinM: xs[i]!, xMaxM: xs[i + 1]!, yMinM: ys[j]!, yMaxM: ys[j + 1]! };
      const cx = (cell.xMinM + cell.xMaxM) / 2;
      const cy = (cell.yMinM + cell.yMaxM) / 2;
      const inHole = holes.some((h) => cx > h.xMinM && cx < h.xMaxM && cy > h.yMinM && cy < h.yMaxM);
      if (!inHole) tiles.push(cell);
    }
  }
  return tiles;
}

function uniqueSorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
