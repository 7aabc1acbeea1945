// Owns the board: one column per status, the card elements in them (kept across renders so focus
// and drag survive), drag and drop, and keyboard on cards. It renders from the store on every change
// of tasks, dependencies, filters or the open task; what a card shows is card.js.
import { store } from './store.js';
import { moveTask } from './tasks.js';
import { renderCard } from './card.js';
import { $, $$, h, STATUSES, relTime } from './util.js';

const DRAG_TYPE = 'application/x-task-id';
const cards = new Map(); // task id -> { node, shown: the task as last rendered (JSON) }
let openCard = () => {};

/** Builds the columns once. `onOpen(id)` opens a task (the panel; injected to keep the modules acyclic). */
export function initBoard({ onOpen }) {
  openCard = onOpen;
  $('#board').append(...STATUSES.map(column));
  store.subscribe(['tasks', 'dependencies', 'filters', 'open'], renderBoard);
  store.subscribe('loading', () => {
    if (store.loading) $('#board').setAttribute('aria-busy', 'true'); else $('#board').removeAttribute('aria-busy');
  });
  // Keep relative times fresh (lease expiries among them): text only, no card is re-rendered.
  setInterval(() => $$('time[data-rel]').forEach((t) => { t.textContent = relTime(t.dateTime); }), 60_000);
}

export const cardElement = (id) => cards.get(id)?.node;
export const focusCard = (id) => cardElement(id)?.focus();
export const focusBoard = () => $('#board').focus();

/** Plays the "just changed" highlight on a card (restarted if it is already playing). */
export function flashCard(id) {
  const node = cardElement(id);
  if (!node) return;
  node.classList.remove('card--flash');
  void node.offsetWidth; // a reflow, so removing and re-adding the class restarts the animation
  node.classList.add('card--flash');
}

function column(status, i) {
  const col = h('section.column', { 'aria-labelledby': `col-h-${status.id}`, dataset: { status: status.id } },
    h('header.column-head',
      h('span.status-icon', { 'aria-hidden': 'true', dataset: { status: status.id } }),
      h('h2', { id: `col-h-${status.id}` }, status.label, h('span.sr-only', ` (status ${i + 1})`)),
      h('span.column-count', { 'aria-label': '0 tasks' }, '0')),
    h('ul.column-list', { role: 'list', 'aria-labelledby': `col-h-${status.id}` }),
    h('p.column-empty', 'No tasks'));
  col.addEventListener('dragover', (e) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    col.classList.add('column--drop');
  });
  col.addEventListener('dragleave', (e) => { if (!col.contains(e.relatedTarget)) col.classList.remove('column--drop'); });
  col.addEventListener('drop', (e) => {
    e.preventDefault();
    col.classList.remove('column--drop');
    const id = e.dataTransfer.getData(DRAG_TYPE);
    if (id) moveTask(id, status.id);
  });
  return col;
}

function renderBoard() {
  const tasks = store.visibleTasks();
  const active = document.activeElement;
  const focusedId = active?.classList?.contains('card') ? active.dataset.id : null;
  const seen = new Set();
  for (const s of STATUSES) {
    const col = $(`.column[data-status="${s.id}"]`);
    const list = $('.column-list', col);
    const inCol = tasks.filter((t) => t.status === s.id);
    const nodes = inCol.map((t) => { seen.add(t.id); return cardFor(t); });
    // Reorder only when needed, so a focused card is not detached needlessly.
    const current = [...list.children];
    if (current.length !== nodes.length || current.some((n, i) => n !== nodes[i])) list.replaceChildren(...nodes);
    const count = $('.column-count', col);
    count.textContent = String(inCol.length);
    count.setAttribute('aria-label', `${inCol.length} task${inCol.length === 1 ? '' : 's'}`);
    col.classList.toggle('column--empty', inCol.length === 0);
  }
  // Cards of tasks no longer shown (filtered out, deleted, or of a status with no column).
  for (const [id, entry] of cards) if (!seen.has(id)) { entry.node.remove(); cards.delete(id); }
  // A card that moved columns was detached, which drops focus: give it back.
  if (focusedId && document.activeElement !== cardElement(focusedId)) cardElement(focusedId)?.focus({ preventScroll: true });
  $('#board-summary').textContent = `${tasks.length} task${tasks.length === 1 ? '' : 's'}${store.truncated ? ' (more not loaded: narrow the filters)' : ''}`;
}

/** The card element of a task, re-rendered only when what it shows changed (any field may be on the card). */
function cardFor(task) {
  let entry = cards.get(task.id);
  if (!entry) cards.set(task.id, entry = { node: cardShell(task.id), shown: null });
  const around = { blockedBy: store.blockersOf(task.id), blocks: store.dependantsOf(task.id), ready: store.isReady(task) };
  const shown = JSON.stringify([task, around]);
  if (entry.shown !== shown) { renderCard(entry.node, task, around); entry.shown = shown; }
  entry.node.classList.toggle('card--open', store.openId === task.id);
  return entry.node;
}

/** The element that stays while the task is on the board: focus, click, keyboard, drag. */
function cardShell(id) {
  const li = h('li.card', { tabindex: '0', draggable: 'true', dataset: { id }, 'aria-keyshortcuts': 'Enter Shift+ArrowLeft Shift+ArrowRight 1 2 3 4 5' });
  li.addEventListener('click', () => openCard(id));
  li.addEventListener('keydown', (e) => onCardKey(e, li));
  li.addEventListener('dragstart', (e) => {
    e.dataTransfer.setData(DRAG_TYPE, id);
    e.dataTransfer.setData('text/plain', store.task(id)?.title ?? id);
    e.dataTransfer.effectAllowed = 'move';
    li.classList.add('card--dragging');
    document.body.classList.add('is-dragging');
  });
  li.addEventListener('dragend', () => {
    li.classList.remove('card--dragging');
    document.body.classList.remove('is-dragging');
    $$('.column--drop').forEach((c) => c.classList.remove('column--drop'));
  });
  return li;
}

function onCardKey(e, li) {
  const id = li.dataset.id;
  const t = store.task(id);
  if (!t) return;
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openCard(id); return; }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const idx = STATUSES.findIndex((s) => s.id === t.status);
  const moveTo = (status) => { if (status) moveByKeyboard(id, status.id); };
  if ((e.shiftKey && e.key === 'ArrowRight') || e.key === ']') { e.preventDefault(); moveTo(STATUSES[idx + 1]); return; }
  if ((e.shiftKey && e.key === 'ArrowLeft') || e.key === '[') { e.preventDefault(); moveTo(STATUSES[idx - 1]); return; }
  if (/^[1-5]$/.test(e.key)) { e.preventDefault(); moveTo(STATUSES[Number(e.key) - 1]); return; }
  if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
    e.preventDefault();
    focusNeighbour(li, e.key);
  }
}

/** The focus follows the card: to its new column at once, and back if the server refused the move. */
function moveByKeyboard(id, status) {
  const saved = moveTask(id, status);
  focusCard(id);
  saved.then((ok) => { if (!ok) focusCard(id); });
}

/** Arrow keys move focus within a column (up/down, Home/End) or to the nearest card in the next non-empty column. */
function focusNeighbour(li, key) {
  const list = li.parentElement;
  const inList = [...list.children];
  const i = inList.indexOf(li);
  if (key === 'ArrowDown') inList[i + 1]?.focus();
  else if (key === 'ArrowUp') inList[i - 1]?.focus();
  else if (key === 'Home') inList[0]?.focus();
  else if (key === 'End') inList[inList.length - 1]?.focus();
  else {
    const lists = $$('.column-list');
    const step = key === 'ArrowRight' ? 1 : -1;
    for (let c = lists.indexOf(list) + step; c >= 0 && c < lists.length; c += step) {
      const target = lists[c].children[Math.min(i, lists[c].children.length - 1)];
      if (target) { target.focus(); break; }
    }
  }
}
