/**
 * The UI's only script, a few lines of vanilla JS with no build step: copy buttons, local times, and live regions
 * (`[data-live]` is fetched again every 3 s while the tab is visible; rows with a new `[data-key]` are marked
 * `fresh`; a region that answers `data-live="done"` stops).
 */
export const PAGE_SCRIPT = `
(() => {
  document.addEventListener('click', async (e) => {
    const b = e.target.closest && e.target.closest('[data-copy]');
    if (!b) return;
    await navigator.clipboard.writeText(b.dataset.copy);
    b.textContent = 'Copied';
  });
  const clock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const ago = (ms) => {
    const s = Math.round((ms - Date.now()) / 1000);
    if (Math.abs(s) < 45) return s > 0 ? 'in a few seconds' : 'just now';
    for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]]) {
      if (Math.abs(s) >= size) return relative.format(Math.round(s / size), unit);
    }
    return relative.format(s, 'second');
  };
  const localTimes = () => {
    for (const t of document.querySelectorAll('time[data-local]')) {
      const at = Date.parse(t.dateTime);
      t.textContent = clock.format(at) + ' (' + ago(at) + ')';
    }
  };
  localTimes();
  setInterval(localTimes, 30000);
  const box = document.querySelector('[data-live]');
  if (!box || box.dataset.live === 'done') return;
  const keys = () => new Set([...document.querySelectorAll('[data-key]')].map((el) => el.dataset.key));
  const timer = setInterval(async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(location.href, { credentials: 'same-origin' });
      if (!res.ok) return;
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('[data-live]');
      if (!next) return;
      const before = keys();
      box.innerHTML = next.innerHTML;
      for (const el of document.querySelectorAll('[data-key]')) {
        if (!before.has(el.dataset.key)) el.classList.add('fresh');
      }
      localTimes();
      box.dataset.live = next.dataset.live;
      if (next.dataset.live === 'done') clearInterval(timer);
    } catch {}
  }, 3000);
})();
`;
