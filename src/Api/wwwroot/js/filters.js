// Owns the filter bar and its mirror in the address bar (?q=&assignee=&repository=&priority=), so a
// filtered board can be bookmarked and shared. The form is read into the store when the user
// changes it, and written from the store only when the filters come from the URL: rewriting a field
// the user is typing in would fight them.
import { store, UNASSIGNED } from './store.js';
import { reloadTasks } from './tasks.js';
import { $, h, debounce, fillSelect, userLabel } from './util.js';

const SELECTS = ['assignee', 'repository', 'priority'];

export function initFilters() {
  $('#filters').addEventListener('submit', (e) => e.preventDefault());
  $('#f-q').addEventListener('input', debounce(applyFilters, 250));
  for (const k of SELECTS) $(`#f-${k}`).addEventListener('change', applyFilters);
  $('#f-clear').addEventListener('click', () => {
    $('#f-q').value = '';
    for (const k of SELECTS) $(`#f-${k}`).value = '';
    applyFilters();
  });
  store.subscribe('directory', fillChoices);
}

/** Takes the filters from the address bar (on sign-in), without reloading: the caller loads next. */
export function loadFiltersFromUrl() {
  const p = new URLSearchParams(location.search);
  store.setFilters({ q: p.get('q') ?? '', assignee: p.get('assignee') ?? '', repository: p.get('repository') ?? '', priority: p.get('priority') ?? '' });
  const f = store.filters;
  $('#f-q').value = f.q;
  for (const k of SELECTS) {
    const sel = $(`#f-${k}`);
    // A value from a shared link may not be an option (yet): show it rather than drop it.
    if (f[k] && ![...sel.options].some((o) => o.value === f[k])) sel.append(h('option', { value: f[k] }, f[k]));
    sel.value = f[k];
  }
}

function applyFilters() {
  const changed = store.setFilters({ q: $('#f-q').value.trim(), assignee: $('#f-assignee').value, repository: $('#f-repository').value, priority: $('#f-priority').value });
  if (!changed) return;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(store.filters)) if (v) p.set(k, v);
  history.replaceState(history.state, '', location.pathname + (p.toString() ? `?${p}` : ''));
  reloadTasks();
}

function fillChoices() {
  const f = store.filters;
  fillSelect($('#f-assignee'), [{ value: '', label: 'Anyone' }, { value: 'me', label: 'Me' }, { value: UNASSIGNED, label: 'Unassigned' },
    ...store.users.filter((u) => !store.isMe(u)).map((u) => ({ value: u.id, label: userLabel(u) }))], f.assignee);
  fillSelect($('#f-repository'), [{ value: '', label: 'All repositories' }, ...store.repositories.map((r) => ({ value: r, label: r }))], f.repository);
}
