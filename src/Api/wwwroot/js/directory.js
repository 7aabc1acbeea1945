// Owns loading the directory (users and repositories) into the store, on sign-in and every two
// minutes after: repositories are added while the board is open, and the live stream subscribes
// per repository.
import * as api from './api.js';
import { store } from './store.js';

const REFRESH_MS = 120_000;
let timer = null;

/** Loads both lists; one that fails keeps its previous value (the board works without either). */
export async function loadDirectory() {
  const [users, repositories] = await Promise.allSettled([api.listUsers(), api.listRepositories()]);
  store.setDirectory({
    users: users.status === 'fulfilled' ? users.value : null,
    repositories: repositories.status === 'fulfilled' ? repositories.value : null,
  });
}

export function startDirectoryRefresh() {
  clearInterval(timer);
  timer = setInterval(loadDirectory, REFRESH_MS);
}

export function stopDirectoryRefresh() {
  clearInterval(timer);
}
