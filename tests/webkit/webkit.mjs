// WebKit (the engine Safari uses) through Debian's WebKitWebDriver and
// MiniBrowser, over W3C WebDriver with selenium-webdriver. Run under
// `xvfb-run`: MiniBrowser needs an X display even when nobody watches.
//
// Classic WebDriver has no init scripts or console events, so these
// journeys read the page itself: what a person sees, by accessible names,
// and the page's own panic banner (`role=alert`) must never show.
import { spawn } from 'node:child_process';
import net from 'node:net';
import assert from 'node:assert/strict';
import { Builder } from 'selenium-webdriver';

const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Starts WebKitWebDriver; resolves to { session(), stop() }. */
export async function startDriver() {
  const port = await freePort();
  const child = spawn(process.env.WEBKIT_DRIVER ?? 'WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${url}/status`)).ok) break; } catch { /* not listening yet */ }
    if (i > 100) throw new Error('WebKitWebDriver did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    session: () => new Builder().usingServer(url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build(),
    stop: () => child.kill(),
  };
}

/** Waits until `script` (run in the page with `args`) returns a truthy value; returns it. */
export async function until(driver, script, ...args) {
  let last;
  try {
    return await driver.wait(async () => (last = await driver.executeScript(script, ...args)), 20000);
  } catch (e) {
    const page = await driver.executeScript(`return location.href + ' · status: ' + document.querySelector('[role=status]')?.textContent`).catch(() => '?');
    throw new Error(`waited 20 s for: ${script}\nlast answer: ${JSON.stringify(last)}\npage: ${page}\n${e.message}`);
  }
}

/** The status line's text once it matches `re`. */
export const statusMatching = (driver, re) => until(driver, `
  const s = document.querySelector('[role=status]');
  return s && new RegExp(arguments[0], arguments[1]).test(s.textContent) ? s.textContent : null;`, re.source, re.flags);

/** Fails if the page shows its error banner. */
export async function assertNoPanic(driver) {
  const alert = await driver.executeScript(`const a = document.querySelector('#panic, [role=alert]'); return a ? a.textContent : null;`);
  assert.equal(alert, null, 'no error banner');
}
