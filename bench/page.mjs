// One peer engine in a page, as a static site would run it: load the
// library and its serialised index, answer the first query (`?first=`),
// render the top 10 titles. Exposes `window.__search(q)` → top-10 ids
// (a promise for Pagefind) and `window.__firstAnswer` (ms since navigation).
// Query syntax is mapped to what each peer offers: words are ANDed where it
// can; phrases become their words (none of MiniSearch, FlexSearch, Lunr has
// phrases); `p*` is each peer's prefix search.
const params = new URLSearchParams(location.search);
const engine = params.get('engine');
const json = async (url) => (await fetch(url)).json();
const text = async (url) => (await fetch(url)).text();
const parse = (q) => {
  const prefix = /\*$/.test(q.trim());
  const words = q.replace(/["*]/g, ' ').split(/\s+/).filter(Boolean);
  return { words, prefix };
};

async function load() {
  if (engine === 'minisearch') {
    const ms = window.MiniSearch.loadJSON(await text('minisearch.json'), { fields: ['title', 'text'], idField: 'id' });
    return (q) => {
      const { words, prefix } = parse(q);
      return ms.search(words.join(' '), { combineWith: 'AND', prefix, boost: { title: 2 } }).slice(0, 10).map((r) => r.id);
    };
  }
  if (engine === 'flexsearch') {
    const { Document } = await import('./lib/flexsearch.mjs');
    const fx = new Document({ document: { id: 'id', index: ['title', 'text'] }, tokenize: 'forward' });
    const keys = await json('flexsearch/keys.json');
    const parts = await Promise.all(keys.map((k) => text(`flexsearch/${k}.json`)));
    for (let i = 0; i < keys.length; i++) await fx.import(keys[i], parts[i]);
    return (q) => fx.search(parse(q).words.join(' '), { limit: 10, merge: true }).map((r) => r.id);
  }
  if (engine === 'lunr') {
    const idx = window.lunr.Index.load(await json('lunr.json'));
    return (q) => {
      const { words, prefix } = parse(q);
      try {
        return idx.search(words.map((w) => `+${w}${prefix ? '*' : ''}`).join(' ')).slice(0, 10).map((r) => r.ref);
      } catch {
        return []; // Lunr refuses some queries outright
      }
    };
  }
  if (engine === 'pagefind') {
    const pf = await import('./pagefind/pagefind.js');
    const ids = await json('pagefind-ids.json');
    await pf.options({ excerptLength: 32 });
    await pf.init();
    return async (q) => {
      const r = await pf.search(parse(q).words.join(' '));
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return data.map((d) => ids[Number(/(\d+)\.html/.exec(d.url)[1])]);
    };
  }
  throw new Error(`unknown engine ${engine}`);
}

const titles = json('titles.json');
const search = await load();
const first = await search(params.get('first') ?? 'memory');
const names = await titles;
const show = (ids) => document.getElementById('hits').replaceChildren(...ids.map((id) => {
  const li = document.createElement('li');
  li.textContent = names[id] ?? id;
  return li;
}));
show(first);
// Search as you type, as a plain page of this library would: the top 10
// titles on each keystroke (the keystroke benchmark types here).
const box = document.querySelector('input[type=search]');
box.addEventListener('input', async () => {
  const q = box.value;
  const ids = q.trim() ? await search(q) : [];
  if (box.value === q) show(ids);
});
window.__firstAnswer = performance.now();
window.__search = search;
document.getElementById('state').textContent = `${engine} ready`;
