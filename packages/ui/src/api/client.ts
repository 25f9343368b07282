/** Every call the UI makes goes through here: paths are relative to the page's `<base href>` (the query base path). */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The API could not be reached at all (server down, network gone). */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

export function apiUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), document.baseURI).toString();
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, signal === undefined ? {} : { signal });
}

export async function postJson<T>(path: string, body: BodyInit, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { method: 'POST', body, headers: { 'content-type': 'application/json' }, ...(signal ? { signal } : {}) });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), init);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new UnreachableError(`The Skein query service cannot be reached (${(error as Error).message}). Is it running?`);
  }
  const text = await response.text();
  if (!response.ok) throw new ApiError(response.status, errorMessage(response.status, text));
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, `The query service answered ${path} with something that is not JSON`);
  }
}

/** The message of a Jaeger envelope (`errors[0].msg`) or an api_v3 error (`error.message`), else the status. */
export function errorMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ msg?: string }>; error?: { message?: string } };
    const message = parsed.errors?.[0]?.msg ?? parsed.error?.message;
    if (message) return message;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${status}${body.trim() ? `: ${body.trim().slice(0, 200)}` : ''}`;
}
