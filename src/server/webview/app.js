// Hookbot's live web view: plain script, no framework, nothing loaded from elsewhere except
// Telegram's own script when the page runs inside Telegram.
'use strict';

(() => {
  const launch = new URLSearchParams(location.hash.slice(1));
  const inTelegram = launch.has('tgWebAppData');
  const MUTE_KEY = 'hookbot.webview.muted';
  const $ = (selector) => document.querySelector(selector);

  /** The proof of who is looking: Telegram's initData, or the bot's signed link. */
  function authorization() {
    const webApp = window.Telegram && window.Telegram.WebApp;
    const initData = (webApp && webApp.initData) || launch.get('tgWebAppData');
    if (initData) return `tma ${initData}`;
    const link = launch.get('link');
    return link ? `Link ${link}` : null;
  }

  /** Telegram passes its colours in the launch parameters; its script would set the same variables. */
  function applyTheme() {
    try {
      const theme = JSON.parse(launch.get('tgWebAppThemeParams') || '{}');
      for (const [name, value] of Object.entries(theme)) {
        if (typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value)) {
          document.documentElement.style.setProperty(`--tg-theme-${name.replace(/_/g, '-')}`, value);
        }
      }
    } catch {
      // No usable theme: the page's own colours stay.
    }
  }

  const state = {
    auth: authorization(),
    strings: {},
    language: 'en',
    items: new Map(),
    lastEventId: null,
    muted: localStorage.getItem(MUTE_KEY) === '1',
    sort: { key: 'createdAt', dir: -1 },
    retryMs: 2000,
    loaded: false,
  };
  const t = (key) => state.strings[key] || key;

  // --- sound: a short two-tone chime made on the spot (no file to fetch)
  let audio;
  function chime() {
    if (state.muted) return;
    // Announced whether or not this browser lets the page make sound yet.
    window.dispatchEvent(new CustomEvent('hookbot:chime'));
    try {
      audio = audio || new AudioContext();
      if (audio.state === 'suspended') audio.resume();
      const now = audio.currentTime;
      for (const [offset, frequency] of [[0, 880], [0.12, 1320]]) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, now + offset);
        gain.gain.exponentialRampToValueAtTime(0.2, now + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.25);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + offset);
        osc.stop(now + offset + 0.3);
      }
    } catch {
      // No audio here (or not yet allowed): the row still appears.
    }
  }
  function showSound() {
    const button = $('#sound');
    button.hidden = false;
    button.textContent = state.muted ? `🔕 ${t('webview-sound-off')}` : `🔔 ${t('webview-sound-on')}`;
    button.setAttribute('aria-pressed', String(!state.muted));
  }
  $('#sound').addEventListener('click', () => {
    state.muted = !state.muted;
    localStorage.setItem(MUTE_KEY, state.muted ? '1' : '0');
    showSound();
    // A click is what lets the browser start sound at all.
    if (!state.muted) {
      audio = audio || new AudioContext();
      audio.resume();
    }
  });

  // --- tabs
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-tab]')) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        $(`#tab-${other.dataset.tab}`).hidden = !selected;
      }
    });
  }
  for (const header of document.querySelectorAll('[data-sort]')) {
    header.addEventListener('click', () => {
      const key = header.dataset.sort;
      state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
      renderScrapes();
    });
  }

  function setStatus(text, kind) {
    const status = $('#status');
    status.textContent = text;
    status.className = `status ${kind}`;
  }
  function problem(text) {
    const box = $('#problem');
    box.textContent = text;
    box.hidden = false;
  }

  // --- rendering
  // Formatters are made once per language: making one costs more than drawing a card.
  const formatters = new Map();
  function formatter(name, options) {
    const id = `${state.language}|${name}`;
    if (!formatters.has(id)) formatters.set(id, new Intl.DateTimeFormat(state.language, { ...options, numberingSystem: 'latn' }));
    return formatters.get(id);
  }
  const when = (iso) => (iso ? formatter('long', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)) : '—');
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const timeEl = (iso) => el('time', { dateTime: iso || '', textContent: when(iso) });
  // The table's columns are narrow on a phone: day and minute only, the full time on hover.
  const shortWhen = (iso) => (iso ? formatter('short', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) : '—');
  const shortTimeEl = (iso) => el('time', { dateTime: iso || '', textContent: shortWhen(iso), title: when(iso) });
  const byNewest = (a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id);
  const itemsOf = (type) => [...state.items.values()].filter((item) => item.type === type);

  function tone(item) {
    if (item.kind === 'refused' || /^(rejected|expired)$/.test(item.status || '')) return 'bad';
    if (!item.final && item.type === 'entry') return 'wait';
    if (item.status === 'pending' || item.status === 'placing' || item.status === 'confirm') return 'wait';
    return 'ok';
  }

  function entryCard(item, fresh) {
    const head = el('div', { className: 'head' }, el('span', { className: 'id', textContent: item.kind === 'event' ? `#${item.id}` : '🚫' }), el('span', { textContent: item.providerName }), timeEl(item.at));
    const card = el('li', { className: `card ${tone(item)}${fresh ? ' fresh' : ''}` }, head);
    card.dataset.key = item.key;
    if (item.kind === 'event') card.dataset.id = String(item.id);
    if (item.what) card.append(el('div', { className: 'what', textContent: item.what }));
    card.append(el('div', { className: 'result', textContent: item.result }));
    if (item.kind === 'event') {
      const details = el('details', {}, el('summary', { textContent: 'JSON' }));
      details.addEventListener('toggle', () => {
        if (!details.open || details.querySelector('pre')) return;
        api(`/app/api/events/${item.id}`).then(
          (event) => details.append(el('pre', { textContent: JSON.stringify(event.payload, null, 2) })),
          (error) => details.append(el('pre', { textContent: String(error.message) })),
        );
      });
      card.append(details);
    }
    return card;
  }

  function orderCard(item, fresh) {
    const head = el('div', { className: 'head' }, el('span', { className: 'id', textContent: `#${item.id}` }), timeEl(item.at));
    const card = el('li', { className: `card ${tone(item)}${fresh ? ' fresh' : ''}` }, head);
    card.dataset.key = item.key;
    const replay = item.replay ? ` · ${item.replay}` : '';
    card.append(el('div', { className: 'what', textContent: `${item.action} ${item.symbol}${replay}` }), el('div', { className: 'result', textContent: item.result }));
    return card;
  }

  /** Makes `list`'s children exactly `nodes`, moving only the ones out of place (a new row on top moves nothing else). */
  function placeInOrder(list, nodes) {
    nodes.forEach((node, index) => {
      const there = list.children[index];
      if (there !== node) list.insertBefore(node, there ?? null);
    });
    while (list.children.length > nodes.length) list.lastElementChild.remove();
  }

  // The card drawn for each row, kept while its row is unchanged: a frame redraws only what it changed.
  const drawnCards = new Map();
  function renderList(type, listId, card, fresh) {
    const items = itemsOf(type).sort(byNewest);
    const nodes = items.map((item) => {
      const drawn = drawnCards.get(item.key);
      if (drawn && drawn.item === item) return drawn.node;
      const node = card(item, fresh.has(item.key));
      drawnCards.set(item.key, { item, node });
      return node;
    });
    for (const [key, drawn] of drawnCards) if (drawn.item.type === type && state.items.get(key) !== drawn.item) drawnCards.delete(key);
    placeInOrder($(listId), nodes);
    $(`[data-empty="${type === 'entry' ? 'events' : `${type}s`}"]`).hidden = items.length > 0;
  }

  function renderScrapes() {
    const { key, dir } = state.sort;
    const rows = itemsOf('scrape').sort((a, b) => {
      const x = a[key] ?? '';
      const y = b[key] ?? '';
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), state.language)) * dir;
    });
    $('#scrapes tbody').replaceChildren(
      ...rows.map((item) => {
        const row = el(
          'tr',
          {},
          el('td', { className: 'query', textContent: item.query, title: item.error || '' }),
          el('td', { className: `st-${item.status}`, textContent: item.statusText }),
          el('td', { className: 'num', textContent: `${item.results}/${item.maxResults}` }),
          el('td', {}, shortTimeEl(item.createdAt)),
          el('td', {}, shortTimeEl(item.finishedAt)),
        );
        row.dataset.key = item.key;
        return row;
      }),
    );
    for (const th of document.querySelectorAll('#scrapes th')) {
      const button = th.querySelector('button');
      th.setAttribute('aria-sort', button.dataset.sort === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    $('#scrapes').hidden = rows.length === 0;
    $('[data-empty="scrapes"]').hidden = rows.length > 0;
  }

  /**
   * Takes in the frames that arrived together and draws once: at tens of changes a second a
   * drawing per frame kept the page's main thread busy, and late to read the next ones.
   */
  function apply(frames) {
    const fresh = new Set();
    const keys = [];
    const types = new Set();
    let ring = false;
    for (const frame of frames) {
      for (const item of frame.items) {
        const known = state.items.has(item.key);
        state.items.set(item.key, item);
        keys.push(item.key);
        types.add(item.type);
        if (!frame.initial && state.loaded) fresh.add(item.key);
        if (!known && state.loaded && item.message) ring = true;
      }
      // A first frame draws everything; after it, only the lists that changed.
      if (!state.loaded) for (const type of ['entry', 'order', 'scrape']) types.add(type);
      state.loaded = true;
    }
    // Only the latest rows are kept, as the server keeps them.
    for (const type of types) {
      const items = itemsOf(type).sort(byNewest);
      for (const old of items.slice(type === 'entry' ? 60 : 30)) state.items.delete(old.key);
    }
    if (types.has('entry')) renderList('entry', '#events', entryCard, fresh);
    if (types.has('order')) renderList('order', '#orders', orderCard, fresh);
    if (types.has('scrape')) renderScrapes();
    if (ring) chime();
    // For the benchmark and for anyone scripting the page: what was just drawn.
    window.dispatchEvent(new CustomEvent('hookbot:rendered', { detail: { keys } }));
  }

  // --- talking to the server
  async function api(path) {
    const response = await fetch(path, { headers: { authorization: state.auth }, cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(body.error || `HTTP ${response.status}`), { status: response.status });
    return body;
  }

  /** One server-sent event: its data when it is a frame of items (the id and retry are taken in). */
  function readFrame(frame) {
    let event = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') state.lastEventId = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data += data ? `\n${value}` : value;
      else if (field === 'retry' && /^\d+$/.test(value)) state.retryMs = Number(value);
    }
    return event === 'items' && data ? JSON.parse(data) : null;
  }

  /** Server-sent events over fetch: the proof goes in a header, and Last-Event-ID resumes. */
  async function listen() {
    for (;;) {
      let wait = state.retryMs;
      try {
        const headers = { authorization: state.auth, accept: 'text/event-stream' };
        if (state.lastEventId) headers['last-event-id'] = state.lastEventId;
        const response = await fetch('/app/api/stream', { headers, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) {
          const body = await response.json().catch(() => ({}));
          setStatus('', 'down');
          problem(`${t('webview-refused')} ${body.error || ''}`.trim());
          return;
        }
        if (response.status === 429 || response.status === 503) {
          setStatus(t('webview-too-many'), 'down');
          wait = 30_000;
        } else if (response.ok && response.body) {
          setStatus(t('webview-live'), 'live');
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value.replace(/\r\n?/g, '\n');
            const frames = [];
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = readFrame(buffer.slice(0, end));
              if (frame) frames.push(frame);
              buffer = buffer.slice(end + 2);
            }
            if (frames.length > 0) apply(frames);
          }
        }
      } catch {
        // The connection dropped: reconnect below.
      }
      setStatus(t('webview-reconnecting'), 'down');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  async function main() {
    applyTheme();
    if (inTelegram) {
      // Telegram's script (ready, expand, theme changes) is a bonus: the page works without it.
      window.addEventListener('load', () => {
        const script = document.createElement('script');
        script.src = 'https://telegram.org/js/telegram-web-app.js';
        script.onload = () => {
          const webApp = window.Telegram && window.Telegram.WebApp;
          if (webApp) {
            webApp.ready();
            webApp.expand();
          }
        };
        document.head.append(script);
      });
    }
    if (!state.auth) {
      problem('Open this page from the bot: /web');
      return;
    }
    let session;
    try {
      session = await api('/app/api/session');
    } catch (error) {
      problem(error.message);
      return;
    }
    state.strings = session.strings;
    state.language = session.language;
    document.documentElement.lang = session.language;
    document.documentElement.dir = session.dir;
    document.title = t('webview-title');
    $('#title').textContent = t('webview-title');
    for (const tab of document.querySelectorAll('[data-tab]')) tab.textContent = t(`webview-tab-${tab.dataset.tab}`);
    for (const empty of document.querySelectorAll('[data-empty]')) empty.textContent = t(`webview-empty-${empty.dataset.empty}`);
    const columns = { query: 'webview-col-query', status: 'webview-col-status', results: 'webview-col-results', createdAt: 'webview-col-when', finishedAt: 'webview-col-finished' };
    for (const header of document.querySelectorAll('[data-sort]')) header.textContent = t(columns[header.dataset.sort]);
    document.querySelector('.tabs').hidden = false;
    showSound();
    setStatus(t('webview-reconnecting'), 'down');
    listen();
  }

  main();
})();
