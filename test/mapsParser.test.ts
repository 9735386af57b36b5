import { describe, expect, it } from 'vitest';
import {
  idsFromPlaceUrl,
  placeFromArray,
  placeFromDom,
  placeFromInitializationState,
  PlaceParseError,
  unwrapGoogleRedirect,
} from '../handlers/mapsPlace.js';
import { extractEmails, findContactLink, isSocialSite } from '../handlers/websiteEmail.js';
import { placesToCsv } from '../src/services/scraper/csv.js';
import { capture, initializationState, searchPlaces } from './support/mapsFixtures.js';

describe('place parser on real captures', () => {
  it('reads every known value of Kipriakon', () => {
    const { place, problems } = placeFromArray(capture('kipriakon')[6], 'https://maps.test/maps/place/Kipriakon');
    expect(problems).toEqual([]);
    expect(place).toEqual({
      business_name: 'Kipriakon',
      category: 'Restaurant',
      categories: ['Restaurant'],
      address: 'Kipriakon, Old port, Limassol 3042',
      phone: '25 101555',
      website: null,
      rating: 4.2,
      review_count: 396,
      one_star: 37,
      two_star: 16,
      three_star: 27,
      four_star: 60,
      five_star: 256,
      latitude: 34.6705954,
      longitude: 33.0424567,
      place_id: 'ChIJDdnwdv0y5xQRRytw1ihZQeU',
      google_maps_url: 'https://maps.test/maps/place/Kipriakon',
      email: null,
    });
  });

  it('reads every known value of Happy Island Restaurant', () => {
    const { place, problems } = placeFromArray(capture('happy-island')[6]);
    expect(problems).toEqual([]);
    expect(place).toMatchObject({
      business_name: 'Happy Island Restaurant',
      category: 'Restaurant',
      address: 'Happy Island Restaurant, 65 Natalia Court, Poseidonos Ave, Paphos 8042',
      phone: '26 937077',
      website: null,
      rating: 4.7,
      review_count: 518,
      one_star: 10,
      two_star: 6,
      three_star: 25,
      four_star: 62,
      five_star: 415,
      latitude: 34.754666,
      longitude: 32.4197193,
      place_id: 'ChIJHQjftsYG5xQRH6-iEKNyKwc',
      google_maps_url: 'https://www.google.com/maps/place/?q=place_id:ChIJHQjftsYG5xQRH6-iEKNyKwc',
    });
  });

  it('reads the place from APP_INITIALIZATION_STATE at [3][6] or [3][5]', () => {
    const document = capture('kipriakon');
    expect(placeFromInitializationState(initializationState(document, 6)).place.business_name).toBe('Kipriakon');
    expect(placeFromInitializationState(initializationState(document, 5)).place.place_id).toBe('ChIJDdnwdv0y5xQRRytw1ihZQeU');
    expect(() => placeFromInitializationState([[], [], [], []])).toThrow(/\[3\]\[6\] holds no place string.*\[3\]\[5\]/);
  });

  it('finds the histogram at the old path [52][3]', () => {
    const place = structuredClone(capture('happy-island')[6] as unknown[]);
    const histogram = (place[175] as unknown[])[3];
    place[175] = null;
    place[52] = [null, null, null, histogram];
    expect((capture('happy-island')[6] as unknown[])[175]).not.toBeNull();
    const { place: parsed, problems } = placeFromArray(place);
    expect(problems).toEqual([]);
    expect([parsed.one_star, parsed.two_star, parsed.three_star, parsed.four_star, parsed.five_star]).toEqual([10, 6, 25, 62, 415]);
  });

  it('reads the places of a real search response, websites included', () => {
    const places = searchPlaces().map((entry) => placeFromArray(entry).place);
    expect(places).toHaveLength(20);
    expect(places[0]).toMatchObject({
      business_name: 'Dream Coffee',
      phone: '+30 21 0261 6578',
      rating: 4.8,
      review_count: 48,
      website: 'https://www.vrisko.gr/details/ag2e4fci67301a_44_3i4a4c_f341701',
      place_id: 'ChIJoRVrMS-joRQRkzrMbbRUnBY',
      latitude: 38.0331931,
    });
    expect(places.find((place) => place.place_id === 'ChIJbwc9DkqjoRQRZr-gjvlzrNI')?.business_name).toBe('Coffee Berry Ίλιον');
    expect(places.find((place) => place.business_name === 'NooK')?.categories).toEqual([
      'Coffee shop',
      'Breakfast restaurant',
      'Coffee store',
      'Diner',
      'Restaurant',
    ]);
  });

  it('names each field whose path moved instead of returning a wrong value', () => {
    const place = structuredClone(capture('kipriakon')[6] as unknown[]);
    place[4] = 'moved';
    place[18] = { street: 'somewhere' };
    place[175] = null;
    const { place: parsed, problems } = placeFromArray(place);
    expect(parsed.rating).toBeNull();
    expect(parsed.address).toBeNull();
    expect(problems).toEqual([
      'address: unexpected object at [18]',
      // [4] is a string now, so neither rating nor reviews exist; no histogram to expect either.
    ]);
    const noHistogram = structuredClone(capture('kipriakon')[6] as unknown[]);
    noHistogram[175] = null;
    noHistogram[52] = null;
    expect(placeFromArray(noHistogram).problems).toEqual(['star histogram: not found at [175][3] or [52][3]']);
  });

  it('refuses a place without a name or id, saying which', () => {
    const place = structuredClone(capture('kipriakon')[6] as unknown[]);
    place[11] = null;
    place[78] = 42;
    expect(() => placeFromArray(place)).toThrow(PlaceParseError);
    expect(() => placeFromArray(place)).toThrow(/business_name: missing at \[11\].*place_id: missing at \[78\].*place_id: unexpected number at \[78\]/);
    expect(() => placeFromArray('nope')).toThrow(/not an array/);
  });

  it('falls back to what the page shows', () => {
    const url = 'https://maps.test/maps/place/X/data=!4m6!3m5!1s0x14e732fd76f0d90d:0xe5415928d6702b47!8m2!3d34.6705954!4d33.0424567';
    const { place } = placeFromDom({
      name: 'Кофейня',
      category: 'Cafe',
      address: 'ул. Ленина 1',
      phone: '+7 495 000-00-00',
      website: '/url?q=https://coffee.example.ru/&sa=U',
      ratingText: '4,6',
      reviewsText: '(1,234)',
      url,
    });
    expect(place).toMatchObject({
      business_name: 'Кофейня',
      rating: 4.6,
      review_count: 1234,
      website: 'https://coffee.example.ru/',
      place_id: '0x14e732fd76f0d90d:0xe5415928d6702b47',
      latitude: 34.6705954,
      longitude: 33.0424567,
    });
    expect(idsFromPlaceUrl('https://maps.test/maps/place/X').featureId).toBeNull();
    expect(unwrapGoogleRedirect('https://site.example/')).toBe('https://site.example/');
  });
});

describe('e-mail on a website', () => {
  it('prefers mailto links, then strict addresses in the text', () => {
    const html = `<a href="mailto:Info@Cafe-Example.gr?subject=hi">write</a>
      <p>Bookings: bookings@cafe-example.gr, or info@cafe-example.gr</p>
      <img src="logo@2x.png"><script>var x = "tracker@sentry.io";</script>
      <p>not.an@address, user@example.com, weird@@double.com</p>`;
    expect(extractEmails(html)).toEqual(['info@cafe-example.gr', 'bookings@cafe-example.gr']);
    expect(extractEmails('<p>contact&#64;hotel.co.uk</p>')).toEqual(['contact@hotel.co.uk']);
    expect(extractEmails('<p>nothing here</p>')).toEqual([]);
  });

  it('finds a same-site contact page and skips social networks', () => {
    const html = `<a href="https://facebook.com/contact">fb</a><a href="mailto:x@y.gr">Contact</a>
      <a href="/en/about-us">About us</a><a href="/kontakt">Kontakt</a>`;
    expect(findContactLink(html, 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/en/about-us');
    expect(findContactLink('<a href="/menu">Menu</a>', 'http://127.0.0.1:8080/')).toBeNull();
    expect(isSocialSite('https://www.instagram.com/chemex')).toBe(true);
    expect(isSocialSite('https://linktr.ee/hermosa')).toBe(true);
    expect(isSocialSite('https://nookofficial.gr/')).toBe(false);
  });
});

describe('CSV', () => {
  it('is UTF-8 with BOM, quoted where needed, safe from formulas', () => {
    const base = placeFromArray(capture('kipriakon')[6]).place;
    const csv = placesToCsv([
      { ...base, business_name: 'مطعم "الريف", القاهرة', phone: '+20 2 1234' },
      { ...base, business_name: '=HYPERLINK("x")', address: 'line1\nline2' },
    ]);
    expect(csv.startsWith('\uFEFFbusiness_name,category,address,phone,website,email,rating')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      '"مطعم ""الريف"", القاهرة",Restaurant,"Kipriakon, Old port, Limassol 3042",+20 2 1234,,,4.2,396,37,16,27,60,256,34.6705954,33.0424567,ChIJDdnwdv0y5xQRRytw1ihZQeU,https://www.google.com/maps/place/?q=place_id:ChIJDdnwdv0y5xQRRytw1ihZQeU',
    );
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",Restaurant,"line1\nline2"/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
