// Vault Settings -> Certificates: the table, the Add Certificate dialog, the preview and the removal.

import * as api from './api.js';
import { $, el, formatDate, formatTime, emptyRow } from './dom.js';
import { openDialog, clearErrors, fieldError, confirmAction, whileBusy } from './dialogs.js';

// Which field an upload error concerns; the others show at the top of the dialog.
const ERROR_FIELDS = {
  INVALID_CERTIFICATE: 'certificate-pem',
  CERTIFICATE_EXPIRED: 'certificate-pem',
  NOT_A_CLIENT_CERTIFICATE: 'certificate-pem',
  INVALID_CHAIN: 'certificate-pem',
  INVALID_PRIVATE_KEY: 'private-key-pem',
  KEY_CERT_MISMATCH: 'private-key-pem',
  PASSPHRASE_REQUIRED: 'certificate-passphrase',
  WRONG_PASSPHRASE: 'certificate-passphrase',
  UNKNOWN_CREDENTIAL: 'certificate-target',
  UNKNOWN_ROUTE: 'certificate-target',
  INVALID_ASSOCIATION: 'certificate-target',
};

const BADGES = {
  EXPIRING_SOON: ['Expiring soon', 'badge warn'],
  EXPIRED: ['Expired', 'badge bad'],
  SCHEDULED: ['Scheduled', 'badge info'],
};

const PROXY_TYPES = { OUTBOUND: 'Outbound', INBOUND: 'Inbound' };

export function credentialName(credential) {
  return credential.description ? credential.username + ' (' + credential.description + ')' : credential.username;
}

export function routeName(route) {
  return route.pathPrefix + ' → ' + route.upstream;
}

function targetName(state, certificate) {
  if (certificate.proxyType === 'OUTBOUND') {
    const credential = state.credentials.find((c) => c.id === certificate.credentialId);
    return credential ? credentialName(credential) : certificate.credentialId;
  }
  const route = state.routes.find((r) => r.id === certificate.routeId);
  return route ? routeName(route) : certificate.routeId;
}

function expiresCell(certificate) {
  const cell = el('td', {}, el('time', { datetime: certificate.notAfter }, formatDate(certificate.notAfter)));
  const badge = BADGES[certificate.status];
  if (badge) {
    cell.append(' ', el('span', { class: badge[1] }, badge[0]));
  }
  if (certificate.status === 'SCHEDULED') {
    cell.append(' ', el('span', { class: 'subtle small' }, 'from ' + formatDate(certificate.notBefore)));
  }
  return cell;
}

function row(state, certificate) {
  const open = () => preview(state, certificate);
  const remove = el('button', {
    type: 'button',
    class: 'icon',
    'aria-label': 'Remove certificate ' + certificate.description,
    title: 'Remove certificate',
    onclick: (event) => {
      event.stopPropagation();
      askRemoval(state, certificate);
    },
  }, '×');
  return el('tr', {
    tabindex: 0,
    class: 'clickable',
    'data-id': certificate.id,
    onclick: open,
    onkeydown: (event) => {
      if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        open();
      }
    },
  },
  el('td', {}, certificate.description),
  el('td', {}, PROXY_TYPES[certificate.proxyType] || certificate.proxyType),
  el('td', {}, targetName(state, certificate)),
  expiresCell(certificate),
  el('td', {}, certificate.inUse ? 'Yes' : 'No'),
  el('td', { class: 'actions-cell' }, remove));
}

export function render(state) {
  const tbody = $('certificates-table').tBodies[0];
  const sorted = [...state.certificates].sort((a, b) => a.notAfter.localeCompare(b.notAfter));
  if (sorted.length === 0) {
    emptyRow(tbody, 6, 'No certificates in this vault yet. Use Add Certificate to upload one.');
    return;
  }
  tbody.replaceChildren(...sorted.map((c) => row(state, c)));
}

function preview(state, c) {
  const keyText = c.keyAlgorithm + (c.keySize ? ', ' + c.keySize + ' bits' : '');
  const chain = c.chainLength === 1 ? '1 (the certificate alone)'
    : c.chainLength + ' (the certificate and ' + (c.chainLength - 1) + ' intermediate'
      + (c.chainLength > 2 ? 's' : '') + ')';
  const entries = [
    ['Signer', c.signer],
    ['Subject', c.subject],
    ['Subject alternative names', (c.subjectAltNames || []).join(', ') || 'None'],
    ['Serial number', c.serialNumber],
    ['SHA-256 fingerprint', c.sha256Fingerprint],
    ['Valid from', formatTime(c.notBefore)],
    ['Valid until', formatTime(c.notAfter) + (BADGES[c.status] ? ' (' + BADGES[c.status][0] + ')' : '')],
    ['Key', keyText],
    ['Chain length', chain],
    ['Proxy type', PROXY_TYPES[c.proxyType] || c.proxyType],
    [c.proxyType === 'OUTBOUND' ? 'Access credential' : 'Route', targetName(state, c)],
    ['In use', c.inUse ? 'Yes, selected for new connections' : 'No'],
    ['Uploaded', formatTime(c.createdAt)],
  ];
  $('preview-title').textContent = c.description;
  $('preview-details').replaceChildren(...entries.flatMap(([term, value]) => [
    el('dt', {}, term), el('dd', { class: term.includes('fingerprint') || term === 'Serial number' ? 'mono' : null },
      value)]));
  const dialog = $('preview-dialog');
  openDialog(dialog, dialog.querySelector('[data-close]'));
}

function askRemoval(state, certificate) {
  confirmAction({
    title: 'Remove certificate?',
    message: 'Remove "' + certificate.description + '"? Gatehouse stops presenting it at once; '
      + 'new connections to the third party will no longer use it.',
    confirmLabel: 'Remove Certificate',
    action: async () => {
      await api.certificates.remove(state.vaultId, certificate.id);
      await state.refresh();
    },
  });
}

function fillTargets(state) {
  const outbound = $('certificate-proxy-type').value === 'OUTBOUND';
  $('certificate-target-label').textContent = outbound ? 'Access credential' : 'Route';
  const items = outbound
    ? state.credentials.map((c) => el('option', { value: c.id }, credentialName(c)))
    : state.routes.map((r) => el('option', { value: r.id }, routeName(r)));
  const none = outbound ? 'No access credentials in this vault: create one first' : 'No routes in this vault: create one first';
  $('certificate-target').replaceChildren(...(items.length ? items : [el('option', { value: '' }, none)]));
}

function readFileInto(fileInput, textarea) {
  fileInput.addEventListener('change', () => {
    const file = fileInput.files[0];
    if (!file) {
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result);
      if (!text.includes('-----BEGIN')) {
        fieldError(textarea.id, 'The file "' + file.name + '" is not PEM text (-----BEGIN ...).', 'certificate-form-error');
        return;
      }
      textarea.value = text;
      $(textarea.id + '-error').textContent = '';
      textarea.removeAttribute('aria-invalid');
    };
    reader.onerror = () => fieldError(textarea.id, 'The file could not be read.', 'certificate-form-error');
    reader.readAsText(file);
  });
}

// A PKCS#12 bundle chosen in the dialog, base64-encoded, sent instead of the two PEM fields.
let bundle = null;

function useBundle(name, base64) {
  bundle = base64;
  const pem = !base64;
  $('certificate-pem').disabled = !pem;
  $('private-key-pem').disabled = !pem;
  $('pkcs12-clear').hidden = pem;
  $('pkcs12-status').textContent = pem ? ''
    : 'Using the bundle "' + name + '"; the Certificate and Private key fields are not sent.';
  if (pem) {
    $('pkcs12-file').value = '';
  }
}

function readBundle() {
  const input = $('pkcs12-file');
  input.addEventListener('change', () => {
    const file = input.files[0];
    if (!file) {
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      useBundle(file.name, btoa(binary));
    };
    reader.onerror = () => fieldError(null, 'The bundle file could not be read.', 'certificate-form-error');
    reader.readAsArrayBuffer(file);
  });
  $('pkcs12-clear').addEventListener('click', () => useBundle(null, null));
}

function uploadBody() {
  const proxyType = $('certificate-proxy-type').value;
  const target = $('certificate-target').value;
  const body = bundle ? { proxyType, pkcs12: bundle } : {
    proxyType,
    certificate: $('certificate-pem').value,
    privateKey: $('private-key-pem').value,
  };
  body[proxyType === 'OUTBOUND' ? 'credentialId' : 'routeId'] = target;
  const passphrase = $('certificate-passphrase').value;
  const description = $('certificate-description').value.trim();
  if (passphrase) {
    body.passphrase = passphrase;
  }
  if (description) {
    body.description = description;
  }
  return body;
}

export function init(state) {
  const form = $('certificate-form');
  $('add-certificate').addEventListener('click', () => {
    form.reset();
    clearErrors(form);
    useBundle(null, null);
    fillTargets(state);
    openDialog($('certificate-dialog'), $('certificate-pem'));
  });
  $('certificate-proxy-type').addEventListener('change', () => fillTargets(state));
  readFileInto($('certificate-file'), $('certificate-pem'));
  readFileInto($('private-key-file'), $('private-key-pem'));
  readBundle();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!$('certificate-target').value) {
      fieldError('certificate-target', $('certificate-target-label').textContent + ' is required.', 'certificate-form-error');
      return;
    }
    try {
      await whileBusy(form, () => api.certificates.create(state.vaultId, uploadBody()));
      $('certificate-dialog').close();
      form.reset();
      useBundle(null, null);
      await state.refresh();
    } catch (e) {
      const field = ERROR_FIELDS[e.code];
      const pemField = field === 'certificate-pem' || field === 'private-key-pem';
      fieldError(bundle && pemField ? 'pkcs12-file' : field, e.message, 'certificate-form-error');
    }
  });
}
