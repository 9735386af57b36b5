import { describe, expect, it } from 'vitest';
import { parseAreaArguments } from '../bot/features/scrape.js';
import {
  areaRequestProblem,
  boxOfCamera,
  boxSizeKm,
  cameraFor,
  cameraFromUrl,
  cameraPath,
  estimateTotal,
  gridCells,
  splitCell,
  type Box,
} from '../src/services/scraper/areaGrid.js';

const limits = { maxCells: 256, maxSideKm: 100, maxDepth: 4 };
const kazan: Box = { south: 55.7, west: 49.0, north: 55.79, east: 49.16 };

const inside = (inner: Box, outer: Box) => inner.south >= outer.south && inner.north <= outer.north && inner.west >= outer.west && inner.east <= outer.east;

describe('area grid', () => {
  it('cuts a 10 km box into 3 × 3 cells of 3.5 km that tile it exactly', () => {
    const { heightKm, widthKm } = boxSizeKm(kazan);
    expect(heightKm).toBeCloseTo(10.02, 1);
    expect(widthKm).toBeCloseTo(10.03, 1);
    const cells = gridCells(kazan, 3.5);
    expect(cells).toHaveLength(9);
    expect(cells[0]).toMatchObject({ south: 55.7, west: 49.0 });
    expect(cells[8]).toMatchObject({ north: 55.79, east: 49.16 });
    // Neighbours share their edge: no gap, no overlap.
    expect(cells[0]!.east).toBe(cells[1]!.west);
    expect(cells[0]!.north).toBe(cells[3]!.south);
    expect(gridCells(kazan, undefined)).toEqual([kazan]);
  });

  it('splits a cell into four quarters', () => {
    const quarters = splitCell(kazan);
    expect(quarters).toHaveLength(4);
    for (const quarter of quarters) expect(inside(quarter, kazan)).toBe(true);
    expect(quarters[0]).toEqual({ south: 55.7, west: 49.0, north: 55.745, east: 49.08 });
    expect(quarters[3]).toEqual({ south: 55.745, west: 49.08, north: 55.79, east: 49.16 });
  });

  it('picks the camera that shows the whole cell, and reads a camera back from a URL', () => {
    for (const cell of gridCells(kazan, 3.5)) {
      const camera = cameraFor(cell);
      const shown = boxOfCamera(camera);
      expect(inside(cell, shown), JSON.stringify({ cell, shown })).toBe(true);
      // Not much more than the cell: its height fills the 900-pixel window.
      expect((shown.north - shown.south) / (cell.north - cell.south)).toBeLessThan(1.05);
      expect(cameraFromUrl(`https://www.google.com/maps/search/cafes/${cameraPath(camera)}?hl=en`)).toEqual(camera);
    }
    expect(cameraFromUrl('https://www.google.com/maps/place/Kazan/@55.7955011,49.0684107,11z/data=!3m1!4b1')).toEqual({ lat: 55.7955011, lng: 49.0684107, zoom: 11 });
    expect(cameraFromUrl('https://www.google.com/maps/search/cafes?hl=en')).toBeUndefined();
  });

  it('explains what is wrong with a bad area', () => {
    const problem = (area: Parameters<typeof areaRequestProblem>[0]) => areaRequestProblem(area, limits);
    expect(problem({ bbox: [55.7, 49.0, 55.79, 49.16], cell_km: 3.5 })).toBeUndefined();
    expect(problem({ place: 'Kazan' })).toBeUndefined();
    expect(problem({ bbox: [55.79, 49.0, 55.7, 49.16] })).toMatch(/south \(55\.79\) must be less than north \(55\.7\)/);
    expect(problem({ bbox: [55.7, 49.16, 55.79, 49.0] })).toMatch(/west \(49\.16\) must be less than east \(49\)/);
    expect(problem({ bbox: [-90, 49.0, 55.79, 49.16] })).toMatch(/latitudes must be between -85 and 85/);
    expect(problem({ bbox: [55.7, -181, 55.79, 49.16] })).toMatch(/longitudes must be between -180 and 180/);
    expect(problem({ bbox: [50, 40, 56, 50] })).toMatch(/too large: 668 km × 670 km; a side may be at most 100 km/);
    expect(problem({ bbox: [55.7, 49.0, 55.79, 49.16], cell_km: 0.5 })).toMatch(/cut this area into 441 cells \(21 × 21\); at most 256/);
    expect(problem({ bbox: [55.7, 49.0, 55.79, 49.16], cell_km: 0 })).toMatch(/cell_km must be more than 0/);
    expect(problem({ place: ' ' })).toMatch(/needs a bbox/);
  });

  it('estimates the total from the cells done, between what was delivered and the limit', () => {
    // Before any cell ends, the first cell's feed stands in for every cell.
    expect(estimateTotal({ delivered: 5, deliveredWhenCellsEnded: 0, cellsDone: 0, cellsTotal: 9, currentFeed: 40, limit: 2000 })).toBe(360);
    expect(estimateTotal({ delivered: 120, deliveredWhenCellsEnded: 100, cellsDone: 3, cellsTotal: 9, currentFeed: 40, limit: 2000 })).toBe(300);
    expect(estimateTotal({ delivered: 320, deliveredWhenCellsEnded: 100, cellsDone: 3, cellsTotal: 9, currentFeed: 40, limit: 2000 })).toBe(320);
    expect(estimateTotal({ delivered: 100, deliveredWhenCellsEnded: 100, cellsDone: 3, cellsTotal: 9, currentFeed: 40, limit: 200 })).toBe(200);
  });
});

describe('the bot\'s area arguments', () => {
  it('reads what | where | cell km', () => {
    expect(parseAreaArguments('restaurants in Cairo 20')).toBeUndefined();
    expect(parseAreaArguments('cafes | Kazan')).toEqual({ query: 'cafes', area: { place: 'Kazan', split: 'auto' } });
    expect(parseAreaArguments('кафе | Казань | 2,5')).toEqual({ query: 'кафе', area: { place: 'Казань', cell_km: 2.5 } });
    expect(parseAreaArguments('cafes | 55.70,49.00,55.85,49.27 | 2')).toEqual({ query: 'cafes', area: { bbox: [55.7, 49.0, 55.85, 49.27], cell_km: 2 } });
    expect(parseAreaArguments('cafes | 55.70, 49.00, 55.85, 49.27')).toEqual({ query: 'cafes', area: { bbox: [55.7, 49.0, 55.85, 49.27], split: 'auto' } });
    expect(parseAreaArguments('cafes | -33.9 18.4 -33.8 18.5')).toEqual({ query: 'cafes', area: { bbox: [-33.9, 18.4, -33.8, 18.5], split: 'auto' } });
    for (const bad of ['| Kazan', 'cafes |', 'cafes | Kazan | big', 'cafes | Kazan | 2 | 3']) expect(parseAreaArguments(bad), bad).toEqual({ error: 'usage' });
  });
});
