/*
 * The sandbox chat page: plays one Telegram user against the bot through the control API.
 *
 * Identity comes from the query string (?user=42&first_name=Ann&username=ann&admin=1), else from
 * the last one used in this browser. The page polls the chat's history and the callback answers
 * every POLL_MS; every change the bot makes (send, edit, delete, keyboard) shows on the next poll.
 */
(function () {
  'use strict';

  const POLL_MS = 700;
  const TOAST_MS = 3500;
  const STORAGE_KEY = 'telegram-sandbox.identity';
  const $ = (testId) => document.querySelector(`[data-testid="${testId}"]`);

  const state = {
    user: loadIdentity(),
    // Bumped when the user switches, so that a poll started for the old user is ignored.
    generation: 0,
    messages: new Map(), // message_id -> { element, signature }
    answersSeen: -1, // -1: not loaded yet; answers already there when the page opens are not toasted
    polling: false,
    pollAgain: false,
    timer: null,
  };

  // ---- identity ----

  function loadIdentity() {
    const query = new URLSearchParams(location.search);
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
    } catch (ignored) {
      saved = {};
    }
    const id = Number(query.get('user') ?? saved.id ?? 42);
    return {
      id: Number.isSafeInteger(id) && id > 0 ? id : 42,
      firstName: query.get('first_name') ?? saved.firstName ?? '',
      username: (query.get('username') ?? saved.username ?? '').replace(/^@/, ''),
      admin: query.has('admin') ? ['1', 'true', 'yes', ''].includes(query.get('admin')) : Boolean(saved.admin),
    };
  }

  function saveIdentity(user) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
    const query = new URLSearchParams({ user: String(user.id) });
    if (user.firstName) query.set('first_name', user.firstName);
    if (user.username) query.set('username', user.username);
    if (user.admin) query.set('admin', '1');
    history.replaceState(null, '', `${location.pathname}?${query}`);
  }

  function showIdentity() {
    const user = state.user;
    $('identity-user-id').value = String(user.id);
    $('identity-first-name').value = user.firstName;
    $('identity-username').value = user.username;
    $('identity-admin').checked = user.admin;
    const me = $('me');
    me.replaceChildren();
    const name = document.createElement('span');
    name.textContent = `${user.firstName || `User ${user.id}`}${user.username ? ` @${user.username}` : ''} · id ${user.id}`;
    me.appendChild(name);
    if (user.admin) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.testid = 'admin-badge';
      badge.title = 'A label only: admin rights come from the bot\'s ADMIN_USER_IDS';
      badge.textContent = 'admin';
      me.appendChild(badge);
    }
  }

  function applyIdentity(event) {
    event.preventDefault();
    const id = Number($('identity-user-id').value);
    if (!Number.isSafeInteger(id) || id <= 0) {
      toast('The user id must be a positive integer.', true);
      return;
    }
    const switched = id !== state.user.id;
    state.user = {
      id,
      firstName: $('identity-first-name').value.trim(),
      username: $('identity-username').value.trim().replace(/^@/, ''),
      admin: $('identity-admin').checked,
    };
    saveIdentity(state.user);
    showIdentity();
    if (switched) {
      resetChat();
    }
    pollNow();
  }

  function resetChat() {
    state.generation++;
    state.messages.clear();
    state.answersSeen = -1;
    for (const element of document.querySelectorAll('[data-testid="message"]')) {
      element.remove();
    }
    $('chat-empty').hidden = false;
    showBlocked(false);
  }

  // ---- HTTP ----

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      cache: 'no-store',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(`${response.status} ${json && json.error ? json.error : response.statusText}`);
    }
    return json;
  }

  // ---- polling ----

  function pollNow() {
    clearTimeout(state.timer);
    if (state.polling) {
      state.pollAgain = true;
      return;
    }
    poll();
  }

  async function poll() {
    state.polling = true;
    const generation = state.generation;
    const id = state.user.id;
    try {
      const [history, answers] = await Promise.all([
        call('GET', `/sandbox/chats/${id}/history`),
        call('GET', `/sandbox/chats/${id}/callback-answers`),
      ]);
      if (generation === state.generation) {
        showHistory(history);
        showAnswers(answers);
      }
      showConnection(null);
    } catch (error) {
      showConnection(error);
    } finally {
      state.polling = false;
      const delay = state.pollAgain ? 0 : POLL_MS;
      state.pollAgain = false;
      clearTimeout(state.timer);
      state.timer = setTimeout(poll, delay);
    }
  }

  function showConnection(error) {
    const line = $('connection-state');
    line.textContent = error ? `Sandbox unreachable: ${error.message}` : `Live · refreshed every ${POLL_MS} ms`;
    line.classList.toggle('error', Boolean(error));
  }

  // ---- messages ----

  function showHistory(history) {
    showBlocked(history.blocked);
    const log = $('chat-log');
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    let added = false;
    for (const message of history.messages) {
      const signature = JSON.stringify([message.text, message.parse_mode, message.reply_markup,
        message.edits, message.deleted]);
      const known = state.messages.get(message.message_id);
      if (!known) {
        const element = document.createElement('div');
        element.dataset.testid = 'message';
        element.dataset.messageId = String(message.message_id);
        element.dataset.from = message.from;
        fillMessage(element, message);
        log.appendChild(element);
        state.messages.set(message.message_id, { element, signature });
        added = true;
      } else if (known.signature !== signature) {
        // Same element, new content: an edit shows in place, as in Telegram.
        fillMessage(known.element, message);
        known.signature = signature;
      }
    }
    $('chat-empty').hidden = state.messages.size > 0;
    if (added && (nearBottom || history.messages.at(-1).from === 'user')) {
      log.scrollTop = log.scrollHeight;
    }
  }

  function fillMessage(element, message) {
    element.className = `message from-${message.from}${message.deleted ? ' deleted' : ''}`;
    element.dataset.edits = String(message.edits);
    element.dataset.deleted = String(message.deleted);

    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.dataset.testid = 'message-bubble';
    const text = document.createElement('div');
    text.className = 'text';
    text.dataset.testid = 'message-text';
    if (message.deleted) {
      text.textContent = 'This message was deleted by the bot.';
    } else {
      TelegramHtml.render(message, text);
    }
    bubble.appendChild(text);
    bubble.appendChild(meta(message));

    const parts = [bubble];
    const keyboard = message.reply_markup && message.reply_markup.inline_keyboard;
    if (!message.deleted && Array.isArray(keyboard) && keyboard.length > 0) {
      parts.push(inlineKeyboard(message.message_id, keyboard));
    }
    element.replaceChildren(...parts);
  }

  function meta(message) {
    const meta = document.createElement('div');
    meta.className = 'meta';
    if (message.edits > 0) {
      const edited = document.createElement('span');
      edited.className = 'edited';
      edited.dataset.testid = 'edited-mark';
      edited.title = `edited ${message.edits}× · last ${message.edited_at}`;
      edited.textContent = 'edited';
      meta.appendChild(edited);
    }
    const time = document.createElement('time');
    time.dateTime = message.sent_at;
    time.title = `#${message.message_id} · ${message.sent_at}`;
    time.textContent = new Date(message.sent_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    meta.appendChild(time);
    return meta;
  }

  function inlineKeyboard(messageId, rows) {
    const keyboard = document.createElement('div');
    keyboard.className = 'keyboard';
    keyboard.dataset.testid = 'inline-keyboard';
    for (const row of rows) {
      const line = document.createElement('div');
      line.className = 'keyboard-row';
      for (const button of Array.isArray(row) ? row : []) {
        line.appendChild(inlineButton(messageId, button || {}));
      }
      keyboard.appendChild(line);
    }
    return keyboard;
  }

  function inlineButton(messageId, button) {
    const label = String(button.text ?? '');
    if (typeof button.url === 'string' && /^(https?:|tg:)/i.test(button.url)) {
      const link = document.createElement('a');
      link.className = 'inline-button url';
      link.dataset.testid = 'inline-button';
      link.href = button.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = `${label} ↗`;
      return link;
    }
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'inline-button';
    element.dataset.testid = 'inline-button';
    element.textContent = label;
    if (typeof button.callback_data === 'string') {
      element.dataset.callbackData = button.callback_data;
      element.addEventListener('click', () => press(element, messageId, button.callback_data));
    } else {
      element.disabled = true;
      element.title = 'Only callback and URL buttons work in the sandbox page';
    }
    return element;
  }

  async function press(element, messageId, data) {
    element.classList.add('pending');
    try {
      await call('POST', `/sandbox/users/${state.user.id}/callbacks`, { message_id: messageId, data });
      pollNow();
    } catch (error) {
      toast(`Button press refused: ${error.message}`, true);
    } finally {
      setTimeout(() => element.classList.remove('pending'), 600);
    }
  }

  // ---- callback answers, blocking, toasts ----

  function showAnswers(answers) {
    if (state.answersSeen < 0) {
      state.answersSeen = answers.length;
      return;
    }
    for (const answer of answers.slice(state.answersSeen)) {
      if (answer.text) {
        toast(answer.text, false, answer.show_alert);
      }
    }
    state.answersSeen = answers.length;
  }

  function toast(text, error, alert) {
    const element = document.createElement('div');
    element.className = `toast${error ? ' error' : ''}${alert ? ' alert' : ''}`;
    element.dataset.testid = alert ? 'alert' : 'toast';
    element.setAttribute('role', alert ? 'alertdialog' : 'status');
    const body = document.createElement('div');
    body.textContent = text;
    element.appendChild(body);
    if (alert) {
      // show_alert answers wait for the user, as Telegram's dialog does.
      const ok = document.createElement('button');
      ok.type = 'button';
      ok.textContent = 'OK';
      ok.addEventListener('click', () => element.remove());
      element.appendChild(ok);
    } else {
      setTimeout(() => element.remove(), TOAST_MS);
    }
    $('toasts').appendChild(element);
  }

  function showBlocked(blocked) {
    $('blocked-state').textContent = blocked ? 'blocked' : 'active';
    $('blocked-state').classList.toggle('blocked', blocked);
    $('blocked-banner').hidden = !blocked;
    $('block-button').hidden = blocked;
    $('unblock-button').hidden = !blocked;
  }

  async function setBlocked(blocked) {
    try {
      const answer = await call('POST', `/sandbox/users/${state.user.id}/${blocked ? 'block' : 'unblock'}`, {});
      showBlocked(answer.blocked);
      toast(answer.blocked ? 'You blocked the bot.' : 'You unblocked the bot.');
      pollNow();
    } catch (error) {
      toast(`Could not ${blocked ? 'block' : 'unblock'}: ${error.message}`, true);
    }
  }

  // ---- composer ----

  async function send(event) {
    event.preventDefault();
    const input = $('message-input');
    const text = input.value;
    if (!text.trim()) {
      return;
    }
    const body = { text };
    if (state.user.firstName) body.first_name = state.user.firstName;
    if (state.user.username) body.username = state.user.username;
    $('send-button').disabled = true;
    try {
      await call('POST', `/sandbox/users/${state.user.id}/messages`, body);
      input.value = '';
      grow(input);
      pollNow();
    } catch (error) {
      toast(`Message refused: ${error.message}`, true);
    } finally {
      $('send-button').disabled = false;
      input.focus();
    }
  }

  function grow(input) {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }

  function start() {
    showIdentity();
    $('identity-form').addEventListener('submit', applyIdentity);
    $('composer').addEventListener('submit', send);
    const input = $('message-input');
    input.addEventListener('input', () => grow(input));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('composer').requestSubmit();
      }
    });
    $('block-button').addEventListener('click', () => setBlocked(true));
    $('unblock-button').addEventListener('click', () => setBlocked(false));
    $('banner-unblock-button').addEventListener('click', () => setBlocked(false));
    input.focus();
    poll();
  }

  start();
}());
