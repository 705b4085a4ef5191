const KEY = 'crm-hub.api-key';

/** The API key of this tab only: session storage, never local storage or a cookie; gone when the tab closes. */
export const apiKeyStorage = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key),
  clear: (): void => sessionStorage.removeItem(KEY),
};
