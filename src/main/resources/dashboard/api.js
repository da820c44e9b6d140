// Calls to the admin API with the dashboard's session: the cookie goes along by itself, and every state-changing
// call carries the session's CSRF token. Errors become ApiError with the API's code and message.

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'Gatehouse cannot be reached; check that the node is running.');
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new ApiError(response.status, error.code || 'HTTP_' + response.status,
      error.message || 'The request failed with HTTP ' + response.status + '.');
  }
  return data;
}

async function call(method, path, body) {
  try {
    return await send(method, path, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && path.startsWith('/api/')) {
      csrfToken = null;
      onSignedOut('Your session has ended; sign in again.');
    }
    throw e;
  }
}

export async function currentSession() {
  try {
    csrfToken = (await send('GET', '/ui/session')).csrfToken;
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      return false;
    }
    throw e;
  }
}

export async function signIn(token) {
  csrfToken = (await send('POST', '/ui/session', { token })).csrfToken;
}

export async function signOut() {
  try {
    await send('DELETE', '/ui/session');
  } finally {
    csrfToken = null;
  }
}

const vaultPath = (vaultId) => '/api/v1/vaults/' + encodeURIComponent(vaultId);
const itemPath = (vaultId, kind, id) => vaultPath(vaultId) + '/' + kind + '/' + encodeURIComponent(id);

export const vaults = {
  list: async () => (await call('GET', '/api/v1/vaults')).items,
  create: (name) => call('POST', '/api/v1/vaults', { name }),
};

function collection(kind) {
  return {
    list: async (vaultId) => (await call('GET', vaultPath(vaultId) + '/' + kind)).items,
    get: (vaultId, id) => call('GET', itemPath(vaultId, kind, id)),
    create: (vaultId, body) => call('POST', vaultPath(vaultId) + '/' + kind, body),
    update: (vaultId, id, body) => call('PUT', itemPath(vaultId, kind, id), body),
    remove: (vaultId, id) => call('DELETE', itemPath(vaultId, kind, id)),
  };
}

export const credentials = collection('credentials');
export const routes = collection('routes');
export const certificates = collection('certificates');
