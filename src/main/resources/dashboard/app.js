// The dashboard's entry point: sign-in, the vault picker, the Vault Settings tabs, and reloading a vault's data.

import * as api from './api.js';
import { $, el, showError } from './dom.js';
import { wireCloseButtons, wireConfirmDialog, openDialog, clearErrors, fieldError, whileBusy } from './dialogs.js';
import * as certificates from './certificates.js';
import * as credentials from './credentials.js';
import * as routes from './routes.js';

const state = {
  vaults: [],
  vaultId: null,
  credentials: [],
  routes: [],
  certificates: [],
  refresh,
  pageError: (message) => showError('page-error', message),
};

function showSignIn(message) {
  $('workspace').hidden = true;
  $('vault-bar').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    dialog.close();
  }
  showError('sign-in-error', message || '');
  $('admin-token').focus();
}

async function showWorkspace() {
  $('sign-in').hidden = true;
  $('workspace').hidden = false;
  $('vault-bar').hidden = false;
  $('sign-out').hidden = false;
  await loadVaults(location.hash.slice(1) || null);
}

async function loadVaults(preferredId) {
  state.vaults = await api.vaults.list();
  const picker = $('vault-picker');
  picker.replaceChildren(...state.vaults.map((v) => el('option', { value: v.id }, v.name + ' (' + v.id + ')')));
  const known = state.vaults.some((v) => v.id === preferredId);
  const chosen = known ? preferredId : (state.vaults[0] ? state.vaults[0].id : null);
  picker.disabled = state.vaults.length === 0;
  $('no-vault').hidden = chosen !== null;
  $('vault-settings').hidden = chosen === null;
  if (chosen) {
    picker.value = chosen;
    await selectVault(chosen);
  } else {
    $('workspace').setAttribute('aria-busy', 'false');
  }
}

async function selectVault(vaultId) {
  state.vaultId = vaultId;
  history.replaceState(null, '', '#' + vaultId);
  const vault = state.vaults.find((v) => v.id === vaultId);
  $('vault-title').textContent = vault ? '· ' + vault.name : '';
  state.pageError('');
  await refresh();
}

async function refresh() {
  const vaultId = state.vaultId;
  $('workspace').setAttribute('aria-busy', 'true');
  try {
    const [creds, rts, certs] = await Promise.all([
      api.credentials.list(vaultId), api.routes.list(vaultId), api.certificates.list(vaultId)]);
    Object.assign(state, { credentials: creds, routes: rts, certificates: certs });
  } catch (e) {
    state.pageError(e.message);
  }
  certificates.render(state);
  credentials.render(state);
  routes.render(state);
  $('workspace').setAttribute('aria-busy', 'false');
}

function showPanel(name) {
  for (const tab of document.querySelectorAll('.tabs button')) {
    const current = tab.dataset.panel === name;
    if (current) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
    $('panel-' + tab.dataset.panel).hidden = !current;
  }
}

function wireSignIn() {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const token = $('admin-token').value.trim();
    if (!token) {
      showError('sign-in-error', 'Enter the admin token.');
      return;
    }
    try {
      await whileBusy(form, () => api.signIn(token));
      form.reset();
      showError('sign-in-error', '');
      await showWorkspace();
      $('workspace-title').focus();
    } catch (e) {
      showError('sign-in-error', e.message);
      $('admin-token').select();
    }
  });
  $('sign-out').addEventListener('click', async () => {
    await api.signOut().catch(() => {});
    showSignIn('');
  });
}

function wireVaults() {
  $('vault-picker').addEventListener('change', (event) => selectVault(event.target.value));
  $('create-vault').addEventListener('click', () => {
    const form = $('vault-form');
    form.reset();
    clearErrors(form);
    openDialog($('vault-dialog'), $('vault-name'));
  });
  $('vault-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    clearErrors(form);
    const name = $('vault-name').value.trim();
    if (!name) {
      fieldError('vault-name', 'Give the vault a name.', 'vault-form-error');
      return;
    }
    try {
      const vault = await whileBusy(form, () => api.vaults.create(name));
      $('vault-dialog').close();
      await loadVaults(vault.id);
    } catch (e) {
      fieldError(e.code === 'INVALID_REQUEST' ? 'vault-name' : null, e.message, 'vault-form-error');
    }
  });
}

async function start() {
  wireCloseButtons();
  wireConfirmDialog();
  wireSignIn();
  wireVaults();
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.addEventListener('click', () => showPanel(tab.dataset.panel));
  }
  certificates.init(state);
  credentials.init(state);
  routes.init(state);
  api.whenSignedOut(showSignIn);
  try {
    if (await api.currentSession()) {
      await showWorkspace();
    } else {
      showSignIn('');
    }
  } catch (e) {
    showSignIn(e.message);
  }
}

start();
