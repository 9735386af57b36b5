/**
 * What a watch reports about a place on a later run, judged against what it saw last time. Pure.
 *
 * - `new`: not seen by this watch before.
 * - `closed`: its status became temporarily or permanently closed (a closed place that is new is
 *   reported as closed too: it is no lead).
 * - `changed`: a phone or website that differs from the last one seen (a newly shown or a
 *   different one; one that disappears is not news for a lead list), or a rating that crossed a
 *   threshold: the watch's own (e.g. 4.5, either way), else a whole or half star (4.4 -> 4.5,
 *   4.6 -> 4.4; 4.5 -> 4.6 is not a change).
 * Review counts and small rating moves are not changes: they move every day.
 */
import type { BusinessStatus } from './mapsBusinessStatus.js';
import type { Place } from './mapsPlace.js';

/** What a watch keeps of each place between runs. */
export interface PlaceSnapshot {
  business_name: string;
  phone: string | null;
  website: string | null;
  rating: number | null;
  business_status: BusinessStatus;
}

export type ChangedField = 'phone' | 'website' | 'rating';

export type PlaceChange =
  | { change: 'new' }
  | { change: 'closed'; previous: Partial<PlaceSnapshot> | null }
  | { change: 'changed'; changed_fields: ChangedField[]; previous: Partial<PlaceSnapshot> };

export const snapshotOf = (place: Place): PlaceSnapshot => ({
  business_name: place.business_name,
  phone: place.phone,
  website: place.website,
  rating: place.rating,
  business_status: place.business_status ?? 'OPERATIONAL',
});

const isClosed = (status: BusinessStatus | undefined) => status === 'CLOSED_PERMANENTLY' || status === 'CLOSED_TEMPORARILY';

/** Phone numbers as Maps writes them vary in spaces and dashes; the digits say whether it is another one. */
const phoneKey = (phone: string) => phone.replace(/[^\d+]/g, '');
/** http/https, www. and a trailing slash come and go on the same site. */
const siteKey = (site: string) => site.trim().toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '');

/** Whether a move of the rating from `before` to `after` crosses the threshold (or a half-star line). */
export function ratingCrossed(before: number | null, after: number | null, threshold: number | null): boolean {
  if (before === null || after === null || before === after) return false;
  if (threshold !== null) return before < threshold !== after < threshold;
  // Half stars, in tenths so 4.5 is exactly on its line.
  const band = (rating: number) => Math.floor(Math.round(rating * 10) / 5);
  return band(before) !== band(after);
}

/** The change to report, or null when there is nothing to say. */
export function placeChange(previous: PlaceSnapshot | null, place: Place, ratingThreshold: number | null): PlaceChange | null {
  const status = place.business_status ?? 'OPERATIONAL';
  if (!previous) return isClosed(status) ? { change: 'closed', previous: null } : { change: 'new' };
  if (isClosed(status) && !isClosed(previous.business_status)) return { change: 'closed', previous: { business_status: previous.business_status } };
  const fields: ChangedField[] = [];
  const before: Partial<PlaceSnapshot> = {};
  if (place.phone && (!previous.phone || phoneKey(previous.phone) !== phoneKey(place.phone))) {
    fields.push('phone');
    before.phone = previous.phone;
  }
  if (place.website && (!previous.website || siteKey(previous.website) !== siteKey(place.website))) {
    fields.push('website');
    before.website = previous.website;
  }
  if (ratingCrossed(previous.rating, place.rating, ratingThreshold)) {
    fields.push('rating');
    before.rating = previous.rating;
  }
  return fields.length > 0 ? { change: 'changed', changed_fields: fields, previous: before } : null;
}
