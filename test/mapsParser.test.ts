import { describe, expect, it } from 'vitest';
import {
  idsFromPlaceUrl,
  placeFromArray,
  placeFromDom,
  placeFromInitializationState,
  PlaceParseError,
  unwrapGoogleRedirect,
} from '../handlers/mapsPlace.js';
import { businessStatusOfText, businessStatusOfTexts } from '../handlers/mapsBusinessStatus.js';
import { formatOpeningHours, type OpeningDay } from '../handlers/mapsOpeningHours.js';
import { extractEmails, findContactLink, isSocialSite } from '../handlers/websiteEmail.js';
import { placesToCsv } from '../src/services/scraper/csv.js';
import { capture, initializationState, searchPlaces } from './support/mapsFixtures.js';

/** The same hours every day of the week. */
const everyDay = (open: string, close: string): OpeningDay[] =>
  (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map((day) => ({ day, hours: [{ open, close }] }));

describe('place parser on real captures', () => {
  it('reads every known value of Kipriakon', () => {
    const { place, problems } = placeFromArray(capture('kipriakon')[6], 'https://maps.test/maps/place/Kipriakon');
    expect(problems).toEqual([]);
    expect(place).toEqual({
      business_name: 'Kipriakon',
      category: 'Restaurant',
      categories: ['Restaurant'],
      address: 'Old port, Limassol 3042',
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
      // The state line reads "Closed ⋅ Opens 12:30 pm Tue": closed for the night, not a closed business.
      business_status: 'OPERATIONAL',
      opening_hours: everyDay('12:30', '22:00'),
      price_range: '€€',
      plus_code: '8G6MM2CR+6X',
      plus_code_compound: 'M2CR+6X Limassol',
      street: 'Old port',
      city: 'Limassol',
      postal_code: '3042',
      state: null,
      country_code: 'CY',
    });
  });

  it('reads every known value of Happy Island Restaurant', () => {
    const { place, problems } = placeFromArray(capture('happy-island')[6]);
    expect(problems).toEqual([]);
    expect(place).toMatchObject({
      business_name: 'Happy Island Restaurant',
      category: 'Restaurant',
      address: '65 Natalia Court, Poseidonos Ave, Paphos 8042',
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
      business_status: 'OPERATIONAL',
      // Maps lists the week from "today" (a Tuesday); "12 am–11 pm" is [[], [23]] in [203][0].
      opening_hours: [
        { day: 'monday', hours: [{ open: '00:00', close: '23:00' }] },
        { day: 'tuesday', hours: [{ open: '00:00', close: '23:00' }] },
        { day: 'wednesday', hours: [{ open: '00:00', close: '22:45' }] },
        { day: 'thursday', hours: [{ open: '00:00', close: '23:00' }] },
        { day: 'friday', hours: [{ open: '12:00', close: '23:00' }] },
        { day: 'saturday', hours: [{ open: '12:00', close: '23:00' }] },
        { day: 'sunday', hours: [{ open: '12:00', close: '23:00' }] },
      ],
      price_range: '€€',
      plus_code: '8G6JQC39+VV',
      plus_code_compound: 'QC39+VV Paphos',
      street: '65 Natalia Court, Poseidonos Ave',
      city: 'Paphos',
      postal_code: '8042',
      state: null,
      country_code: 'CY',
    });
  });

  it('reads the same week from the newer [203][0] and the older [34][1], on every capture', () => {
    const real = [capture('kipriakon')[6], capture('happy-island')[6], ...searchPlaces()] as unknown[][];
    let withHours = 0;
    for (const array of real) {
      const onlyNew = structuredClone(array);
      onlyNew[34] = null;
      const onlyOld = structuredClone(array);
      onlyOld[203] = null;
      const both = placeFromArray(array);
      const fromNew = placeFromArray(onlyNew);
      const fromOld = placeFromArray(onlyOld);
      expect(fromNew.place.opening_hours, String(array[11])).toEqual(both.place.opening_hours);
      expect(fromOld.place.opening_hours, String(array[11])).toEqual(both.place.opening_hours);
      expect([...fromNew.problems, ...fromOld.problems].filter((problem) => problem.startsWith('opening_hours'))).toEqual([]);
      if (both.place.opening_hours) {
        withHours += 1;
        expect(both.place.opening_hours.map((day) => day.day)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
      }
    }
    expect(withHours).toBe(21);

    const byName = new Map(searchPlaces().map((array) => [String(array[11]), placeFromArray(array).place]));
    // "Closed" on Sunday (state 2, no times).
    expect(byName.get('Dream Coffee')?.opening_hours).toEqual([...everyDay('07:00', '20:30').slice(0, 6), { day: 'sunday', hours: [] }]);
    // "9 AM–12 AM": [9, 0, 0, 0] ends at midnight.
    expect(byName.get('NooK')?.opening_hours).toEqual(everyDay('09:00', '24:00'));
    // "Open now" and no week: no hours rather than made-up ones.
    expect(byName.get('Race Coffee')?.opening_hours).toBeNull();
    expect(formatOpeningHours(byName.get('Dream Coffee')?.opening_hours)).toBe(
      'Mon 07:00–20:30; Tue 07:00–20:30; Wed 07:00–20:30; Thu 07:00–20:30; Fri 07:00–20:30; Sat 07:00–20:30; Sun closed',
    );
    expect(formatOpeningHours([{ day: 'friday', hours: [{ open: '12:00', close: '15:00' }, { open: '18:00', close: '24:00' }] }])).toBe(
      'Fri 12:00–15:00, 18:00–24:00',
    );
    expect(formatOpeningHours(null)).toBe('');

    // Two ranges a day, in both shapes.
    const split = structuredClone(capture('kipriakon')[6] as unknown[]);
    ((split[203] as unknown[][])[0]![0] as unknown[])[3] = [['12–3 pm', [[12], [15]]], ['6–11 pm', [[18], [23]]]];
    ((split[34] as unknown[][])[1]![0] as unknown[])[6] = [[12, 0, 15, 0], [18, 0, 23, 0]];
    const splitMonday = [{ open: '12:00', close: '15:00' }, { open: '18:00', close: '23:00' }];
    expect(placeFromArray(split).place.opening_hours?.[0]).toEqual({ day: 'monday', hours: splitMonday });
    const splitOld = structuredClone(split);
    splitOld[203] = null;
    expect(placeFromArray(splitOld).place.opening_hours?.[0]).toEqual({ day: 'monday', hours: splitMonday });
  });

  it('reads the price range, the plus codes and the address in parts', () => {
    const places = searchPlaces().map((array) => placeFromArray(array).place);
    const byName = new Map(places.map((place) => [place.business_name, place]));
    expect(byName.get('Coffee Berry Ίλιον')?.price_range).toBe('$');
    expect(byName.get('NooK')?.price_range).toBe('$$');
    expect(byName.get('Dream Coffee')).toMatchObject({
      price_range: null,
      street: 'Eakou 74',
      city: 'Ilion',
      postal_code: '131 22',
      state: null,
      country_code: 'GR',
      // Search results carry no plus code.
      plus_code: null,
      plus_code_compound: null,
    });
    expect(byName.get('Prima pita Ilion-Petroupoli handmade pies and coffee')).toMatchObject({ street: 'Ηρακλειτου, Propontidos και', city: 'Ilion' });
    expect(places.filter((place) => place.price_range !== null).map((place) => place.price_range)).toEqual(['$', '$', '$', '$$', '$']);
    for (const place of places) {
      // The postal address stays whole; the parts are read beside it.
      expect(place.address).toContain(place.street);
      expect(place.address).toContain(place.postal_code);
      expect(place.country_code).toBe('GR');
    }
  });

  it('tells closed businesses from places closed for the night, in English, Russian and Arabic', () => {
    const closed: Array<[string, string | null]> = [
      ['Permanently closed', 'CLOSED_PERMANENTLY'],
      ['Temporarily closed', 'CLOSED_TEMPORARILY'],
      ['Закрыто навсегда', 'CLOSED_PERMANENTLY'],
      ['Больше не работает', 'CLOSED_PERMANENTLY'],
      ['Временно закрыто', 'CLOSED_TEMPORARILY'],
      ['مغلق نهائيًا', 'CLOSED_PERMANENTLY'],
      ['مغلق نهائياً', 'CLOSED_PERMANENTLY'],
      ['مغلق بشكل دائم', 'CLOSED_PERMANENTLY'],
      ['مغلق مؤقتًا', 'CLOSED_TEMPORARILY'],
      // Closed for the night, open now: trading places.
      ['Closed ⋅ Opens 12:30 pm Tue', null],
      ['Open ⋅ Closes 11 pm', null],
      ['Open now', null],
      ['Закрыто ⋅ Откроется в 12:30 вт', null],
      ['مغلق ⋅ يفتح في 12:30 م الثلاثاء', null],
    ];
    for (const [text, status] of closed) expect(businessStatusOfText(text), text).toBe(status);
    expect(businessStatusOfTexts([null, 'Closed', 'Temporarily closed'])).toBe('CLOSED_TEMPORARILY');
    expect(businessStatusOfTexts([])).toBe('OPERATIONAL');

    // On the place array, wherever Maps puts the state line.
    const paths: Array<(array: unknown[], text: string) => void> = [
      (array, text) => ((((array[203] as unknown[])[1] as unknown[])[4] as unknown[])[0] = text),
      (array, text) => ((((array[203] as unknown[])[1] as unknown[])[8] as unknown[])[0] = text),
      (array, text) => (((array[34] as unknown[])[4] as unknown[])[4] = text),
    ];
    for (const put of paths) {
      const array = structuredClone(capture('kipriakon')[6] as unknown[]);
      // Only the line under test says anything.
      (((array[203] as unknown[])[1] as unknown[])[4] as unknown[])[0] = 'Closed ⋅ Opens 12:30 pm Tue';
      put(array, 'Закрыто навсегда');
      expect(placeFromArray(array).place.business_status).toBe('CLOSED_PERMANENTLY');
    }
    // Every real capture is a trading place.
    const real = [capture('kipriakon')[6], capture('happy-island')[6], ...searchPlaces()] as unknown[][];
    expect(new Set(real.map((array) => placeFromArray(array).place.business_status))).toEqual(new Set(['OPERATIONAL']));
  });

  it('gives the postal address alone, never the business name with it', () => {
    const real = [capture('kipriakon')[6], capture('happy-island')[6], ...searchPlaces()] as unknown[][];
    expect(real).toHaveLength(22);
    for (const array of real) {
      const { place, problems } = placeFromArray(array);
      expect(problems.filter((problem) => problem.startsWith('address'))).toEqual([]);
      // [18] is "<name>, <address>" on every capture; the address is what follows the name.
      expect(`${place.business_name}, ${place.address}`).toBe(array[18]);
      expect(place.address).not.toContain(place.business_name);
    }
  });

  it('without the postal address at [39], falls back to the address lines, then to [18] without the name', () => {
    const kipriakon = () => structuredClone(capture('kipriakon')[6] as unknown[]);

    const noPostal = kipriakon();
    noPostal[39] = null;
    expect(placeFromArray(noPostal).place.address).toBe('Old port, Limassol 3042');
    expect(placeFromArray(noPostal).problems).toEqual(['address: nothing usable at [39]; read from the address lines at [2]']);

    const onlyCombined = kipriakon();
    onlyCombined[39] = null;
    onlyCombined[2] = null;
    expect(placeFromArray(onlyCombined)).toMatchObject({
      place: { address: 'Old port, Limassol 3042' },
      problems: ['address: nothing usable at [39] or [2]; read from [18] without the name'],
    });

    // Some captures put the name in the middle of [18].
    const nameInMiddle = kipriakon();
    nameInMiddle[39] = null;
    nameInMiddle[2] = null;
    nameInMiddle[18] = 'Old port, Kipriakon, Limassol 3042';
    expect(placeFromArray(nameInMiddle).place.address).toBe('Old port, Limassol 3042');

    // A name with commas in it is taken out whole.
    const commaName = kipriakon();
    commaName[11] = 'Kipriakon, Taverna';
    commaName[39] = null;
    commaName[2] = null;
    commaName[18] = 'Kipriakon, Taverna, Old port, Limassol 3042';
    expect(placeFromArray(commaName).place.address).toBe('Old port, Limassol 3042');

    // The name cannot be told apart: no address rather than one carrying the name.
    const glued = kipriakon();
    glued[39] = null;
    glued[2] = null;
    glued[18] = 'Kipriakon Old port Limassol 3042';
    expect(placeFromArray(glued)).toMatchObject({
      place: { address: null },
      problems: ['address: nothing usable at [39] or [2], and the name cannot be told apart from the address in [18]'],
    });

    // No address anywhere (a place without one): null, nothing moved.
    const none = kipriakon();
    none[39] = null;
    none[2] = null;
    none[18] = null;
    expect(placeFromArray(none)).toMatchObject({ place: { address: null }, problems: [] });
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
    place[39] = { street: 'somewhere' };
    place[175] = null;
    const { place: parsed, problems } = placeFromArray(place);
    expect(parsed.rating).toBeNull();
    expect(parsed.address).toBe('Old port, Limassol 3042');
    expect(problems).toEqual([
      'address: unexpected object at [39]',
      'address: nothing usable at [39]; read from the address lines at [2]',
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
      stateTexts: ['Cafe', 'Временно закрыто'],
      plusCode: 'M2CR+6X Limassol',
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
      business_status: 'CLOSED_TEMPORARILY',
      plus_code: null,
      plus_code_compound: 'M2CR+6X Limassol',
      opening_hours: null,
    });
    const dom = { name: 'X', category: null, address: null, phone: null, website: null, ratingText: null, reviewsText: null, url };
    expect(placeFromDom({ ...dom, stateTexts: ['Open ⋅ Closes 11 pm'], plusCode: '8G6MM2CR+6X' }).place).toMatchObject({
      business_status: 'OPERATIONAL',
      plus_code: '8G6MM2CR+6X',
      plus_code_compound: null,
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
      '"مطعم ""الريف"", القاهرة",Restaurant,"Old port, Limassol 3042",+20 2 1234,,,4.2,396,37,16,27,60,256,34.6705954,33.0424567,ChIJDdnwdv0y5xQRRytw1ihZQeU,https://www.google.com/maps/place/?q=place_id:ChIJDdnwdv0y5xQRRytw1ihZQeU,' +
        'OPERATIONAL,Mon 12:30–22:00; Tue 12:30–22:00; Wed 12:30–22:00; Thu 12:30–22:00; Fri 12:30–22:00; Sat 12:30–22:00; Sun 12:30–22:00,' +
        '€€,8G6MM2CR+6X,M2CR+6X Limassol,Old port,Limassol,3042,,CY',
    );
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",Restaurant,"line1\nline2"/);
    // New columns come after the old ones: spreadsheets map columns by position.
    expect(lines[0]).toBe(
      'business_name,category,address,phone,website,email,rating,review_count,one_star,two_star,three_star,four_star,five_star,' +
        'latitude,longitude,place_id,google_maps_url,business_status,opening_hours,price_range,plus_code,plus_code_compound,' +
        'street,city,postal_code,state,country_code',
    );
    // A result stored before these columns existed: empty cells, not "undefined".
    const { business_status: _status, opening_hours: _hours, street: _street, ...older } = base;
    expect(placesToCsv([older as typeof base]).split('\r\n')[1]).toMatch(/,,€€,8G6MM2CR\+6X,M2CR\+6X Limassol,,Limassol,3042,,CY$/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
