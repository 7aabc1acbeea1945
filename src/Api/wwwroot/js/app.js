// Owns start-up: wires the dashboard's modules together once, then signs in (or shows sign-in).
// A live board over the REST API and the SSE stream, as plain ES modules: no build step.
// State lives in store.js and changes only through its actions; views subscribe and render.
import { initBoard } from './board.js';
import { initTaskPanel, openPanel } from './task-panel.js';
import { initTaskDialog } from './task-dialog.js';
import { initFilters } from './filters.js';
import { initShell } from './shell.js';
import { initLiveUpdates } from './live-updates.js';
import { initSession, resumeSession } from './session.js';

initBoard({ onOpen: openPanel });
initTaskPanel();
initTaskDialog();
initFilters();
initShell();
initLiveUpdates();
initSession();
resumeSession();
