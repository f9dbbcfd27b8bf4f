// Passages of a seed to mark, and selecting one in the reader as a person
// dragging over it would (the page reads the browser's selection).
import assert from 'node:assert/strict';

/** Runs of five words, from lines of ten or more, that occur once in the seed. */
export function phrases(text, n) {
  const out = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    for (let k = 2; k + 5 <= words.length && out.length < n; k += 40) {
      const p = words.slice(k, k + 5).join(' ');
      if (/^[\p{L}\p{N} ,'-]+$/u.test(p) && text.split(p).length === 2) out.push(p);
    }
  }
  assert.equal(out.length, n, 'the seed has enough distinct passages');
  return out;
}

/** Selects `phrase` in the reader's text (or in the element `root` names),
 *  as a person dragging over it would. */
export async function select(page, phrase, root = '#reader .doc-text') {
  // The text is drawn once it has come (texts are fetched as they are shown).
  await page.locator(root).first().waitFor();
  const found = await page.evaluate(([p, where]) => {
    const root = document.querySelector(where);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(p);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + p.length);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      return true;
    }
    return false;
  }, [phrase, root]);
  assert.ok(found, `“${phrase}” is in the reader`);
}
