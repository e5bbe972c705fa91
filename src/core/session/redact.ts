/**
 * Error text from a call can carry the room URL with its meeting token (`?t=…`), credentials or a bare JWT.
 * The widget shows that text, hands it to listeners and into exports, so secrets go before it is kept;
 * and it is cut short, since a hostile or broken source could otherwise fill the badge with a megabyte.
 */
export const MAX_ERROR_LENGTH = 200;

const URL_SECRETS = /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#@]*@)?([^\s?#'"<>]*)[?#][^\s'"<>)]*/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const TOKEN_PARAM = /\b(t|token|access_token|meeting_token)=[^\s&'"<>),;]+/gi;

export function redactSecrets(text: string, max = MAX_ERROR_LENGTH): string {
  const clean = text
    .replace(URL_SECRETS, '$1$2')
    .replace(URL_USERINFO, '$1')
    .replace(JWT, '[redacted]')
    .replace(TOKEN_PARAM, '$1=[redacted]');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
