/**
 * The geometry of area searches, pure: boxes, the grid of cells, a cell's split into four, and
 * the Maps camera (centre and zoom) that shows a cell.
 *
 * Maps shows what its camera sees: a centre and a zoom, over the browser window. At zoom z a
 * pixel covers 156543.03392 * cos(latitude) / 2^z metres (Web Mercator), so a cell is searched
 * with the largest zoom at which the whole cell fits the window, and a camera read from a URL
 * gives back the box the window shows. The window is the scraper's own (MAPS_VIEWPORT).
 */

export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface Camera {
  lat: number;
  lng: number;
  zoom: number;
}

/** The browser window of every scrape page: what a camera shows depends on it. */
export const MAPS_VIEWPORT = { width: 1280, height: 900 } as const;

const METRES_PER_PIXEL_AT_ZOOM_0 = 156_543.033_92;
const KM_PER_DEGREE = 111.32;
/** Web Mercator's edge: Maps shows nothing nearer the poles. */
const MAX_LATITUDE = 85;

export interface AreaLimits {
  /** Cells one area may have, the splits included. */
  maxCells: number;
  /** Longest side of a box, km. */
  maxSideKm: number;
  /** Splits of a capped cell, at most (auto split). */
  maxDepth: number;
}

/** How an area is cut: a grid of cells of this size, and/or capped cells split again. */
export interface AreaPlan {
  cellKm: number | undefined;
  autoSplit: boolean;
}

const toRad = (degrees: number) => (degrees * Math.PI) / 180;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function boxFromArray([south, west, north, east]: readonly [number, number, number, number]): Box {
  return { south, west, north, east };
}

export function boxToArray(box: Box): [number, number, number, number] {
  return [box.south, box.west, box.north, box.east];
}

/** Height and width of a box, km (the width at its middle latitude). */
export function boxSizeKm(box: Box): { heightKm: number; widthKm: number } {
  const middle = (box.south + box.north) / 2;
  return {
    heightKm: (box.north - box.south) * KM_PER_DEGREE,
    widthKm: (box.east - box.west) * KM_PER_DEGREE * Math.cos(toRad(middle)),
  };
}

/** What is wrong with a box, in words a user can act on, or undefined when it is good. */
export function boxProblem(box: Box, limits: Pick<AreaLimits, 'maxSideKm'>): string | undefined {
  const { south, west, north, east } = box;
  if (![south, west, north, east].every(Number.isFinite)) return 'bbox must be four numbers: [south, west, north, east]';
  if (south < -MAX_LATITUDE || north > MAX_LATITUDE) return `bbox latitudes must be between -${MAX_LATITUDE} and ${MAX_LATITUDE} (south ${south}, north ${north})`;
  if (west < -180 || east > 180) return `bbox longitudes must be between -180 and 180 (west ${west}, east ${east})`;
  if (south >= north) return `bbox south (${south}) must be less than north (${north}); the order is [south, west, north, east]`;
  if (west >= east) return `bbox west (${west}) must be less than east (${east}); the order is [south, west, north, east] (a box across the 180th meridian is not supported)`;
  const { heightKm, widthKm } = boxSizeKm(box);
  if (Math.max(heightKm, widthKm) > limits.maxSideKm) {
    return `the area is too large: ${Math.round(heightKm)} km × ${Math.round(widthKm)} km; a side may be at most ${limits.maxSideKm} km`;
  }
  return undefined;
}

/** Rows and columns of the grid that cuts a box into cells of at most cellKm a side. */
export function gridShape(box: Box, cellKm: number | undefined): { rows: number; cols: number } {
  if (cellKm === undefined) return { rows: 1, cols: 1 };
  const { heightKm, widthKm } = boxSizeKm(box);
  return { rows: Math.max(1, Math.ceil(heightKm / cellKm - 1e-9)), cols: Math.max(1, Math.ceil(widthKm / cellKm - 1e-9)) };
}

/** What is wrong with an area's plan (box and cells), or undefined. */
export function areaProblem(box: Box, plan: AreaPlan, limits: AreaLimits): string | undefined {
  const problem = boxProblem(box, limits);
  if (problem) return problem;
  if (plan.cellKm !== undefined && !(plan.cellKm > 0)) return 'cell_km must be more than 0';
  const { rows, cols } = gridShape(box, plan.cellKm);
  if (rows * cols > limits.maxCells) {
    return `cells of ${plan.cellKm} km cut this area into ${rows * cols} cells (${rows} × ${cols}); at most ${limits.maxCells} are allowed: use larger cells or a smaller area`;
  }
  return undefined;
}

/** The grid's cells, row by row from the south-west corner. */
export function gridCells(box: Box, cellKm: number | undefined): Box[] {
  const { rows, cols } = gridShape(box, cellKm);
  const height = (box.north - box.south) / rows;
  const width = (box.east - box.west) / cols;
  const cells: Box[] = [];
  for (let row = 0; row < rows; row += 1) {
    for (let col = 0; col < cols; col += 1) {
      cells.push({
        south: round(box.south + row * height, 7),
        west: round(box.west + col * width, 7),
        north: round(row === rows - 1 ? box.north : box.south + (row + 1) * height, 7),
        east: round(col === cols - 1 ? box.east : box.west + (col + 1) * width, 7),
      });
    }
  }
  return cells;
}

/** A cell cut into four quarters (south-west, south-east, north-west, north-east). */
export function splitCell(cell: Box): Box[] {
  const midLat = round((cell.south + cell.north) / 2, 7);
  const midLng = round((cell.west + cell.east) / 2, 7);
  return [
    { south: cell.south, west: cell.west, north: midLat, east: midLng },
    { south: cell.south, west: midLng, north: midLat, east: cell.east },
    { south: midLat, west: cell.west, north: cell.north, east: midLng },
    { south: midLat, west: midLng, north: cell.north, east: cell.east },
  ];
}

/** The camera that shows all of a cell in the window: its centre, and the largest zoom that fits. */
export function cameraFor(cell: Box, viewport = MAPS_VIEWPORT): Camera {
  const lat = (cell.south + cell.north) / 2;
  const lng = (cell.west + cell.east) / 2;
  const { heightKm, widthKm } = boxSizeKm(cell);
  const perPixel = METRES_PER_PIXEL_AT_ZOOM_0 * Math.cos(toRad(lat));
  const zoomForWidth = Math.log2((perPixel * viewport.width) / Math.max(widthKm * 1000, 1));
  const zoomForHeight = Math.log2((perPixel * viewport.height) / Math.max(heightKm * 1000, 1));
  // Rounded down: a slightly smaller zoom shows a little more, never less, than the cell.
  const zoom = Math.floor(Math.min(zoomForWidth, zoomForHeight, 21) * 100) / 100;
  return { lat: round(lat, 7), lng: round(lng, 7), zoom: Math.max(zoom, 1) };
}

/** The box a camera shows in the window. */
export function boxOfCamera(camera: Camera, viewport = MAPS_VIEWPORT): Box {
  const metresPerPixel = (METRES_PER_PIXEL_AT_ZOOM_0 * Math.cos(toRad(camera.lat))) / 2 ** camera.zoom;
  const halfHeightDeg = (metresPerPixel * viewport.height) / 2 / 1000 / KM_PER_DEGREE;
  const halfWidthDeg = (metresPerPixel * viewport.width) / 2 / 1000 / (KM_PER_DEGREE * Math.cos(toRad(camera.lat)));
  return {
    south: round(Math.max(-MAX_LATITUDE, camera.lat - halfHeightDeg), 7),
    west: round(Math.max(-180, camera.lng - halfWidthDeg), 7),
    north: round(Math.min(MAX_LATITUDE, camera.lat + halfHeightDeg), 7),
    east: round(Math.min(180, camera.lng + halfWidthDeg), 7),
  };
}

/** `@55.7900000,49.1300000,12.5z`: the camera part of a Maps URL. */
export function cameraPath(camera: Camera): string {
  return `@${camera.lat.toFixed(7)},${camera.lng.toFixed(7)},${camera.zoom}z`;
}

/** The camera in a Maps URL (`…/@55.79,49.13,12z/…`), or undefined. */
export function cameraFromUrl(url: string): Camera | undefined {
  const match = /\/@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)z(?:[/?#]|$)/.exec(url);
  if (!match) return undefined;
  const camera = { lat: Number(match[1]), lng: Number(match[2]), zoom: Number(match[3]) };
  return Number.isFinite(camera.lat) && Number.isFinite(camera.lng) && Number.isFinite(camera.zoom) ? camera : undefined;
}

/**
 * An estimate of the places an area holds, for `total_expected`: what the finished cells gave on
 * average for each cell still to go (before any cell ends, the current cell's feed stands in),
 * never below what was delivered and never above the limit.
 */
export function estimateTotal(input: {
  delivered: number;
  deliveredWhenCellsEnded: number;
  cellsDone: number;
  cellsTotal: number;
  currentFeed: number;
  limit: number;
}): number {
  const perCell = input.cellsDone > 0 ? input.deliveredWhenCellsEnded / input.cellsDone : input.currentFeed;
  const guess = Math.round(input.deliveredWhenCellsEnded + perCell * Math.max(0, input.cellsTotal - input.cellsDone));
  return Math.min(input.limit, Math.max(input.delivered, guess));
}

/**
 * What is wrong with an area request, as far as can be told before searching: a box is checked
 * whole; a place's box is known only once Maps has found it (the job checks it then).
 */
export function areaRequestProblem(
  area: { bbox?: readonly [number, number, number, number] | undefined; place?: string | undefined; cell_km?: number | undefined; split?: 'auto' | undefined },
  limits: AreaLimits,
): string | undefined {
  const plan: AreaPlan = { cellKm: area.cell_km, autoSplit: area.split === 'auto' || area.cell_km === undefined };
  if (plan.cellKm !== undefined && !(plan.cellKm > 0)) return 'cell_km must be more than 0';
  if (area.bbox) return areaProblem(boxFromArray(area.bbox), plan, limits);
  if (!area.place?.trim()) return 'the area needs a bbox [south, west, north, east] or a place name';
  return undefined;
}
