/*
 * Renders a bot message the way Telegram shows it, built node by node: the browser never parses it as HTML.
 *
 * parse_mode=HTML keeps only b/strong/i/em/u/s/code/pre/a/br as elements; any other tag, and any
 * markup that does not parse, is shown as the literal text it is. Links keep only an http(s),
 * tg: or mailto: href. Other parse modes show the plain text the sandbox derived from them.
 */
(function (global) {
  'use strict';

  const ALLOWED = new Set(['b', 'strong', 'i', 'em', 'u', 's', 'code', 'pre', 'a', 'br']);
  const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: '\'', nbsp: '\u00a0' };
  const SAFE_HREF = /^(https?:|tg:|mailto:)/i;
  // A tag (closing flag, name, attributes) or a character reference.
  const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;
  const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

  function decodeReference(ref) {
    if (ref[0] !== '#') {
      return Object.prototype.hasOwnProperty.call(NAMED, ref.toLowerCase()) ? NAMED[ref.toLowerCase()] : null;
    }
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : null;
  }

  function decodeText(text) {
    return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g,
      (whole, ref) => decodeReference(ref) ?? whole);
  }

  function safeHref(attributes) {
    const match = HREF.exec(attributes || '');
    if (!match) {
      return null;
    }
    const href = decodeText(match[1] ?? match[2] ?? match[3]).trim();
    return SAFE_HREF.test(href) ? href : null;
  }

  function appendText(parent, text) {
    if (text) {
      parent.appendChild(document.createTextNode(text));
    }
  }

  function renderHtml(html, target) {
    // stack[0] is the target; each open allowed element sits above it.
    const stack = [{ name: null, node: target }];
    const top = () => stack[stack.length - 1].node;
    let last = 0;
    for (const match of html.matchAll(TOKEN)) {
      appendText(top(), html.slice(last, match.index));
      last = match.index + match[0].length;
      const [whole, slash, rawName, attributes, reference] = match;
      if (reference !== undefined) {
        appendText(top(), decodeReference(reference) ?? whole);
        continue;
      }
      const name = rawName.toLowerCase();
      if (!ALLOWED.has(name)) {
        appendText(top(), whole);
        continue;
      }
      if (name === 'br') {
        if (!slash) {
          top().appendChild(document.createElement('br'));
        }
        continue;
      }
      if (slash) {
        let at = stack.length - 1;
        while (at > 0 && stack[at].name !== name) {
          at--;
        }
        if (at === 0) {
          appendText(top(), whole);
        } else {
          stack.length = at;
        }
        continue;
      }
      const element = document.createElement(name);
      if (name === 'a') {
        const href = safeHref(attributes);
        if (href) {
          element.setAttribute('href', href);
          element.setAttribute('target', '_blank');
          element.setAttribute('rel', 'noopener noreferrer');
        }
      }
      top().appendChild(element);
      if (!(attributes || '').trim().endsWith('/')) {
        stack.push({ name, node: element });
      }
    }
    appendText(top(), html.slice(last));
  }

  /**
   * Fills target with the message text.
   * @param message {{text: string, parse_mode: ?string, plain_text: ?string}}
   */
  function render(message, target) {
    const text = message.text ?? '';
    if (typeof message.parse_mode === 'string' && message.parse_mode.toUpperCase() === 'HTML') {
      renderHtml(text, target);
    } else {
      appendText(target, message.parse_mode ? (message.plain_text ?? text) : text);
    }
  }

  global.TelegramHtml = Object.freeze({ render });
}(window));
