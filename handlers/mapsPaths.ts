/**
 * Reading Google Maps' place arrays by index path. Google moves these paths from time to time, so
 * every field is read through a probe that says which path it tried: a field whose path holds
 * something of the wrong shape is reported by name, never silently turned into a wrong value.
 */

export type Path = readonly number[];

export function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const index of path) {
    if (!Array.isArray(node)) return undefined;
    node = node[index];
  }
  return node;
}

export const show = (path: Path) => path.map((index) => `[${index}]`).join('');

/**
 * Reads a field: absent (undefined or null anywhere on the path) is null, the expected shape is
 * the value, anything else is a problem named after the field.
 */
export function probe<T>(
  place: unknown,
  field: string,
  path: Path,
  accept: (value: unknown) => T | undefined,
  problems: string[],
): T | null {
  const value = at(place, path);
  if (value === undefined || value === null) return null;
  const accepted = accept(value);
  if (accepted === undefined) {
    problems.push(`${field}: unexpected ${Array.isArray(value) ? 'array' : typeof value} at ${show(path)}`);
    return null;
  }
  return accepted;
}

export const asText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
export const asNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
export const asCount = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
export const asTexts = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
